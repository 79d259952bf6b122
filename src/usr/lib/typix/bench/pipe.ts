// bench pipe BS COUNT: BS*COUNT bytes through a pipe between two processes. The writer (this
// process) posix_spawns the helper again as the reader ("pipe-read", given the descriptor
// numbers it inherits), writes COUNT chunks of BS bytes from a malloc'd buffer, closes its end
// and waits for the reader, which checks it got every byte. Timed from before the spawn until
// the reader is reaped; prints "bytes", "seconds" and "gbps".
import { read, write, close } from "../../../../lib/libc/unistd.js";
import { waitpid } from "../../../../lib/libc/sys/wait.js";
import { libc, val, type Stdlib, type Spawn, type UnistdPipe } from "./libc.js";
import { nowNs, intArg } from "./clock.js";

export async function benchPipe(args: string[], self: string, envp: string[]): Promise<string> {
  const bs = intArg(args[0], 65536);
  const count = intArg(args[1], 16384);
  const total = bs * count;
  const unistd = await libc<UnistdPipe>("unistd", ["pipe"]);
  const stdlib = await libc<Stdlib>("stdlib", ["malloc", "free"]);
  const spawn = await libc<Spawn>("spawn", ["posix_spawn"]);
  const buf = await val(stdlib.malloc(bs));
  if (!buf) throw new Error("malloc failed");
  const fds = [-1, -1];
  if ((await val(unistd.pipe(fds))) < 0) throw new Error("pipe failed");
  const [rfd, wfd] = fds;
  const t0 = nowNs();
  const pid = { value: 0 };
  const e = await val(spawn.posix_spawn(pid, self, null, null,
    [self, "pipe-read", String(rfd), String(wfd), String(bs), String(total)], envp));
  if (e !== 0) throw new Error(`posix_spawn failed (${e})`);
  await val(close(rfd));
  for (let i = 0; i < count; i++) {
    const r = write(wfd, buf, bs);
    const n = typeof r === "number" ? r : await r;
    if (n !== bs) throw new Error(`write to the pipe returned ${n}`);
  }
  await val(close(wfd));
  const status = { value: 0 };
  if ((await waitpid(pid.value, status, 0)) !== pid.value) throw new Error("waitpid failed");
  const seconds = (nowNs() - t0) / 1e9;
  await val(stdlib.free(buf));
  if (status.value !== 0) throw new Error(`the reader did not get every byte (status 0x${status.value.toString(16)})`);
  return `bytes ${total}\nseconds ${seconds.toFixed(6)}\ngbps ${(total / seconds / 1e9).toFixed(3)}\n`;
}

/** bench pipe-read RFD WFD BS TOTAL: the reading end; exits 0 when it has read exactly TOTAL bytes. */
export async function benchPipeRead(args: string[]): Promise<string> {
  const [rfd, wfd, bs, total] = args.map((a) => Number(a));
  const stdlib = await libc<Stdlib>("stdlib", ["malloc"]);
  await val(close(wfd));
  const buf = await val(stdlib.malloc(bs));
  if (!buf) throw new Error("malloc failed");
  let got = 0;
  for (;;) {
    const r = read(rfd, buf, bs);
    const n = typeof r === "number" ? r : await r;
    if (n < 0) throw new Error("read from the pipe failed");
    if (n === 0) break;
    got += n;
  }
  if (got !== total) throw new Error(`read ${got} bytes of ${total}`);
  return "";
}
