// The shell's parser: the POSIX grammar (lists, and-or lists, pipelines, compound commands,
// functions, redirections, here-documents) by recursive descent over lexer.ts, with dash's
// syntax-error messages. parseCommandLine reads one complete command at a time, so a script
// runs command by command, as dash does.
import type { Node, Redir } from "./ast.js";
import { Lexer, SyntaxError_, type Tok } from "./lexer.js";

export { SyntaxError_ };

const RESERVED = new Set(["if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for", "{", "}", "!", "in"]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const REDIR_OPS = new Set(["<", ">", ">>", ">|", "<>", "<&", ">&", "<<", "<<-"]);

export interface ParserOptions {
  /** An alias's value, for a command word. */
  alias?: (name: string) => string | undefined;
  line?: number;
}

function describe(t: Tok): string {
  if (t.k === "eof") return "end of file";
  if (t.k === "nl") return "newline";
  return `"${t.v}"`;
}

/** Remove quoting from a here-document delimiter; says whether any was present. */
function unquoteDelim(w: string): { delim: string; quoted: boolean } {
  let out = "", quoted = false;
  for (let i = 0; i < w.length; i++) {
    const c = w[i];
    if (c === "'") { const e = w.indexOf("'", i + 1); out += w.slice(i + 1, e < 0 ? w.length : e); i = e < 0 ? w.length : e; quoted = true; }
    else if (c === '"') { quoted = true; }
    else if (c === "\\") { quoted = true; out += w[++i] ?? ""; }
    else out += c;
  }
  return { delim: out, quoted };
}

export class Parser {
  lx: Lexer;
  private lastEnd = 0;
  private aliasDepth = 0;

  constructor(src: string, private opts: ParserOptions = {}) {
    this.lx = new Lexer(src, opts.line ?? 1);
    this.lx.cmdSubstEnd = (s, pos, line) => {
      const p = new Parser(s, { line });
      p.lx.pos = pos;
      p.compoundList([], true);
      const t = p.lx.next();
      if (t.k !== "op" || t.v !== ")") p.unexpected(t, ")");
      return { end: p.lx.pos, line: p.lx.line };
    };
  }

  get pos(): number { return this.lx.pos; }
  get line(): number { return this.lx.line; }

  unexpected(t: Tok, expecting?: string): never {
    const exp = expecting ? ` (expecting "${expecting}")` : "";
    throw new SyntaxError_(`Syntax error: ${describe(t)} unexpected${exp}`, t.line, t.k === "eof");
  }

  private take(): Tok {
    const t = this.lx.next();
    this.lastEnd = t.end;
    return t;
  }
  private isWord(t: Tok, v: string): boolean { return t.k === "word" && t.v === v; }
  private isOp(t: Tok, v: string): boolean { return t.k === "op" && t.v === v; }
  private skipNewlines(): void { while (this.lx.peek().k === "nl") this.take(); }
  private expectWord(v: string): void {
    const t = this.lx.peek();
    if (!this.isWord(t, v)) this.unexpected(t, v);
    this.take();
  }

  /** The next complete command (one line's list), or null at end of input. */
  parseCommandLine(): Node | null {
    this.skipNewlines();
    if (this.lx.peek().k === "eof") return null;
    const n = this.list(false);
    const t = this.lx.peek();
    if (t.k === "nl") this.take();
    else if (t.k !== "eof") this.unexpected(t);
    return n;
  }

  /** Parse everything (for tests and for the text of a function). */
  parseAll(): Node[] {
    const out: Node[] = [];
    for (let n; (n = this.parseCommandLine()); ) out.push(n);
    return out;
  }

  /** and_or lists separated by ; and &; in a compound list newlines separate too. */
  private list(multiline: boolean, terms: string[] = [], inParen = false): Node {
    const start = this.lx.peek();
    const items: { node: Node; bg: boolean }[] = [];
    for (;;) {
      if (multiline) this.skipNewlines();
      const t = this.lx.peek();
      if (t.k === "eof" || (t.k === "nl" && !multiline)) break;
      if (t.k === "word" && terms.includes(t.v)) break;
      if (t.k === "word" && items.length && ["then", "else", "elif", "fi", "do", "done", "esac", "}"].includes(t.v)) this.unexpected(t, terms[terms.length - 1]);
      if (t.k === "op" && (t.v === ")" && (inParen || terms.includes(")")) || t.v === ";;")) break;
      if (t.k === "op" && !REDIR_OPS.has(t.v) && t.v !== "(") this.unexpected(t);
      const node = this.andOr();
      const sep = this.lx.peek();
      if (this.isOp(sep, ";") || this.isOp(sep, "&")) {
        this.take();
        items.push({ node, bg: (sep as { v: string }).v === "&" });
        continue;
      }
      items.push({ node, bg: false });
      if (sep.k === "nl" && multiline) continue;
      break;
    }
    if (items.length === 0) this.unexpected(this.lx.peek(), terms.length ? terms[terms.length - 1] : inParen ? ")" : undefined);
    if (items.length === 1 && !items[0].bg) return items[0].node;
    return { t: "list", items, line: start.line, src: this.lx.src.slice(start.start, this.lastEnd) };
  }

  /** A compound_list ending at one of terms (not consumed). */
  compoundList(terms: string[], inParen = false): Node {
    return this.list(true, terms, inParen);
  }

  private andOr(): Node {
    const start = this.lx.peek();
    let left = this.pipeline();
    for (;;) {
      const t = this.lx.peek();
      if (!this.isOp(t, "&&") && !this.isOp(t, "||")) return left;
      this.take();
      this.skipNewlines();
      const right = this.pipeline();
      left = { t: "andor", op: (t as { v: string }).v as "&&" | "||", left, right, line: start.line, src: this.lx.src.slice(start.start, this.lastEnd) };
    }
  }

  private pipeline(): Node {
    const start = this.lx.peek();
    let bang = false;
    if (this.isWord(start, "!")) { this.take(); bang = true; }
    const cmds = [this.command()];
    while (this.isOp(this.lx.peek(), "|")) {
      this.take();
      this.skipNewlines();
      cmds.push(this.command());
    }
    if (cmds.length === 1 && !bang) return cmds[0];
    return { t: "pipeline", bang, cmds, line: start.line, src: this.lx.src.slice(start.start, this.lastEnd) };
  }

  private command(): Node {
    const t = this.lx.peek();
    if (t.k === "op" && t.v === "(") {
      this.take();
      const body = this.compoundList([], true);
      const c = this.lx.peek();
      if (!this.isOp(c, ")")) this.unexpected(c, ")");
      this.take();
      return this.withRedirs({ t: "subshell", body, redirs: [], line: t.line, src: "" }, t);
    }
    if (t.k === "word") {
      switch (t.v) {
        case "{": {
          this.take();
          const body = this.compoundList(["}"]);
          this.expectWord("}");
          return this.withRedirs({ t: "group", body, redirs: [], line: t.line, src: "" }, t);
        }
        case "if": return this.ifClause(t);
        case "while": case "until": {
          this.take();
          const cond = this.compoundList(["do"]);
          const body = this.doGroup();
          return this.withRedirs({ t: "loop", until: t.v === "until", cond, body, redirs: [], line: t.line, src: "" }, t);
        }
        case "for": return this.forClause(t);
        case "case": return this.caseClause(t);
        case "then": case "else": case "elif": case "fi": case "do": case "done": case "esac": case "}": case "in":
          this.unexpected(t);
      }
    }
    return this.simple();
  }

  private withRedirs(n: Node & { redirs: Redir[] }, start: Tok): Node {
    for (;;) {
      const r = this.redirect();
      if (!r) break;
      n.redirs.push(r);
    }
    n.src = this.lx.src.slice(start.start, this.lastEnd);
    return n;
  }

  private doGroup(): Node {
    this.expectWord("do");
    const body = this.compoundList(["done"]);
    this.expectWord("done");
    return body;
  }

  private ifClause(start: Tok): Node {
    this.take();
    const clauses: { cond: Node; body: Node }[] = [];
    let orelse: Node | null = null;
    for (;;) {
      const cond = this.compoundList(["then"]);
      this.expectWord("then");
      const body = this.compoundList(["elif", "else", "fi"]);
      clauses.push({ cond, body });
      const t = this.lx.peek();
      if (this.isWord(t, "elif")) { this.take(); continue; }
      if (this.isWord(t, "else")) { this.take(); orelse = this.compoundList(["fi"]); }
      this.expectWord("fi");
      break;
    }
    return this.withRedirs({ t: "if", clauses, orelse, redirs: [], line: start.line, src: "" }, start);
  }

  private forClause(start: Tok): Node {
    this.take();
    const nt = this.take();
    if (nt.k !== "word" || !NAME.test(nt.v)) throw new SyntaxError_(`Syntax error: Bad for loop variable`, nt.line);
    let words: string[] | null = null;
    this.skipNewlines();
    if (this.isWord(this.lx.peek(), "in")) {
      this.take();
      words = [];
      for (;;) {
        const t = this.lx.peek();
        if (t.k !== "word") break;
        words.push(t.v);
        this.take();
      }
      const sep = this.lx.peek();
      if (this.isOp(sep, ";") || sep.k === "nl") this.take();
      else this.unexpected(sep, "do");
    } else if (this.isOp(this.lx.peek(), ";")) this.take();
    this.skipNewlines();
    const body = this.doGroup();
    return this.withRedirs({ t: "for", name: nt.v, words, body, redirs: [], line: start.line, src: "" }, start);
  }

  private caseClause(start: Tok): Node {
    this.take();
    const w = this.take();
    if (w.k !== "word") this.unexpected(w);
    this.skipNewlines();
    this.expectWord("in");
    const items: { pats: string[]; body: Node | null }[] = [];
    for (;;) {
      this.skipNewlines();
      let t = this.lx.peek();
      if (this.isWord(t, "esac")) { this.take(); break; }
      if (this.isOp(t, "(")) { this.take(); t = this.lx.peek(); }
      const pats: string[] = [];
      for (;;) {
        const p = this.take();
        if (p.k !== "word") this.unexpected(p);
        pats.push(p.v);
        const sep = this.take();
        if (this.isOp(sep, "|")) continue;
        if (this.isOp(sep, ")")) break;
        this.unexpected(sep, ")");
      }
      this.skipNewlines();
      const n = this.lx.peek();
      let body: Node | null = null;
      if (!this.isOp(n, ";;") && !this.isWord(n, "esac")) body = this.compoundList(["esac"]);
      items.push({ pats, body });
      const e = this.lx.peek();
      if (this.isOp(e, ";;")) { this.take(); continue; }
      if (this.isWord(e, "esac")) { this.take(); break; }
      this.unexpected(e, "esac");
    }
    return this.withRedirs({ t: "case", word: w.v, items, redirs: [], line: start.line, src: "" }, start);
  }

  /** A redirection at the current token, or null. */
  private redirect(): Redir | null {
    let t = this.lx.peek();
    let fd = -1;
    if (t.k === "word" && /^\d+$/.test(t.v) && "<>".includes(this.lx.src[t.end] ?? " ")) {
      // An IO_NUMBER: digits right before a redirection operator.
      this.take();
      fd = Number(t.v);
      t = this.lx.peek();
    }
    if (t.k !== "op" || !REDIR_OPS.has(t.v)) return null;
    this.take();
    const target = this.take();
    if (target.k !== "word") this.unexpected(target);
    const op = t.v as Redir["op"];
    if (fd < 0) fd = op[0] === "<" ? 0 : 1;
    const r: Redir = { fd, op, target: target.v };
    if (op === "<<" || op === "<<-") {
      const { delim, quoted } = unquoteDelim(target.v);
      r.doc = { body: "", quoted };
      (r as Redir & { delim?: string }).delim = delim;
      this.lx.pending.push({ delim, strip: op === "<<-", quoted, fill: (b) => { r.doc!.body = b; } });
    }
    return r;
  }

  private simple(): Node {
    const start = this.lx.peek();
    const assigns: string[] = [];
    const words: string[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const r = this.redirect();
      if (r) { redirs.push(r); continue; }
      const t = this.lx.peek();
      if (t.k !== "word") break;
      if (words.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t.v)) { this.take(); assigns.push(t.v); continue; }
      if (words.length === 0 && this.opts.alias && this.aliasDepth < 16 && !/["'\\$`]/.test(t.v)) {
        const a = this.opts.alias(t.v);
        if (a !== undefined) {
          this.lx.src = this.lx.src.slice(0, t.start) + a + " " + this.lx.src.slice(t.end);
          this.lx.unpeek();
          this.aliasDepth++;
          continue;
        }
      }
      if (words.length === 0 && assigns.length === 0 && redirs.length === 0 && NAME.test(t.v) && !RESERVED.has(t.v)) {
        // Maybe a function definition: name ( ) compound-command.
        this.take();
        if (this.isOp(this.lx.peek(), "(")) {
          this.take();
          const c = this.take();
          if (!this.isOp(c, ")")) this.unexpected(c, ")");
          this.skipNewlines();
          const body = this.command();
          return { t: "func", name: t.v, body, line: start.line, src: this.lx.src.slice(start.start, this.lastEnd) };
        }
        words.push(t.v);
        this.aliasDepth = 0;
        continue;
      }
      this.take();
      words.push(t.v);
      this.aliasDepth = 0;
    }
    if (!words.length && !assigns.length && !redirs.length) this.unexpected(this.lx.peek());
    return { t: "simple", assigns, words, redirs, line: start.line, src: this.lx.src.slice(start.start, this.lastEnd) };
  }
}

/** Every here-document of a tree, in source order (to hand a node's text to a child shell). */
export function hereDocs(n: Node | null, out: Redir[] = []): Redir[] {
  if (!n) return out;
  const rs = (rr: Redir[]) => { for (const r of rr) if (r.doc) out.push(r); };
  switch (n.t) {
    case "simple": rs(n.redirs); break;
    case "pipeline": n.cmds.forEach((c) => hereDocs(c, out)); break;
    case "andor": hereDocs(n.left, out); hereDocs(n.right, out); break;
    case "list": n.items.forEach((i) => hereDocs(i.node, out)); break;
    case "subshell": case "group": hereDocs(n.body, out); rs(n.redirs); break;
    case "if": n.clauses.forEach((c) => { hereDocs(c.cond, out); hereDocs(c.body, out); }); hereDocs(n.orelse, out); rs(n.redirs); break;
    case "loop": hereDocs(n.cond, out); hereDocs(n.body, out); rs(n.redirs); break;
    case "for": hereDocs(n.body, out); rs(n.redirs); break;
    case "case": n.items.forEach((i) => hereDocs(i.body, out)); rs(n.redirs); break;
    case "func": hereDocs(n.body, out); break;
  }
  return out;
}

/** A node's source text, followed by its here-document bodies, as a child shell must read it. */
export function nodeText(n: Node): string {
  const docs = hereDocs(n);
  if (!docs.length) return n.src;
  return n.src + "\n" + docs.map((r) => r.doc!.body + (r as Redir & { delim?: string }).delim + "\n").join("");
}

/** Where the command substitution whose text starts at pos (just after "$(") ends: after its ")". */
export function cmdSubstEnd(src: string, pos: number): number {
  return new Parser("").lx.cmdSubstEnd(src, pos, 1).end;
}
