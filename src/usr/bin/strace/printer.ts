// strace's output: one line per call, "= " at column 40, a call another process interrupts
// closed with " <unfinished ...>" and continued as "<... NAME resumed>", and the pid prefix
// ("[pid  NNN] " on a terminal or pipe, "NNN   " with -o and -f) once several processes are traced.
import { write } from "../../../lib/libc/unistd.js";

const ALIGN = 40;

export class Printer {
  private col = 0;
  /** The pid whose line is open (its call entered, not yet returned), and the call's name. */
  private open: { pid: number; name: string } | null = null;
  /** -o with -f: plain "NNNN " prefixes. */
  pidPrefix = false;
  /** How many processes are traced (the [pid N] prefix appears once there are several). */
  nprocs = 1;

  constructor(private fd: number) {}

  private async emit(s: string): Promise<void> {
    if (!s) return;
    await write(this.fd, s);
    const nl = s.lastIndexOf("\n");
    this.col = nl < 0 ? this.col + s.length : s.length - nl - 1;
  }

  private prefix(pid: number): string {
    if (this.pidPrefix) return `${String(pid).padEnd(5)} `;
    if (this.nprocs > 1) return `[pid ${String(pid).padStart(5)}] `;
    return "";
  }

  /** Close another process's open line before printing for pid. */
  private async interrupt(pid: number): Promise<void> {
    if (this.open && this.open.pid !== pid) {
      await this.emit(" <unfinished ...>\n");
      this.open = null;
    }
  }

  /** A whole line of its own (signals, exits). */
  async line(pid: number, text: string): Promise<void> {
    await this.interrupt(pid);
    if (this.open) { await this.emit(" <unfinished ...>\n"); this.open = null; }
    await this.emit(this.prefix(pid) + text + "\n");
  }

  /** A message from strace itself ("strace: Process 42 attached"). */
  async message(text: string): Promise<void> {
    if (this.open) { await this.emit(" <unfinished ...>\n"); this.open = null; }
    await this.emit(text + "\n");
  }

  /** Syscall entry: "name(" and the arguments known before the call. */
  async enter(pid: number, name: string, args: string): Promise<void> {
    await this.interrupt(pid);
    await this.emit(this.prefix(pid) + name + "(" + args);
    this.open = { pid, name };
  }

  /** Syscall exit: the rest of the arguments, ")" and "= ret" at column 40. */
  async exit(pid: number, name: string, args: string, ret: string): Promise<void> {
    if (!this.open || this.open.pid !== pid) {
      await this.interrupt(pid);
      await this.emit(`${this.prefix(pid)}<... ${name} resumed>`);
    }
    this.open = null;
    let s = args + ")";
    const pad = ALIGN - (this.col + s.length) - 1;
    s += " " + " ".repeat(Math.max(0, pad));
    await this.emit(s + "= " + ret + "\n");
  }

  /** strace let go of pid: a call it left open ends with " <detached ...>". */
  async detached(pid: number): Promise<void> {
    if (this.open && this.open.pid === pid) {
      await this.emit(" <detached ...>\n");
      this.open = null;
    }
  }

  /** A call that never returns (exit_group), or one its process died in. */
  async noReturn(pid: number, name: string, finished: boolean): Promise<void> {
    if (finished) return this.exit(pid, name, "", "?");
    if (this.open && this.open.pid === pid) {
      await this.emit(" <unfinished ...>");
      this.open = { pid, name };
      return this.exit(pid, name, "", "?");
    }
    await this.interrupt(pid);
    await this.emit(`${this.prefix(pid)}<... ${name} resumed>`);
    this.open = { pid, name };
    return this.exit(pid, name, "", "?");
  }
}
