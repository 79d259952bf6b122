// Reading and running commands: a -c string or a script (parsed as it runs, command by
// command), standard input when it is not a terminal (read in chunks as dash does, and run as
// soon as a command is complete, so that a command reading standard input sees what follows;
// a seekable input is put back to just after the command first, as POSIX asks), and the
// interactive loop with its prompts, ^C and job notices.
import { ExitSignal, ShellError, BreakSignal, ReturnSignal, InterruptSignal, type ShellState } from "./state.js";
import type { Executor } from "./exec.js";
import { Parser, SyntaxError_ } from "./parser.js";
import { complete } from "./complete.js";
import { LineEditor, INTERRUPTED } from "./lineedit.js";
import { writeAll, shError } from "./io.js";
import { promptText } from "./prompt.js";
import { jobState } from "./jobs.js";
import { read, lseek, SEEK_CUR } from "../../../lib/libc/unistd.js";
import { errno, EINTR } from "../../../lib/libc/errno.js";
import type { Node } from "./ast.js";

const CHUNK = 8192;
const NL = 0x0a;

export class Runner {
  constructor(readonly sh: ShellState, readonly ex: Executor) {}

  private parser(text: string, line = 1): Parser {
    return new Parser(text, { alias: (a) => this.sh.aliases.get(a), line });
  }

  /** Run one parsed command, turning errors into statuses (or exit, when not interactive). */
  async runNode(n: Node): Promise<void> {
    const sh = this.sh;
    try {
      if (!sh.opts.n) await this.ex.run(n);
    } catch (e) {
      if (e instanceof ShellError) {
        sh.status = e.status;
        if (!sh.interactive) throw new ExitSignal(e.status);
      } else if (e instanceof BreakSignal) {
        /* break outside a loop: nothing */
      } else if (e instanceof ReturnSignal) {
        sh.status = e.status;
      } else throw e;
    }
    if (sh.opts.m) {
      await sh.jobs.reap();
      if (!sh.interactive) await sh.jobs.notify();
    } else sh.jobs.prune();
  }

  /** Run a whole text (a -c string, a script, the end of standard input), command by command. */
  async runText(text: string, line = 1): Promise<void> {
    const sh = this.sh;
    const p = this.parser(text.endsWith("\n") ? text : text + "\n", line);
    for (;;) {
      let n: Node | null;
      try {
        n = p.parseCommandLine();
      } catch (e) {
        if (e instanceof SyntaxError_) {
          // The newline added above is not a line of the user's text.
          sh.lineno = text.endsWith("\n") ? e.line : Math.min(e.line, line - 1 + text.split("\n").length);
          await shError(sh, e.message);
          throw new ExitSignal(2);
        }
        throw e;
      }
      if (!n) return;
      if (sh.opts.v) await writeAll(2, n.src + "\n");
      await this.runNode(n);
    }
  }

  /** Commands from standard input (not a terminal), each run as soon as it is complete. */
  async runStdin(): Promise<void> {
    const sh = this.sh;
    const seekable = (await lseek(0, 0, SEEK_CUR)) >= 0;
    const chunk = new Uint8Array(CHUNK);
    let raw = new Uint8Array(0);
    let eof = false;
    let line = 1;
    const fill = async () => {
      for (;;) {
        const n = await read(0, chunk);
        if (n < 0 && errno === EINTR) continue;
        if (n <= 0) { eof = true; return; }
        const next = new Uint8Array(raw.length + n);
        next.set(raw);
        next.set(chunk.subarray(0, n), raw.length);
        raw = next;
        return;
      }
    };
    for (;;) {
      if (eof) { if (raw.length) await this.runText(new TextDecoder().decode(raw), line); return; }
      if (!raw.length) { await fill(); continue; }
      const text = new TextDecoder().decode(raw);
      const p = this.parser(text, line);
      let n: Node | null;
      try {
        n = p.parseCommandLine();
      } catch (e) {
        // Incomplete (an open quote, if without fi...): more input may complete it.
        if (e instanceof SyntaxError_ && e.eof) { await fill(); continue; }
        if (e instanceof SyntaxError_) { sh.lineno = e.line; await shError(sh, e.message); throw new ExitSignal(2); }
        throw e;
      }
      // Not yet a whole line, or a here-document still open: wait for more.
      if (n === null || text[p.pos - 1] !== "\n" || p.lx.hereDocAtEof) { await fill(); continue; }
      // The bytes the command took: up to its last newline (a newline is one byte in UTF-8).
      let lines = 0;
      for (let i = 0; i < p.pos; i++) if (text.charCodeAt(i) === NL) lines++;
      let end = 0;
      while (lines > 0) if (raw[end++] === NL) lines--;
      raw = raw.slice(end);
      if (seekable && raw.length) {
        await lseek(0, -raw.length, SEEK_CUR);
        raw = new Uint8Array(0);
      }
      line = p.line;
      if (sh.opts.v) await writeAll(2, n.src + "\n");
      await this.runNode(n);
    }
  }

  /** Read a complete command with PS1 and PS2 prompts: its text, null at end of input, or INTERRUPTED. */
  private async readCommand(ed: LineEditor): Promise<string | null | typeof INTERRUPTED> {
    const sh = this.sh;
    let text = "";
    let prompt = await promptText(sh, sh.get("PS1") ?? "$ ");
    for (;;) {
      sh.interrupted = false;
      const line = await ed.readLine(prompt);
      if (line === INTERRUPTED) return line;
      if (line === null) return text === "" ? null : text;
      text += line + "\n";
      // Complete? Parse everything read so far.
      try {
        const p = this.parser(text);
        p.parseAll();
        if (!p.lx.hereDocAtEof) return text;
      } catch (e) {
        if (!(e instanceof SyntaxError_ && e.eof)) return text;
      }
      prompt = await promptText(sh, sh.get("PS2") ?? "> ");
    }
  }

  /** Leaving with stopped jobs: dash warns once instead ("You have stopped jobs."); true if it did. */
  private async stoppedJobsWarning(): Promise<boolean> {
    const sh = this.sh;
    await sh.jobs.reap();
    const stopped = sh.jobs.jobs.some((j) => jobState(j) === "stopped");
    if (!stopped || sh.jobs.stoppedWarned) return false;
    sh.jobs.stoppedWarned = true;
    await writeAll(2, "You have stopped jobs.\n");
    return true;
  }

  async interactive(): Promise<void> {
    const sh = this.sh;
    const ed = new LineEditor((text, cur) => complete(sh, text, cur));
    let lineno = 0;
    for (;;) {
      await sh.jobs.reap();
      await sh.jobs.notify();
      const text = await this.readCommand(ed);
      if (text === null) { if (await this.stoppedJobsWarning()) continue; return; }
      if (text === INTERRUPTED) { sh.status = 130; continue; }
      ed.add(text.replace(/\n$/, ""));
      const p = this.parser(text, lineno + 1);
      lineno += text.split("\n").length - 1;
      try {
        for (;;) {
          let n: Node | null;
          try {
            n = p.parseCommandLine();
          } catch (e) {
            if (e instanceof SyntaxError_) { sh.lineno = e.line; await shError(sh, e.message); sh.status = 2; break; }
            throw e;
          }
          if (!n) break;
          await this.runNode(n);
        }
      } catch (e) {
        if (e instanceof ExitSignal && (await this.stoppedJobsWarning())) continue;
        if (!(e instanceof InterruptSignal)) throw e;
        // ^C: the rest of the line is dropped; the terminal showed ^C, the shell ends the line.
        sh.interrupted = false;
        sh.status = 130;
        await writeAll(2, "\n");
      }
    }
  }
}
