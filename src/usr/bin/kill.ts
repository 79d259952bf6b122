// kill: send a signal to processes, or list signal names (procps-ng's kill: -l [SIGNAL], -L,
// -s SIGNAL, -SIGNAL, -q VALUE; negative pids name process groups, -1 every process).
import { write } from "../../lib/libc/unistd.js";
import { kill } from "../../lib/libc/signal.js";
import { errno, strerror } from "../../lib/libc/errno.js";
import { Out } from "../lib/common.js";
import { sigName, sigNumber } from "../lib/sys/signals.js";

const USAGE = `
Usage:
 kill [options] <pid> [...]

Options:
 <pid> [...]            send signal to every <pid> listed
 -<signal>, -s, --signal <signal>
                        specify the <signal> to be sent
 -q, --queue <value>    integer value to be sent with the signal
 -l, --list=[<signal>]  list all signal names, or convert one to a name
 -L, --table            list all signal names in a nice table

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see kill(1).
`;

const LAST = 31;

/** "HUP INT QUIT ..." wrapped before column 80, as procps prints it. */
function listLine(): string {
  let s = "", col = 0;
  for (let i = 1; i <= LAST; i++) {
    const name = sigName(i) === "IO" ? "POLL" : sigName(i)!;
    if (i > 1) {
      if (col > 73) { s += "\n"; col = 0; } else { s += " "; col++; }
    }
    s += name;
    col += name.length;
  }
  return s + "\n";
}

/** The table of kill -L: seven "%2d NAME" cells of 11 columns to a line. */
function table(): string {
  let s = "";
  for (let i = 1; i <= LAST; i++) {
    const cell = `${String(i).padStart(2)} ${sigName(i) === "IO" ? "POLL" : sigName(i)}`;
    s += i % 7 ? cell.padEnd(11) : cell + "\n";
  }
  return LAST % 7 ? s + "\n" : s;
}

export default async function main(argv: string[]): Promise<number> {
  const out = new Out(1);
  const args = argv.slice(1);
  let sig = 15;
  let sigGiven = false;
  let i = 0;
  const err = async (m: string) => { await write(2, `kill: ${m}\n`); };
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === "--") { i++; break; }
    if (a === "-l" || a === "--list" || a.startsWith("--list=")) {
      const what = a.startsWith("--list=") ? a.slice(7) : args[i + 1];
      if (what === undefined) { out.text(listLine()); await out.flush(); return 0; }
      if (/^\d+$/.test(what)) {
        const n = Number(what) > 128 ? Number(what) - 128 : Number(what);
        const name = n >= 1 && n <= LAST ? sigName(n) : null;
        if (!name) { await err(`unknown signal name ${what}`); return 1; }
        out.text(name + "\n");
      } else {
        const n = sigNumber(what, false);
        if (n === null) { await err(`unknown signal name ${what}`); return 1; }
        out.text(`${n}\n`);
      }
      await out.flush();
      return 0;
    }
    if (a === "-L" || a === "--table") { out.text(table()); await out.flush(); return 0; }
    if (a === "-h" || a === "--help") { await write(1, USAGE); return 0; }
    if (a === "-V" || a === "--version") { await write(1, "kill from procps-ng 4.0.2\n"); return 0; }
    if (a === "-s" || a === "--signal" || a === "-q" || a === "--queue") {
      const v = args[++i];
      if (v === undefined) { await err(`option requires an argument -- '${a.replace(/^-+/, "")[0]}'`); await write(2, USAGE); return 1; }
      if (a === "-s" || a === "--signal") {
        const n = sigNumber(v);
        if (n === null) { await err(`unknown signal name ${v}`); return 1; }
        sig = n;
        sigGiven = true;
      }
      continue;
    }
    if (/^-\d+$/.test(a) && sigGiven) break; // a process group, after the signal
    if (a.length > 1 && a.startsWith("-")) {
      const n = sigNumber(a.slice(1));
      if (n === null) { await err(`unknown signal name ${a.slice(1)}`); return 1; }
      sig = n;
      sigGiven = true;
      continue;
    }
    break;
  }
  const pids = args.slice(i);
  if (pids.length === 0) { await write(2, USAGE); return 1; }
  let status = 0;
  for (const p of pids) {
    if (!/^-?\d+$/.test(p)) { await err(`failed to parse argument: '${p}'`); status = 1; continue; }
    if (await kill(Number(p), sig) < 0) { await err(`(${p}) - ${strerror(errno)}`); status = 1; }
  }
  return status;
}
