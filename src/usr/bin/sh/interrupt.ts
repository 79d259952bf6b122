// ^C in an interactive shell. The shell catches SIGINT (without SA_RESTART, so that a wait or a
// read in progress returns EINTR) and abandons the command line, as dash does; a foreground
// job that died of SIGINT abandons it too (`sleep 100; echo after` prints nothing after ^C).
import type { ShellState } from "./state.js";
import { InterruptSignal } from "./state.js";
import { sigaction, SIGINT } from "../../../lib/libc/signal.js";

/** Catch SIGINT for an interactive shell. */
export async function installInteractiveSigint(sh: ShellState): Promise<void> {
  await sigaction(SIGINT, { sa_handler: () => { sh.interrupted = true; }, sa_flags: 0 });
}

/** Abandon the command line if ^C was caught. */
export function checkInterrupt(sh: ShellState): void {
  if (!sh.interrupted) return;
  sh.interrupted = false;
  throw new InterruptSignal();
}
