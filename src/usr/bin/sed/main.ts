// sed: stream editor (GNU sed: -n -e -f -E/-r -i[SUFFIX] -s -z; see parse.ts for the commands).
import { open, O_WRONLY, O_CREAT, O_TRUNC } from "../../../lib/libc/fcntl.js";
import { close } from "../../../lib/libc/unistd.js";
import { rename } from "../../../lib/libc/stdio.js";
import { Tool, parseOpts, readFileBytes, bytesToStr, utf8Bytes, Out } from "../../lib/common.js";
import { parseScript, SedError, type Cmd, type Addr } from "./parse.js";

const HELP = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single
                 continuous long stream.
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
`;

/** The input: lines of every file, one after another (or one file at a time with -s/-i). */
class Input {
  private idx = 0;
  constructor(private lines: string[], readonly lastNewline: boolean) {}
  next(): string | null { return this.idx < this.lines.length ? this.lines[this.idx++] : null; }
  get atEnd(): boolean { return this.idx >= this.lines.length; }
  get missingNewline(): boolean { return this.atEnd && !this.lastNewline; }
}

function expandRepl(repl: string, m: RegExpExecArray): string {
  let out = "";
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i];
    if (c === "&") out += m[0];
    else if (c === "\\" && i + 1 < repl.length) {
      const d = repl[++i];
      if (/[0-9]/.test(d)) out += m[Number(d)] ?? "";
      else if (d === "n") out += "\n";
      else if (d === "t") out += "\t";
      else out += d;
    } else out += c;
  }
  return out;
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const p = await parseOpts(t, argv, { short: "ne:f:i::Ersz", long: { quiet: "n", silent: "n", expression: "e:", file: "f:", "in-place": "i::", "regexp-extended": "E", separate: "s", "null-data": "z", posix: "posix", debug: "debug" } });
  if (typeof p === "number") return p;
  let quiet = false, ext = false, separate = false, inPlace: string | null = null, nul = false;
  const parts: string[] = [];
  for (const [k, v] of p.opts) {
    if (k === "n") quiet = true; else if (k === "E" || k === "r") ext = true; else if (k === "s") separate = true;
    else if (k === "z") nul = true;
    else if (k === "i") { inPlace = v; separate = true; }
    else if (k === "e") parts.push(utf8Bytes(v));
    else if (k === "f") {
      const b = await readFileBytes(v);
      if (!b) { await t.error(`couldn't open file ${v}: ${t.errText}`); return 1; }
      parts.push(bytesToStr(b).replace(/\n$/, ""));
    }
  }
  const ops = p.operands;
  if (!parts.length) {
    if (!ops.length) return t.usage();
    parts.push(utf8Bytes(ops.shift()!));
  }
  let cmds: Cmd[];
  try { cmds = parseScript(parts.join("\n"), ext); } catch (e) {
    if (e instanceof SedError) { await t.error(e.message); return 1; }
    throw e;
  }
  const files = ops.length ? ops : ["-"];
  if (inPlace !== null && !ops.length) { await t.error("no input files"); return 1; }
  const delim = nul ? "\0" : "\n";

  // Groups of files processed as one stream.
  const groups = separate ? files.map((f) => [f]) : [files];
  let lastRe: RegExp | null = null;
  let exitCode: number | null = null;
  let hold = "";
  for (const group of groups) {
    let text = "";
    let readable = 0;
    for (const f of group) {
      const b = await readFileBytes(f);
      if (!b) { await t.error(`can't read ${f}: ${t.errText}`, 2); continue; }
      readable++;
      let s = bytesToStr(b);
      if (s !== "" && !s.endsWith(delim) && f !== group[group.length - 1]) s += delim;
      text += s;
    }
    if (!readable) continue;
    const lastNl = text === "" || text.endsWith(delim);
    const lines = text === "" ? [] : (lastNl ? text.slice(0, -1) : text).split(delim);
    const input = new Input(lines, lastNl);
    let out = t.out;
    const tmp = `${group[0]}.sedtmp`;
    if (inPlace !== null) {
      const fd = await open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644);
      if (fd < 0) { await t.error(`couldn't open temporary file ${tmp}: ${t.errText}`, 4); return 4; }
      out = new Out(fd);
    }
    let lineNo = 0;
    // A last line printed without its newline gets one when more output follows, as in GNU sed.
    let missingNl = false;
    const emit = (s: string, nl = true) => { out.raw((missingNl ? delim : "") + s + (nl ? delim : "")); missingNl = !nl; };
    const matchAddr = (a: Addr, ps: string): boolean => {
      switch (a.kind) {
        case "line": return lineNo === a.n;
        case "last": return input.atEnd;
        case "step": return a.step <= 0 ? lineNo === a.first : lineNo >= a.first && (lineNo - a.first) % a.step === 0;
        case "re": {
          const re = a.re ?? lastRe;
          if (!re) throw new SedError("no previous regular expression");
          lastRe = re;
          re.lastIndex = 0;
          return re.test(ps);
        }
        default: return false;
      }
    };
    const selected = (c: Cmd, ps: string): boolean => {
      if (!c.a1) return !c.neg;
      let r: boolean;
      if (!c.a2) r = matchAddr(c.a1, ps);
      else if (c.active) {
        const a2 = c.a2;
        if (a2.kind === "line") { r = true; if (lineNo >= a2.n) c.active = false; if (lineNo > a2.n) r = false; }
        else if (a2.kind === "plus") { r = true; if (lineNo >= c.end!) c.active = false; }
        else { r = true; if (matchAddr(a2, ps)) c.active = false; }
        if (!r) r = false;
      } else if (matchAddr(c.a1, ps)) {
        r = true;
        const a2 = c.a2;
        if (a2.kind === "line") c.active = a2.n > lineNo;
        else if (a2.kind === "plus") { c.end = lineNo + a2.n; c.active = a2.n > 0; }
        else if (a2.kind === "last") c.active = !input.atEnd;
        else c.active = true;
      } else r = false;
      return r !== c.neg;
    };

    let ps: string | null = input.next();
    if (ps !== null) lineNo++;
    const appendQueue: string[] = [];
    const flushAppends = () => { for (const a of appendQueue) emit(a); appendQueue.length = 0; };
    cycle: while (ps !== null) {
      let tflag = false;
      let deleted = false;
      let pc = 0;
      let restartNoRead = false;
      cmdloop: while (pc < cmds.length) {
        const c = cmds[pc];
        let sel: boolean;
        try { sel = c.name === "}" || c.name === ":" ? true : selected(c, ps); } catch (e) {
          if (e instanceof SedError) { await t.error(e.message); return 1; }
          throw e;
        }
        if (!sel) { pc = c.name === "{" ? c.jump! + 1 : pc + 1; continue; }
        pc++;
        switch (c.name) {
          case "{": case "}": case ":": break;
          case "=": emit(String(lineNo)); break;
          case "p": emit(ps); break;
          case "P": emit(ps.split("\n")[0]); break;
          case "l": emit(ps.replace(/[\\\x00-\x1f\x7f-\xff]/g, (ch) => ({ "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\r": "\\r", "\v": "\\v" } as Record<string, string>)[ch] ?? "\\" + ch.charCodeAt(0).toString(8).padStart(3, "0")) + "$"); break;
          case "d": deleted = true; break cmdloop;
          case "D": {
            const nl = ps.indexOf("\n");
            if (nl < 0) { deleted = true; break cmdloop; }
            ps = ps.slice(nl + 1);
            flushAppends();
            restartNoRead = true;
            break cmdloop;
          }
          case "h": hold = ps; break;
          case "H": hold += "\n" + ps; break;
          case "g": ps = hold; break;
          case "G": ps += "\n" + hold; break;
          case "x": [ps, hold] = [hold, ps]; break;
          case "z": ps = ""; break;
          case "n": {
            if (!quiet) emit(ps);
            flushAppends();
            const nx = input.next();
            if (nx === null) { deleted = true; break cmdloop; }
            lineNo++;
            ps = nx;
            break;
          }
          case "N": {
            flushAppends();
            const nx = input.next();
            if (nx === null) break cmdloop; // GNU prints the pattern space at the end
            lineNo++;
            ps += "\n" + nx;
            break;
          }
          case "a": appendQueue.push(c.text!); break;
          case "i": emit(c.text!); break;
          case "c":
            if (!c.a2 || !c.active) emit(c.text!);
            deleted = true;
            break cmdloop;
          case "y": {
            const from = [...c.from!], to = [...c.to!];
            ps = [...ps].map((ch) => { const k = from.indexOf(ch); return k < 0 ? ch : to[k]; }).join("");
            break;
          }
          case "s": {
            const re0: RegExp | null = c.re ?? lastRe;
            if (!re0) { await t.error("no previous regular expression"); return 1; }
            lastRe = re0;
            const re = new RegExp(re0.source, re0.flags.includes("g") ? re0.flags : re0.flags + "g");
            let n = 0, done = false, res = "", last = 0;
            for (let m = re.exec(ps); m; m = re.exec(ps)) {
              n++;
              if (n >= c.nth! && (c.global || n === c.nth)) {
                res += ps.slice(last, m.index) + expandRepl(c.repl!, m);
                last = m.index + m[0].length;
                done = true;
                if (!c.global) break;
              }
              if (m[0] === "") re.lastIndex++;
            }
            if (done) {
              ps = res + ps.slice(last);
              tflag = true;
              if (c.print) emit(ps);
            }
            break;
          }
          case "b": pc = c.jump!; break;
          case "t": if (tflag) { tflag = false; pc = c.jump!; } break;
          case "T": if (!tflag) pc = c.jump!; else tflag = false; break;
          case "q": exitCode = c.code!; break cmdloop;
          case "Q": exitCode = c.code!; deleted = true; break cmdloop;
        }
      }
      if (!deleted && !quiet) emit(ps, !input.missingNewline);
      flushAppends();
      if (exitCode !== null) break cycle;
      if (restartNoRead) continue cycle;
      ps = input.next();
      if (ps !== null) lineNo++;
    }
    if (inPlace !== null) {
      const f = group[0];
      await out.flush();
      await close(out.fd);
      if (inPlace !== "") await rename(f, inPlace.includes("*") ? inPlace.replace(/\*/g, f) : f + inPlace);
      await rename(tmp, f);
    }
    if (exitCode !== null) break;
  }
  return t.finish(exitCode ?? t.status);
}

