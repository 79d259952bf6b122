// bench dd BS COUNT: what `dd if=/dev/zero of=/dev/null bs=BS count=COUNT` does, timed inside
// the program: COUNT reads of BS bytes from /dev/zero into a malloc'd buffer in the process's
// memory, each written to /dev/null. Prints "bytes", "seconds" and "gbps" (bytes/seconds/1e9).
import { read, write, close } from "../../../../lib/libc/unistd.js";
import { libc, val, type Fcntl, type Stdlib } from "./libc.js";
import { nowNs, intArg } from "./clock.js";

export async function benchDd(args: string[]): Promise<string> {
  const bs = intArg(args[0], 65536);
  const count = intArg(args[1], 16384);
  const fcntl = await libc<Fcntl>("fcntl", ["open", "O_RDONLY", "O_WRONLY"]);
  const stdlib = await libc<Stdlib>("stdlib", ["malloc", "free"]);
  const buf = await val(stdlib.malloc(bs));
  if (!buf) throw new Error("malloc failed");
  const zero = await val(fcntl.open("/dev/zero", fcntl.O_RDONLY));
  if (zero < 0) throw new Error("cannot open /dev/zero");
  const nul = await val(fcntl.open("/dev/null", fcntl.O_WRONLY));
  if (nul < 0) throw new Error("cannot open /dev/null");
  let bytes = 0;
  const t0 = nowNs();
  for (let i = 0; i < count; i++) {
    const r = read(zero, buf, bs);
    const n = typeof r === "number" ? r : await r;
    if (n !== bs) throw new Error(`read of /dev/zero returned ${n}`);
    const w = write(nul, buf, n);
    const m = typeof w === "number" ? w : await w;
    if (m !== n) throw new Error(`write to /dev/null returned ${m}`);
    bytes += m;
  }
  const seconds = (nowNs() - t0) / 1e9;
  await val(close(zero));
  await val(close(nul));
  await val(stdlib.free(buf));
  return `bytes ${bytes}\nseconds ${seconds.toFixed(6)}\ngbps ${(bytes / seconds / 1e9).toFixed(3)}\n`;
}
