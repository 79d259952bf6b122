// timeout: run a command with a time limit (GNU coreutils: DURATION with s/m/h/d suffixes,
// -s SIGNAL, -k DURATION, --preserve-status, --foreground, -v). When time runs out the
// command gets SIGTERM (or -s's signal) and timeout exits with 124.
import { execvp, vfork, write, setpgid, _exit } from "../../lib/libc/unistd.js";
import { kill, sigaction, SIGALRM, SIGKILL, SIGCONT, SIGTERM } from "../../lib/libc/signal.js";
import { waitpid, WIFSIGNALED, WTERMSIG, WEXITSTATUS } from "../../lib/libc/sys/wait.js";
import { errno, strerror, ENOENT, EINTR } from "../../lib/libc/errno.js";
import { sys, scoped, dv } from "../../lib/libc/internal/sys.js";
import * as NR from "../../lib/libc/sys/syscall.js";
import { sigNumber, sigName } from "../lib/sys/signals.js";

const HELP = `Usage: timeout [OPTION] DURATION COMMAND [ARG]...
  or:  timeout [OPTION]
Start COMMAND, and kill it if still running after DURATION.

      --preserve-status
                 exit with the same status as COMMAND, even when the
                   command times out
      --foreground
                 when not running timeout directly from a shell prompt,
                   allow COMMAND to read from the TTY and get TTY signals;
                   in this mode, children of COMMAND will not be timed out
  -k, --kill-after=DURATION
                 also send a KILL signal if COMMAND is still running
                   this long after the initial signal was sent
  -s, --signal=SIGNAL
                 specify the signal to be sent on timeout;
                   SIGNAL may be a name like 'HUP' or a number;
                   see 'kill -l' for a list of signals
  -v, --verbose  diagnose to stderr any signal sent upon timeout
      --help        display this help and exit
      --version     output version information and exit

DURATION is a floating point number with an optional suffix:
's' for seconds (the default), 'm' for minutes, 'h' for hours or 'd' for days.
A duration of 0 disables the associated timeout.

Upon timeout, send the TERM signal to COMMAND, if no other SIGNAL specified.
The TERM signal kills any process that does not block or catch that signal.
It may be necessary to use the KILL signal, since this signal can't be caught.

Exit status:
  124  if COMMAND times out, and --preserve-status is not specified
  125  if the timeout command itself fails
  126  if COMMAND is found but cannot be invoked
  127  if COMMAND cannot be found
  137  if COMMAND (or timeout itself) is sent the KILL (9) signal (128+9)
  -    the exit status of COMMAND otherwise
`;

const UNITS: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600, d: 86400 };

function duration(s: string): number | null {
  const m = /^\+?(\d+\.?\d*|\.\d+)(?:e([+-]?\d+))?([smhd]?)$/.exec(s);
  return m ? Number(m[1]) * 10 ** Number(m[2] || 0) * UNITS[m[3]] : null;
}

/** setitimer(ITIMER_REAL) for secs seconds (0 disarms). */
function arm(secs: number) {
  return scoped((s) => {
    const p = s.buf(32);
    const sec = Math.floor(secs), usec = Math.ceil((secs - sec) * 1e6);
    dv().setBigInt64(p + 16, BigInt(sec + Math.floor(usec / 1e6)), true);
    dv().setBigInt64(p + 24, BigInt(usec % 1e6), true);
    return sys(NR.__NR_setitimer, 0, p, 0);
  });
}

export default async function main(argv: string[]): Promise<number> {
  const usage = async (m: string) => { await write(2, `timeout: ${m}\nTry 'timeout --help' for more information.\n`); return 125; };
  let sig = SIGTERM, killAfter = 0, preserve = false, foreground = false, verbose = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") { i++; break; }
    if (!a.startsWith("-") || a === "-") break;
    const val = (name: string): string | null => {
      if (a.includes("=")) return a.slice(a.indexOf("=") + 1);
      if (a.length > 2 && !a.startsWith("--")) return a.slice(2);
      return i + 1 < argv.length ? argv[++i] : (void name, null);
    };
    if (a === "--help") { await write(1, HELP); return 0; }
    else if (a === "--preserve-status") preserve = true;
    else if (a === "--foreground") foreground = true;
    else if (a === "-v" || a === "--verbose") verbose = true;
    else if (a.startsWith("-s") || a.startsWith("--signal")) {
      const v = val("s");
      if (v === null) return usage("option requires an argument -- 's'");
      const n = sigNumber(v);
      if (n === null) { await write(2, `timeout: ${v}: invalid signal\nTry 'timeout --help' for more information.\n`); return 125; }
      sig = n;
    } else if (a.startsWith("-k") || a.startsWith("--kill-after")) {
      const v = val("k");
      if (v === null) return usage("option requires an argument -- 'k'");
      const d = duration(v);
      if (d === null) return usage(`invalid time interval '${v}'`);
      killAfter = d;
    } else return usage(`unrecognized option '${a}'`);
  }
  if (argv.length - i < 2) return usage(argv.length - i === 0 ? "missing operand" : `missing operand after '${argv[i]}'`);
  const limit = duration(argv[i]);
  if (limit === null) return usage(`invalid time interval '${argv[i]}'`);
  const cmd = argv.slice(i + 1);
  if (!foreground) await setpgid(0, 0);

  let fired = 0;
  await sigaction(SIGALRM, { sa_handler: () => { fired++; } });
  const child = await vfork(async () => {
    await execvp(cmd[0], cmd);
    const e = errno;
    await write(2, `timeout: failed to run command '${cmd[0]}': ${strerror(e)}\n`);
    await _exit(e === ENOENT ? 127 : 126);
  });
  if (child < 0) { await write(2, `timeout: fork system call failed: ${strerror(errno)}\n`); return 125; }
  if (limit > 0) await arm(limit);
  let handled = 0, timedOut = false;
  const status = { value: 0 };
  for (;;) {
    const r = await waitpid(child, status, 0);
    if (r === child) break;
    if (r < 0 && errno !== EINTR) { await write(2, `timeout: error waiting for command: ${strerror(errno)}\n`); return 125; }
    while (handled < fired) {
      handled++;
      const s = timedOut ? SIGKILL : sig;
      if (verbose) await write(2, `timeout: sending signal ${sigName(s)} to command '${cmd[0]}'\n`);
      await kill(child, s);
      if (s !== SIGKILL && s !== SIGCONT) await kill(child, SIGCONT);
      if (!timedOut && killAfter > 0) await arm(killAfter);
      timedOut = true;
    }
  }
  await arm(0);
  if (WIFSIGNALED(status.value)) {
    const s = WTERMSIG(status.value);
    if (timedOut && s === SIGKILL) return 137;
    if (timedOut && !preserve) return 124;
    return 128 + s;
  }
  return timedOut && !preserve ? 124 : WEXITSTATUS(status.value);
}
