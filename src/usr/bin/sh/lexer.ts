// The shell's tokenizer: splits source text into words (kept raw, quotes included),
// operators and newlines, and reads here-document bodies after the line that names them.
// A word's end is found by following its quoting: '...', "...", \x, $(...), ${...}, $((...)), `...`.
export class SyntaxError_ extends Error {
  constructor(message: string, readonly line: number, readonly eof = false) { super(message); }
}

export type Tok =
  | { k: "word"; v: string; line: number; start: number; end: number }
  | { k: "op"; v: string; line: number; start: number; end: number }
  | { k: "nl"; line: number; start: number; end: number }
  | { k: "eof"; line: number; start: number; end: number };

const OPS = ["&&", "||", ";;", "<<-", "<<", ">>", "<&", ">&", "<>", ">|", "&", "|", ";", "<", ">", "(", ")"];
const META = " \t\n;&|<>()";

export interface PendingDoc { delim: string; strip: boolean; quoted: boolean; fill: (body: string) => void }

export class Lexer {
  pos = 0;
  /** A here-document ran into the end of the text before its delimiter line. */
  hereDocAtEof = false;
  line: number;
  private peeked: Tok | null = null;
  pending: PendingDoc[] = [];
  /** Set by the parser: a function that finds where a $( ... ) starting at pos ends. */
  cmdSubstEnd: (src: string, pos: number, line: number) => { end: number; line: number } = () => { throw new Error("no cmdsub"); };

  constructor(public src: string, line = 1) { this.line = line; }

  peek(): Tok {
    if (!this.peeked) this.peeked = this.scan();
    return this.peeked;
  }
  next(): Tok {
    const t = this.peek();
    this.peeked = null;
    return t;
  }
  /** Forget a peeked token (after the source text changed, e.g. by an alias). */
  unpeek(): void {
    if (this.peeked) { this.pos = this.peeked.start; this.line = this.peeked.line; this.peeked = null; }
  }

  private eofErr(what: string): never {
    throw new SyntaxError_(what, this.line, true);
  }

  private scan(): Tok {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === " " || c === "\t") { this.pos++; continue; }
      if (c === "\\" && s[this.pos + 1] === "\n") { this.pos += 2; this.line++; continue; }
      if (c === "#") {
        const nl = s.indexOf("\n", this.pos);
        const end = nl < 0 ? s.length : nl;
        const m = /^# typix-sh-line (\d+)$/.exec(s.slice(this.pos, end));
        this.pos = end;
        if (m && nl >= 0) { this.pos = nl + 1; this.line = Number(m[1]); }
        continue;
      }
      break;
    }
    const start = this.pos, line = this.line;
    if (this.pos >= s.length) return { k: "eof", line, start, end: start };
    const c = s[this.pos];
    if (c === "\n") {
      this.pos++;
      this.line++;
      if (this.pending.length) this.readHereDocs();
      return { k: "nl", line, start, end: this.pos };
    }
    for (const op of OPS) {
      if (s.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { k: "op", v: op, line, start, end: this.pos };
      }
    }
    this.scanWord();
    return { k: "word", v: s.slice(start, this.pos), line, start, end: this.pos };
  }

  private scanWord(): void {
    const s = this.src;
    while (this.pos < s.length && !META.includes(s[this.pos])) this.scanUnit(false);
  }

  /** Skip one character or quoted unit of a word; inDq: inside double quotes. */
  private scanUnit(inDq: boolean): void {
    const s = this.src;
    const c = s[this.pos];
    if (c === "\\") {
      if (s[this.pos + 1] === "\n") this.line++;
      this.pos += 2;
      if (this.pos > s.length) this.pos = s.length;
      return;
    }
    if (c === "'" && !inDq) {
      const e = s.indexOf("'", this.pos + 1);
      if (e < 0) this.eofErr("Syntax error: Unterminated quoted string");
      this.countLines(this.pos, e);
      this.pos = e + 1;
      return;
    }
    if (c === '"' && !inDq) {
      this.pos++;
      while (s[this.pos] !== '"') {
        if (this.pos >= s.length) this.eofErr("Syntax error: Unterminated quoted string");
        this.scanUnit(true);
      }
      this.pos++;
      return;
    }
    if (c === "`") {
      let i = this.pos + 1;
      while (s[i] !== "`") {
        if (i >= s.length) this.eofErr("EOF in backquote substitution");
        if (s[i] === "\\") i++;
        if (s[i] === "\n") this.line++;
        i++;
      }
      this.pos = i + 1;
      return;
    }
    if (c === "$" && s[this.pos + 1] === "(") {
      if (s[this.pos + 2] === "(") {
        // $(( ... )): balanced parentheses.
        let depth = 0, i = this.pos + 1;
        for (; i < s.length; i++) {
          if (s[i] === "(") depth++;
          else if (s[i] === ")") { depth--; if (depth === 0) break; }
          else if (s[i] === "\n") this.line++;
        }
        if (i >= s.length) this.eofErr("Missing '))'");
        this.pos = i + 1;
        return;
      }
      const r = this.cmdSubstEnd(s, this.pos + 2, this.line);
      this.pos = r.end;
      this.line = r.line;
      return;
    }
    if (c === "$" && s[this.pos + 1] === "{") {
      this.pos += 2;
      while (s[this.pos] !== "}") {
        if (this.pos >= s.length) this.eofErr("Missing '}'");
        if (s[this.pos] === '"' || s[this.pos] === "'") {
          if (inDq && s[this.pos] === "'") { this.pos++; continue; }
          this.scanUnit(false);
        } else this.scanUnit(true);
      }
      this.pos++;
      return;
    }
    if (c === "\n") this.line++;
    this.pos++;
  }

  private countLines(a: number, b: number): void {
    for (let i = a; i < b; i++) if (this.src[i] === "\n") this.line++;
  }

  /** Read the bodies of the here-documents named on the line just ended. */
  private readHereDocs(): void {
    const s = this.src;
    for (const d of this.pending) {
      const lines: string[] = [];
      for (;;) {
        if (this.pos >= s.length) {
          // dash accepts end of file as the end of a here-document (a reader with more input
          // to come waits for the rest instead: see hereDocAtEof).
          this.hereDocAtEof = true;
          break;
        }
        const nl = s.indexOf("\n", this.pos);
        let ln = s.slice(this.pos, nl < 0 ? s.length : nl);
        this.pos = nl < 0 ? s.length : nl + 1;
        this.line++;
        if (d.strip) ln = ln.replace(/^\t+/, "");
        if (ln === d.delim) break;
        lines.push(ln);
        if (nl < 0) { throw new SyntaxError_("here-document", this.line, true); }
      }
      d.fill(lines.length ? lines.join("\n") + "\n" : "");
    }
    this.pending = [];
  }
}
