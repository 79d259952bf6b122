// A user program that installs signal handlers and checks how they run: raise() runs the
// handler before returning; a handled signal interrupts nanosleep with EINTR; with SA_RESTART a
// read from a pipe goes on after the handler; sigprocmask holds a signal pending until it is
// unblocked; SIG_IGN ignores.
import { sigaction, signal, raise, kill, sigprocmask, sigset, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM, SIG_IGN, SIG_BLOCK, SIG_UNBLOCK, SA_RESTART } from "signal";
import { write, getpid, alarm, pipe, read, close, nanosleep } from "unistd";
import { posix_spawn, posix_spawn_file_actions_init, posix_spawn_file_actions_adddup2 } from "spawn";
import { waitpid } from "sys/wait";
import { errno, strerror } from "errno";

export default async function main(): Promise<number> {
  const log: string[] = [];
  await signal(SIGUSR1, (sig: number) => { log.push(`handler ${sig}`); });
  await raise(SIGUSR1);
  log.push("after raise");

  await sigaction(SIGALRM, { sa_handler: () => { log.push("alarm"); }, sa_flags: 0 });
  await alarm(1);
  const r = await nanosleep({ tv_sec: 5, tv_nsec: 0 });
  log.push(`nanosleep=${r} ${r < 0 ? strerror(errno) : ""}`.trim());

  await sigaction(SIGALRM, { sa_handler: () => { log.push("alarm restart"); }, sa_flags: SA_RESTART });
  const fds = new Int32Array(2);
  await pipe(fds);
  const fa = {};
  posix_spawn_file_actions_init(fa);
  posix_spawn_file_actions_adddup2(fa, fds[1], 1);
  const pid = { value: 0 };
  await posix_spawn(pid, "/bin/sh", fa, null, ["sh", "-c", "sleep 2; echo late"], ["PATH=/bin:/usr/bin"]);
  await close(fds[1]);
  await alarm(1);
  const buf = new Uint8Array(16);
  const n = await read(fds[0], buf);
  log.push(`read=${n} ${JSON.stringify(new TextDecoder().decode(buf.subarray(0, Math.max(n, 0))))}`);
  await waitpid(pid.value, { value: 0 }, 0);

  await sigaction(SIGUSR2, { sa_handler: () => { log.push("usr2"); } });
  await sigprocmask(SIG_BLOCK, sigset(SIGUSR2));
  await kill(await getpid(), SIGUSR2);
  log.push("blocked, still pending");
  await sigprocmask(SIG_UNBLOCK, sigset(SIGUSR2));
  log.push("after unblock");
  await signal(SIGTERM, SIG_IGN);
  await raise(SIGTERM);
  log.push("SIGTERM ignored");
  await write(1, log.join("\n") + "\n");
  return 0;
}
