// wait4(2) options and the status word encoding behind the W* macros.
export const WNOHANG = 1;
export const WUNTRACED = 2;
export const WSTOPPED = 2;
export const WEXITED = 4;
export const WCONTINUED = 8;
export const WNOWAIT = 0x01000000;
export const __WALL = 0x40000000;

export const P_ALL = 0, P_PID = 1, P_PGID = 2;

/** Status words as the kernel builds them. */
export const exitStatus = (code: number) => (code & 0xff) << 8;
export const signalStatus = (sig: number, core = false) => (sig & 0x7f) | (core ? 0x80 : 0);
export const stoppedStatus = (sig: number) => ((sig & 0xff) << 8) | 0x7f;
export const CONTINUED_STATUS = 0xffff;

export const WEXITSTATUS = (s: number) => (s & 0xff00) >> 8;
export const WTERMSIG = (s: number) => s & 0x7f;
export const WSTOPSIG = WEXITSTATUS;
export const WIFEXITED = (s: number) => WTERMSIG(s) === 0;
export const WIFSIGNALED = (s: number) => ((s & 0x7f) + 1) >> 1 > 0 && (s & 0x7f) !== 0x7f && (s & 0x7f) !== 0;
export const WIFSTOPPED = (s: number) => (s & 0xff) === 0x7f;
export const WIFCONTINUED = (s: number) => s === 0xffff;
export const WCOREDUMP = (s: number) => (s & 0x80) !== 0;
