// echo: print the arguments (GNU coreutils: -n, -e, -E).
import { write } from "../../lib/libc/unistd.js";

export default async function main(argv: string[]): Promise<number> {
  let args = argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0])) {
    for (const c of args[0].slice(1)) {
      if (c === "n") newline = false;
      else if (c === "e") escapes = true;
      else escapes = false;
    }
    args = args.slice(1);
  }
  let out = args.join(" ");
  if (escapes) {
    const cut = out.indexOf("\\c");
    if (cut >= 0) { out = out.slice(0, cut); newline = false; }
    out = out.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|.)/g, (_m, e: string) => {
      switch (e[0]) {
        case "n": return "\n"; case "t": return "\t"; case "\\": return "\\"; case "a": return "\x07";
        case "b": return "\b"; case "e": return "\x1b"; case "f": return "\f"; case "r": return "\r"; case "v": return "\v";
        case "0": return String.fromCharCode(parseInt(e.slice(1) || "0", 8));
        case "x": return String.fromCharCode(parseInt(e.slice(1), 16));
        default: return "\\" + e;
      }
    });
  }
  const r = await write(1, out + (newline ? "\n" : ""));
  return r < 0 ? 1 : 0;
}
