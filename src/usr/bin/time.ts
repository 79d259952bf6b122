// /usr/bin/time: run a command and report the resources it used (GNU time's default format,
// from wait4's rusage and the monotonic clock; "Command exited with non-zero status N" first
// when it failed; -p for POSIX's format; -o FILE writes the report there; -a appends).
import { execvp, vfork, write, _exit, close } from "../../lib/libc/unistd.js";
import { open, O_WRONLY, O_CREAT, O_TRUNC, O_APPEND } from "../../lib/libc/fcntl.js";
import { wait4, WIFSIGNALED, WTERMSIG, WEXITSTATUS } from "../../lib/libc/sys/wait.js";
import { errno, strerror, ENOENT, EINTR } from "../../lib/libc/errno.js";
import { signal, SIGINT, SIGQUIT, SIG_IGN } from "../../lib/libc/signal.js";
import { clock_gettime, CLOCK_MONOTONIC, type Timespec } from "../../lib/libc/time.js";
import { scoped, dv, get64 } from "../../lib/libc/internal/sys.js";

const nowMs = async () => { const ts: Timespec = { tv_sec: 0, tv_nsec: 0 }; await clock_gettime(CLOCK_MONOTONIC, ts); return ts.tv_sec * 1000 + ts.tv_nsec / 1e6; };

interface Usage { utimeMs: number; stimeMs: number; maxrss: number; minflt: number; majflt: number; nswap: number;
  inblock: number; oublock: number; nvcsw: number; nivcsw: number }

/** wait4 for pid, retrying on EINTR; the status and struct rusage's fields. */
function waitUsage(pid: number): Promise<{ status: number; ru: Usage } | null> {
  return Promise.resolve(scoped(async (s) => {
    const st = s.buf(4), ru = s.buf(144);
    for (;;) {
      const r = await wait4(pid, st, 0, ru);
      if (r === pid) break;
      if (r < 0 && errno !== EINTR) return null;
    }
    const tv = (o: number) => get64(ru + o) * 1000 + get64(ru + o + 8) / 1000;
    return { status: dv().getInt32(st, true), ru: { utimeMs: tv(0), stimeMs: tv(16), maxrss: get64(ru + 32), minflt: get64(ru + 64),
      majflt: get64(ru + 72), nswap: get64(ru + 80), inblock: get64(ru + 88), oublock: get64(ru + 96), nvcsw: get64(ru + 128), nivcsw: get64(ru + 136) } };
  }));
}

const secs = (ms: number) => (Math.floor(ms / 10) / 100).toFixed(2);
function elapsed(ms: number): string {
  const cs = Math.floor(ms / 10), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, sc = Math.floor(cs / 100) % 60;
  const frac = String(cs % 100).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${String(sc).padStart(2, "0")}` : `${m}:${String(sc).padStart(2, "0")}.${frac}`;
}

export default async function main(argv: string[]): Promise<number> {
  let i = 1, posix = false, outFile: string | null = null, append = false;
  for (; i < argv.length && argv[i].startsWith("-"); i++) {
    const a = argv[i];
    if (a === "--") { i++; break; }
    if (a === "-p" || a === "--portability") posix = true;
    else if (a === "-a" || a === "--append") append = true;
    else if (a === "-o") outFile = argv[++i] ?? null;
    else if (a.startsWith("--output=")) outFile = a.slice(9);
    else if (a === "--help") { await write(1, "Usage: time [-apvV] [-f format] [-o file] [--append] [--verbose]\n       [--portability] [--format=format] [--output=file] [--version]\n       [--quiet] [--help] command [arg...]\n"); return 0; }
    else { await write(2, `time: invalid option -- '${a.replace(/^-+/, "")[0]}'\nUsage: time [-apvV] [-f format] [-o file] [--append] [--verbose]\n       [--portability] [--format=format] [--output=file] [--version]\n       [--quiet] [--help] command [arg...]\n`); return 125; }
  }
  const cmd = argv.slice(i);
  if (cmd.length === 0) { await write(2, "Usage: time [-apvV] [-f format] [-o file] [--append] [--verbose]\n       [--portability] [--format=format] [--output=file] [--version]\n       [--quiet] [--help] command [arg...]\n"); return 125; }
  const start = await nowMs();
  const child = await vfork(async () => {
    await execvp(cmd[0], cmd);
    const e = errno;
    await write(2, `time: cannot run ${cmd[0]}: ${strerror(e)}\n`);
    await _exit(e === ENOENT ? 127 : 126);
  });
  if (child < 0) { await write(2, `time: cannot fork: ${strerror(errno)}\n`); return 125; }
  await signal(SIGINT, SIG_IGN);
  await signal(SIGQUIT, SIG_IGN);
  const w = await waitUsage(child);
  if (!w) { await write(2, `time: error waiting for child process: ${strerror(errno)}\n`); return 1; }
  const ms = (await nowMs()) - start, ru = w.ru;
  let out = "";
  if (WIFSIGNALED(w.status)) out += `Command terminated by signal ${WTERMSIG(w.status)}\n`;
  else if (WEXITSTATUS(w.status)) out += `Command exited with non-zero status ${WEXITSTATUS(w.status)}\n`;
  if (posix) out += `real ${secs(ms)}\nuser ${secs(ru.utimeMs)}\nsys ${secs(ru.stimeMs)}\n`;
  else {
    const cpu = Math.floor(ms) > 0 ? `${Math.floor(((ru.utimeMs + ru.stimeMs) * 100) / ms)}%` : "?%";
    out += `${secs(ru.utimeMs)}user ${secs(ru.stimeMs)}system ${elapsed(ms)}elapsed ${cpu}CPU (0avgtext+0avgdata ${ru.maxrss}maxresident)k\n` +
      `${ru.inblock}inputs+${ru.oublock}outputs (${ru.majflt}major+${ru.minflt}minor)pagefaults ${ru.nswap}swaps\n`;
  }
  let fd = 2;
  if (outFile !== null) {
    fd = await open(outFile, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), 0o666);
    if (fd < 0) { await write(2, `time: couldn't open ${outFile}: ${strerror(errno)}\n`); fd = 2; }
  }
  await write(fd, out);
  if (fd !== 2) await close(fd);
  return WIFSIGNALED(w.status) ? 128 + WTERMSIG(w.status) : WEXITSTATUS(w.status);
}
