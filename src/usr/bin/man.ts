// man: the manual. `man [SECTION] PAGE...` finds /usr/share/man/manSECTION/PAGE.SECTION (in
// man-db's section order when none is given), lays it out between man's header and footer lines
// and shows it through the pager ($MANPAGER, $PAGER, else less) on a terminal, or prints it.
// `man -f PAGE` (whatis) and `man -k WORD` (apropos) search the NAME lines; `man -w` prints
// the file's path. Pages are plain text in man's layout: section headings at the margin, text
// indented by seven columns; the first line is "NAME(SECTION)" and the NAME section's line
// "page - what it is" is what whatis prints.
import { write, isatty, close, pipe } from "../../lib/libc/unistd.js";
import { getenv, environ } from "../../lib/libc/stdlib.js";
import { posix_spawnp, posix_spawn_file_actions_init, posix_spawn_file_actions_adddup2, posix_spawn_file_actions_addclose, type posix_spawn_file_actions_t } from "../../lib/libc/spawn.js";
import { waitpid } from "../../lib/libc/sys/wait.js";
import { opendir, readdir, closedir } from "../../lib/libc/dirent.js";
import { readFileBytes } from "../lib/common.js";
import { uname } from "../lib/sys/kernel.js";

const MANDIR = "/usr/share/man";
/** man-db's default order of sections. */
const ORDER = ["1", "n", "l", "8", "3", "2", "5", "4", "9", "6", "7"];
const enc = new TextEncoder(), dec = new TextDecoder();

interface Page { name: string; section: string; path: string; text: string }

async function find(name: string, section: string | null): Promise<Page | null> {
  for (const s of section ? [section] : ORDER) {
    const path = `${MANDIR}/man${s}/${name}.${s}`;
    const data = await readFileBytes(path);
    if (data) return { name, section: s, path, text: dec.decode(data) };
  }
  return null;
}

/** Every page, for whatis and apropos: its name, section and NAME line. */
async function allPages(): Promise<{ name: string; section: string; summary: string }[]> {
  const out: { name: string; section: string; summary: string }[] = [];
  for (const s of ORDER) {
    const d = await opendir(`${MANDIR}/man${s}`);
    if (!d) continue;
    const names: string[] = [];
    for (let e = await readdir(d); e; e = await readdir(d)) if (e.d_name.endsWith(`.${s}`)) names.push(e.d_name.slice(0, -s.length - 1));
    await closedir(d);
    for (const name of names.sort()) {
      const page = await find(name, s);
      const m = page && /^NAME\n\s+(.*)$/m.exec(page.text);
      out.push({ name, section: s, summary: m ? m[1].replace(/^\S+(, \S+)* - /, "") : "" });
    }
  }
  return out;
}

const whatisLine = (p: { name: string; section: string; summary: string }) => `${`${p.name} (${p.section})`.padEnd(20)} - ${p.summary}\n`;

/** The page between man's header and footer, as man-db lays them out for 80 columns. */
function layout(p: Page, release: string): string {
  const title = `${p.name.toUpperCase()}(${p.section})`;
  const middle = ({ "1": "User Commands", "2": "System Calls Manual", "3": "Library Functions Manual", "7": "Miscellaneous Information Manual", "8": "System Manager's Manual", "9": "Kernel Functions Manual" } as Record<string, string>)[p.section] ?? "Typix Manual";
  const gap = Math.max(1, 80 - 2 * title.length - middle.length);
  const header = title + " ".repeat(Math.floor(gap / 2)) + middle + " ".repeat(Math.ceil(gap / 2)) + title;
  const body = p.text.replace(/^[^\n]*\n/, "").replace(/\n*$/, "\n");
  const left = `Typix ${release}`;
  const footer = left + " ".repeat(Math.max(1, 80 - left.length - title.length)) + title;
  return `${header}\n\n${body}\n${footer}\n`;
}

async function writeAll(fd: number, s: string): Promise<void> {
  const b = enc.encode(s);
  for (let o = 0; o < b.length;) {
    const n = await write(fd, b.subarray(o), b.length - o) as number;
    if (n <= 0) return;
    o += n;
  }
}

/** Show text through the pager, as man does on a terminal. */
async function page(text: string): Promise<void> {
  const pager = getenv("MANPAGER") ?? getenv("PAGER") ?? "less";
  const fds = [0, 0];
  if ((await pipe(fds)) < 0) { await writeAll(1, text); return; }
  const fa: posix_spawn_file_actions_t = {};
  posix_spawn_file_actions_init(fa);
  posix_spawn_file_actions_adddup2(fa, fds[0], 0);
  posix_spawn_file_actions_addclose(fa, fds[0]);
  posix_spawn_file_actions_addclose(fa, fds[1]);
  const pid = { value: 0 };
  const e = await posix_spawnp(pid, pager, fa, null, [pager], environ());
  await close(fds[0]);
  if (e) { await close(fds[1]); await writeAll(1, text); return; }
  await writeAll(fds[1], text);
  await close(fds[1]);
  await waitpid(pid.value, { value: 0 }, 0);
}

export default async function main(argv: string[]): Promise<number> {
  const args = argv.slice(1);
  const err = (s: string) => writeAll(2, s);
  if (!args.length) { await err("What manual page do you want?\nFor example, try 'man man'.\n"); return 1; }
  if (args[0] === "-f" || args[0] === "-k") {
    const all = await allPages();
    let status = 0;
    for (const word of args.slice(1)) {
      const hits = args[0] === "-f" ? all.filter((p) => p.name === word)
        : all.filter((p) => p.name.includes(word) || p.summary.toLowerCase().includes(word.toLowerCase()));
      if (!hits.length) { await err(`${word}: nothing appropriate.\n`); status = 16; }
      for (const h of hits) await writeAll(1, whatisLine(h));
    }
    return status;
  }
  const where = args[0] === "-w";
  const rest = where ? args.slice(1) : args;
  const section = rest.length > 1 && /^[1-9nl]$/.test(rest[0]) ? rest[0] : null;
  const names = section ? rest.slice(1) : rest;
  let status = 0, out = "";
  const release = (await uname())?.release ?? "";
  for (const name of names) {
    const p = await find(name, section);
    if (!p) {
      await err(section ? `No manual entry for ${name} in section ${section}\n` : `No manual entry for ${name}\n`);
      status = 16;
      continue;
    }
    out += where ? `${p.path}\n` : layout(p, release);
  }
  if (!out) return status;
  if (!where && (await isatty(1))) await page(out);
  else await writeAll(1, out);
  return status;
}
