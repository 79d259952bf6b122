// Signal numbers, sigaction flags and the default action of each signal (x86-64 Linux).
export const SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7,
  SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14,
  SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21,
  SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28,
  SIGIO = 29, SIGPWR = 30, SIGSYS = 31;
export const NSIG = 64;
export const SIGRTMIN = 32;

export const SIG_DFL = 0;
export const SIG_IGN = 1;
export const SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
export const SA_NOCLDSTOP = 1, SA_NOCLDWAIT = 2, SA_SIGINFO = 4, SA_RESTORER = 0x04000000,
  SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000, SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000;

export const SIGNAL_NAMES: readonly string[] = [
  "", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
  "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD",
  "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ",
  "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS",
];

export function signalName(sig: number): string {
  if (sig >= SIGRTMIN && sig <= NSIG) return sig === SIGRTMIN ? "SIGRTMIN" : `SIGRT_${sig - SIGRTMIN}`;
  return SIGNAL_NAMES[sig] ?? `${sig}`;
}

/** glibc's strsignal() texts, which shells print when a child dies of a signal. */
export const SIGNAL_DESCRIPTIONS: readonly string[] = [
  "Unknown signal 0", "Hangup", "Interrupt", "Quit", "Illegal instruction", "Trace/breakpoint trap",
  "Aborted", "Bus error", "Floating point exception", "Killed", "User defined signal 1",
  "Segmentation fault", "User defined signal 2", "Broken pipe", "Alarm clock", "Terminated",
  "Stack fault", "Child exited", "Continued", "Stopped (signal)", "Stopped", "Stopped (tty input)",
  "Stopped (tty output)", "Urgent I/O condition", "CPU time limit exceeded", "File size limit exceeded",
  "Virtual timer expired", "Profiling timer expired", "Window changed", "I/O possible",
  "Power failure", "Bad system call",
];

export function strsignal(sig: number): string {
  if (sig >= SIGRTMIN && sig <= NSIG) return `Real-time signal ${sig - SIGRTMIN}`;
  return SIGNAL_DESCRIPTIONS[sig] ?? `Unknown signal ${sig}`;
}

export type DefaultAction = "term" | "core" | "ign" | "stop" | "cont";
export function defaultAction(sig: number): DefaultAction {
  switch (sig) {
    case SIGCHLD: case SIGURG: case SIGWINCH: return "ign";
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU: return "stop";
    case SIGCONT: return "cont";
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE:
    case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS: return "core";
    default: return "term";
  }
}
