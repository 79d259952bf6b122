// init (PID 1): adopts orphans and reaps every zombie, for as long as the machine runs. As a
// real init does, it sleeps in sigsuspend with SIGCHLD blocked everywhere else, so a child's
// death between its last wait and its sleep is never missed.
import { waitpid, WNOHANG } from "../../lib/libc/sys/wait.js";
import { signal, sigprocmask, sigsuspend, sigset, SIGCHLD, SIG_BLOCK } from "../../lib/libc/signal.js";

export default async function main(): Promise<number> {
  await signal(SIGCHLD, () => {});
  await sigprocmask(SIG_BLOCK, sigset(SIGCHLD));
  const status = { value: 0 };
  for (;;) {
    while ((await waitpid(-1, status, WNOHANG)) > 0) {
      // reaped one
    }
    await sigsuspend(sigset());
  }
}
