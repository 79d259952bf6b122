// fnmatch(3) for the tools that match shell patterns against names (find -name, make's
// wildcard, modprobe's aliases): *, ?, [...] with ! or ^ negation, ranges and [:class:], and
// backslash escapes. With pathname (FNM_PATHNAME), * ? and [...] never match "/".
const CLASSES: Record<string, string> = {
  alpha: "A-Za-z", digit: "0-9", alnum: "A-Za-z0-9", upper: "A-Z", lower: "a-z", space: "\\s",
  xdigit: "0-9A-Fa-f", punct: "!-/:-@[-`{-~", blank: " \\t",
};

export interface FnmatchFlags { pathname?: boolean; icase?: boolean }

/** A pattern as a RegExp matching whole strings. */
export function fnmatchRegExp(pattern: string, flags: FnmatchFlags = {}): RegExp {
  const any = flags.pathname ? "[^/]" : "[\\s\\S]";
  let s = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") s += `${any}*`;
    else if (c === "?") s += any;
    else if (c === "\\" && i + 1 < pattern.length) s += escape(pattern[++i]);
    else if (c === "[") {
      const negated = pattern[i + 1] === "!" || pattern[i + 1] === "^";
      const end = pattern.indexOf("]", i + (negated ? 3 : 2));
      if (end < 0) { s += "\\["; continue; }
      let body = pattern.slice(i + 1 + (negated ? 1 : 0), end).replace(/\\/g, "\\\\")
        .replace(/\[:(\w+):\]/g, (_m, n: string) => CLASSES[n] ?? "");
      s += negated ? `[^${body}${flags.pathname ? "/" : ""}]` : flags.pathname ? `(?!/)[${body}]` : `[${body}]`;
      i = end;
    } else s += escape(c);
  }
  try {
    return new RegExp(`^${s}$`, flags.icase ? "i" : "");
  } catch {
    return new RegExp(`^${[...pattern].map(escape).join("")}$`); // a malformed class ([z-a]) matches only itself
  }
}

function escape(c: string): string {
  return c.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

/** fnmatch(pattern, string, flags) == 0. */
export function fnmatch(pattern: string, s: string, flags: FnmatchFlags = {}): boolean {
  return fnmatchRegExp(pattern, flags).test(s);
}
