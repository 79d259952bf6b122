// more: a pager that scrolls on the terminal: a screenful (the window's size, following
// SIGWINCH), then the "--More--(NN%)" prompt in reverse video; space or f a screen, Enter or j
// a line, d half a screen, b back a screen, /pattern and n, = the line number, q quits; it ends
// at the end of its input. Not a terminal: copies its input (file headers between several).
import { write, isatty } from "../../lib/libc/unistd.js";
import { Screen, expandTabs, rev } from "../lib/screen.js";
import { loadFiles, writeAll, pattern } from "./less.js";

const enc = new TextEncoder();
const header = (name: string) => `::::::::::::::\n${name}\n::::::::::::::\n`;

export default async function main(argv: string[]): Promise<number> {
  const names = argv.slice(1).filter((a) => a === "-" || !a.startsWith("-"));
  if (!names.length && (await isatty(0))) {
    await write(2, "more: bad usage\nTry 'more --help' for more information.\n");
    return 1;
  }
  const { docs, raw, failed } = await loadFiles("more", names);
  if (!(await isatty(1))) {
    for (let i = 0; i < raw.length; i++) {
      if (docs.length > 1) await writeAll(enc.encode(header(docs[i].name)));
      await writeAll(raw[i]);
    }
    return failed ? 1 : 0;
  }
  if (!docs.length) return 1;
  const lines: string[] = [];
  for (const d of docs) {
    if (docs.length > 1) lines.push(...header(d.name).split("\n").slice(0, 3));
    lines.push(...d.lines);
  }
  const s = await Screen.open(false);
  if (!s) { await writeAll(enc.encode(lines.map((l) => l + "\n").join(""))); return 0; }
  await s.start();
  try {
    await page(s, lines, names.length === 0 || names.every((n) => n === "-"));
  } finally {
    await s.end();
  }
  return failed ? 1 : 0;
}

async function page(s: Screen, lines: string[], piped: boolean): Promise<void> {
  let rows: string[] = [];
  let rowLine: number[] = [];
  const bytes: number[] = [];
  let total = 0;
  for (const l of lines) { total += enc.encode(l).length + 1; bytes.push(total); }
  const layout = () => {
    rows = []; rowLine = [];
    const w = Math.max(1, s.cols);
    lines.forEach((l, n) => {
      const e = expandTabs(l);
      for (let o = 0; o === 0 || o < e.length; o += w) { rows.push(e.slice(o, o + w)); rowLine.push(n); }
    });
  };
  layout();
  const height = () => Math.max(1, s.rows - 1);
  let shown = 0;
  const show = (n: number) => {
    const end = Math.min(rows.length, shown + n);
    for (; shown < end; shown++) s.put(rows[shown] + "\n");
  };
  let search: RegExp | null = null;
  show(height());
  let msg = "";
  while (shown < rows.length) {
    const pct = Math.floor((100 * bytes[rowLine[shown - 1]]) / total);
    s.put(rev(msg || (piped ? "--More--" : `--More--(${pct}%)`)));
    msg = "";
    await s.flush();
    let k = await s.key();
    let count = "";
    while (k !== null && /^[0-9]$/.test(k)) { count += k; k = await s.key(); }
    s.put("\r\x1b[K");
    if (k === null || k === "q" || k === "Q" || k === "^C") break;
    const n = Number(count) || 0;
    switch (k) {
      case "Resize": {
        const line = rowLine[shown - 1];
        layout();
        shown = rows.findIndex((_, i) => rowLine[i] > line);
        if (shown < 0) shown = rows.length;
        break;
      }
      case " ": case "f": case "z": case "PgDn": case "^F": show(n || height()); break;
      case "Enter": case "j": case "Down": show(n || 1); break;
      case "d": case "^D": show(n || 11); break;
      case "s": shown = Math.min(rows.length, shown + (n || 1)); show(height()); break;
      case "b": case "^B": case "PgUp": {
        shown = Math.max(0, shown - height() * (1 + (n || 1)));
        s.put("\x1b[H\x1b[2J...back " + (n || 1) + (n > 1 ? " pages\n" : " page\n"));
        show(height() - 1);
        break;
      }
      case "=": msg = String(rowLine[shown - 1] + 1); break;
      case "/": case "n": {
        if (k === "/") {
          let p = "";
          for (;;) {
            s.put("\r\x1b[K/" + p); await s.flush();
            const c = await s.key();
            if (c === null || c === "^C" || c === "Esc") { p = "\0"; break; }
            if (c === "Enter") break;
            if (c === "Backspace") p = p.slice(0, -1);
            else if ([...c].length === 1) p += c;
          }
          s.put("\r\x1b[K");
          if (p === "\0") break;
          if (p) search = pattern(p);
        }
        if (!search) { msg = "No previous regular expression"; break; }
        let at = -1;
        for (let r = shown; r < rows.length; r++) { search.lastIndex = 0; if (search.test(rows[r])) { at = r; break; } }
        if (at < 0) { msg = "Pattern not found"; break; }
        s.put("\n...skipping\n");
        shown = Math.max(0, at - 2);
        show(height() - 2);
        break;
      }
      case "h": case "?": msg = "[Press space to continue, 'q' to quit.]"; break;
      default: break;
    }
  }
  await s.flush();
}
