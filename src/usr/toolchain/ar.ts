// ar: archives of objects (`ar rcs libx.a a.o b.o`, `ar t`, `ar x`, and llvm-ar's other
// operations), run by LLVM's ar in the machine's compiler Worker on bytes read through the
// guest's system calls; the archive and extracted members are written back through open/write.
import { runTool } from "llvm";
import { write, getcwd } from "../../lib/libc/unistd.js";
import { readBytes, writeBytes } from "./c_files.js";

const GUEST = "/typix-guest";
const dec = new TextDecoder();

export default async function main(argv: string[]): Promise<number> {
  const cwd = (getcwd() as string | null) ?? "/";
  const abs = (p: string) => (p.startsWith("/") ? p : `${cwd}/${p}`).replace(/\/\.\//g, "/");
  const args = argv.slice(1);
  const opIndex = args.findIndex((a) => !a.startsWith("--"));
  if (opIndex < 0 || opIndex + 1 >= args.length) {
    await write(2, "Usage: ar [-]{dmpqrstx}[abcDfilMNoOPsSTuvV] [member-name] [count] archive-file file...\n");
    return 1;
  }
  const op = args[opIndex].replace(/^-/, "");
  const archive = args[opIndex + 1], members = args.slice(opIndex + 2);
  const files: Record<string, Uint8Array> = {};
  const a = readBytes(abs(archive));
  if (a) files[GUEST + abs(archive)] = a;
  for (const m of members) { const d = readBytes(abs(m)); if (d) files[GUEST + abs(m)] = d; }
  const mapped = [...args.slice(0, opIndex), args[opIndex], GUEST + abs(archive)];
  let outputs = [GUEST + abs(archive)];
  if (/x/.test(op)) {
    // Extraction writes into ar's working directory: "/" of its file system, members by name.
    let names = members;
    if (names.length === 0 && a) {
      const t = await runTool("ar", ["t", GUEST + abs(archive)], files, []);
      names = dec.decode(t.stdout).split("\n").filter((s) => s !== "");
    }
    outputs = names.map((n) => "/" + n.replace(/^.*\//, ""));
    mapped.push(...members);
  } else mapped.push(...members.map((m) => GUEST + abs(m)));
  const r = await runTool("ar", mapped, files, outputs);
  if (r.code === -1) { write(2, `ar: ${r.crash ?? "killed"}\n`); return 1; }
  if (r.stdout.length) write(1, dec.decode(r.stdout).replaceAll(GUEST + "/", "/"));
  if (r.stderr.length) write(2, dec.decode(r.stderr).replaceAll(GUEST + "/", "/").replace(/^llvm-ar:/gm, "ar:"));
  for (const [p, data] of Object.entries(r.files)) {
    const dest = p.startsWith(GUEST) ? p.slice(GUEST.length) : abs(p.slice(1));
    if (p.startsWith(GUEST) && a && data.length === a.length && data.every((b, i) => b === a[i])) continue; // unchanged
    const e = writeBytes(dest, data, 0o666);
    if (e) { write(2, `ar: ${dest}: ${e}\n`); return 1; }
  }
  return r.code;
}
