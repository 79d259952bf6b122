// POSIX regular expressions (basic and extended, with GNU's extensions: \+ \? \| in BREs,
// \< \> \b \B \w \W \s \S, back-references) translated to JavaScript RegExp source. Patterns
// and subjects are byte strings, so [[:alpha:]] and friends mean the C locale's classes.

const CLASSES: Record<string, string> = {
  alpha: "A-Za-z", digit: "0-9", alnum: "0-9A-Za-z", upper: "A-Z", lower: "a-z", space: " \\t\\n\\r\\f\\v",
  blank: " \\t", punct: "!-\\/:-@\\[-`{-~", print: " -~", graph: "!-~", cntrl: "\\x00-\\x1f\\x7f", xdigit: "0-9A-Fa-f",
};

export class RegexError extends Error {}

/** Translate a bracket expression starting at re[i] === "["; returns [js, next index]. */
function bracket(re: string, i: number): [string, number] {
  let j = i + 1;
  let out = "[";
  if (re[j] === "^") { out += "^"; j++; }
  let first = true;
  for (;;) {
    if (j >= re.length) throw new RegexError("Unmatched [, [^, [:, [., or [=");
    const c = re[j];
    if (c === "]" && !first) break;
    first = false;
    if (c === "[" && (re[j + 1] === ":" || re[j + 1] === "=" || re[j + 1] === ".")) {
      const kind = re[j + 1];
      const end = re.indexOf(kind + "]", j + 2);
      if (end < 0) throw new RegexError("Unmatched [, [^, [:, [., or [=");
      const name = re.slice(j + 2, end);
      if (kind === ":") {
        const cls = CLASSES[name];
        if (cls === undefined) throw new RegexError("Invalid character class name");
        out += cls;
      } else out += esc(name);
      j = end + 2;
      continue;
    }
    out += c === "\\" || c === "]" || c === "[" || c === "^" ? "\\" + c : c;
    j++;
  }
  return [out + "]", j + 1];
}

const esc = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");

/**
 * The JavaScript source for a POSIX pattern. extended: ERE, else BRE. Escapes such as \n
 * and \t are understood when escapes is set (sed).
 */
export function posixToJs(re: string, extended: boolean, escapes = false): string {
  let out = "";
  let i = 0;
  // Where a "*" is literal (BRE) and "^" is an anchor: at the start, after a group open or alternation.
  let atStart = true;
  let groups = 0;
  while (i < re.length) {
    const c = re[i];
    const start = atStart;
    atStart = false;
    if (c === "[") { const [s, n] = bracket(re, i); out += s; i = n; continue; }
    if (c === "\\") {
      const d = re[i + 1];
      i += 2;
      if (d === undefined) throw new RegexError("Trailing backslash");
      if (!extended && d === "(") { out += "("; groups++; atStart = true; continue; }
      if (!extended && d === ")") { out += ")"; continue; }
      if (!extended && d === "|") { out += "|"; atStart = true; continue; }
      if (!extended && (d === "+" || d === "?")) { out += d; continue; }
      if (!extended && d === "{") {
        const end = re.indexOf("\\}", i);
        if (end < 0) throw new RegexError("Unmatched \\{");
        out += "{" + re.slice(i, end) + "}";
        i = end + 2;
        continue;
      }
      if (/[1-9]/.test(d)) { if (Number(d) > groups) throw new RegexError("Invalid back reference"); out += "\\" + d; continue; }
      if (d === "<") { out += "\\b(?=\\w)"; continue; }
      if (d === ">") { out += "\\b(?<=\\w)"; continue; }
      if ("bBwWsS".includes(d)) { out += "\\" + d; continue; }
      if (d === "`") { out += "^"; continue; }
      if (d === "'") { out += "$"; continue; }
      if (escapes && d === "n") { out += "\\n"; continue; }
      if (escapes && d === "t") { out += "\\t"; continue; }
      out += esc(d);
      continue;
    }
    i++;
    if (c === "^") {
      if (extended || start) out += "^"; else out += "\\^";
      if (extended) atStart = true;
      continue;
    }
    if (c === "$") {
      const rest = re.slice(i);
      if (extended || rest === "" || rest.startsWith("\\)") || rest.startsWith("\\|")) out += "$"; else out += "\\$";
      continue;
    }
    if (c === "*") { out += start ? "\\*" : "*"; continue; }
    if (c === ".") { out += "."; continue; }
    if (extended) {
      if (c === "(") { out += "("; groups++; atStart = true; continue; }
      if (c === "|") { out += "|"; atStart = true; continue; }
      if (c === "+" || c === "?") { out += start ? esc(c) : c; continue; }
      if (c === "{") {
        const m = /^(\d*)(,?)(\d*)\}/.exec(re.slice(i));
        if (m && !start) { out += "{" + (m[1] || "0") + m[2] + m[3] + "}"; i += m[0].length; continue; }
        out += "\\{";
        continue;
      }
      if (c === ")") { out += ")"; continue; }
    }
    out += esc(c);
  }
  return out;
}

/** Compile a POSIX pattern; throws RegexError with GNU's message when it is invalid. */
export function compile(re: string, extended: boolean, flags: string, escapes = false): RegExp {
  const src = posixToJs(re, extended, escapes);
  try {
    return new RegExp(src, flags);
  } catch {
    if (/\(/.test(src) && !/\)/.test(src)) throw new RegexError("Unmatched ( or \\(");
    if (/\)/.test(src)) throw new RegexError("Unmatched ) or \\)");
    throw new RegexError("Invalid regular expression");
  }
}
