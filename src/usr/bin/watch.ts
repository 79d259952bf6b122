// watch: run a command repeatedly, showing its output full screen (procps: -n SECS, default 2;
// -t leaves out the header "Every 2.0s: CMD" with "HOST: DATE" at the right edge). It runs
// until interrupted (^C or SIGTERM end it with status 0).
import { write, gethostname, vfork, execvp, _exit, nanosleep } from "../../lib/libc/unistd.js";
import { waitpid } from "../../lib/libc/sys/wait.js";
import { errno, strerror } from "../../lib/libc/errno.js";
import { getenv } from "../../lib/libc/stdlib.js";
import { time } from "../../lib/libc/time.js";

const USAGE = `
Usage:
 watch [options] command

Options:
  -n, --interval <secs>  seconds to wait between updates
  -t, --no-title         turn off header
  -h, --help             display this help and exit
`;

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** ctime's "%a %b %e %H:%M:%S %Y" (UTC). */
function ctime(secs: number): string {
  const d = new Date(secs * 1000), p = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

export default async function main(argv: string[]): Promise<number> {
  let interval = 2, title = true, i = 1;
  for (; i < argv.length && argv[i].startsWith("-"); i++) {
    const a = argv[i];
    if (a === "--") { i++; break; }
    if (a === "-t" || a === "--no-title") title = false;
    else if (a === "-h" || a === "--help") { await write(1, USAGE); return 0; }
    else if (a === "-n" || a === "--interval" || a.startsWith("-n") || a.startsWith("--interval=")) {
      const v = a === "-n" || a === "--interval" ? argv[++i] : a.startsWith("-n") ? a.slice(2) : a.slice(11);
      const n = Number((v ?? "").replace(",", "."));
      if (!v || !Number.isFinite(n)) { await write(2, `watch: failed to parse argument: '${v ?? ""}'\n`); return 1; }
      interval = Math.max(0.1, n);
    } else { await write(2, `watch: invalid option -- '${a.replace(/^-+/, "")[0]}'\n${USAGE}`); return 1; }
  }
  const cmd = argv.slice(i).join(" ");
  if (!cmd) { await write(2, USAGE); return 1; }
  const host = (await gethostname()) ?? "localhost";
  const cols = Number(getenv("COLUMNS")) || 80;
  const shown = Number.isInteger(interval * 10) ? interval.toFixed(1) : String(interval);
  for (;;) {
    let screen = "\x1b[H\x1b[2J";
    if (title) {
      const left = `Every ${shown}s: ${cmd}`, right = `${host}: ${ctime(Number(await time()))}`;
      const gap = Math.max(1, cols - left.length - right.length);
      screen += `${left}${" ".repeat(gap)}${right}\n\n`;
    }
    await write(1, screen);
    const child = await vfork(async () => {
      await execvp("/bin/sh", ["sh", "-c", cmd]);
      await write(2, `watch: unable to execute /bin/sh: ${strerror(errno)}\n`);
      await _exit(127);
    });
    if (child > 0) await waitpid(child, { value: 0 }, 0);
    const sec = Math.floor(interval);
    await nanosleep({ tv_sec: sec, tv_nsec: Math.round((interval - sec) * 1e9) });
  }
}
