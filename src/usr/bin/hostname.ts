// hostname: show or set the system's host name (Debian's hostname package): no operand
// prints it, -s its part before the first dot; "hostname NAME" or -F FILE sets it (root only).
import { gethostname, sethostname } from "../../lib/libc/unistd.js";
import { errno, EPERM } from "../../lib/libc/errno.js";
import { Tool, parseOpts, readFileBytes, bytesToStr } from "../lib/common.js";

const HELP = `Usage: hostname [-b] {hostname|-F file}         set host name (from file)
       hostname [-s]                            display host name
       hostname -V|--version|-h|--help          print info and exit

    -s, --short            short host name
    -F, --file             read host name or NIS domain name from given file
    -b, --boot             set default hostname if none available
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("hostname", HELP);
  const p = await parseOpts(t, argv, { short: "sbF:h", long: { short: "s", file: "F:", boot: "b" } });
  if (typeof p === "number") return p;
  const f = new Map(p.opts);
  if (f.has("h")) { t.out.text(HELP); return t.finish(0); }
  let name = p.operands[0];
  if (f.has("F")) {
    const b = await readFileBytes(f.get("F")!);
    if (!b) { await t.error(`${f.get("F")}: ${t.errText}`); return 1; }
    name = bytesToStr(b).split("\n").map((l) => l.trim()).find((l) => l && !l.startsWith("#")) ?? "";
  }
  if (name !== undefined) {
    if (await sethostname(name) < 0) {
      await t.error(errno === EPERM ? "you must be root to change the host name" : `${name}: ${t.errText}`);
      return 1;
    }
    return 0;
  }
  const h = await gethostname();
  if (h === null) { await t.error(t.errText); return 1; }
  t.out.text((f.has("s") ? h.split(".")[0] : h) + "\n");
  return t.finish();
}
