// mknod: make block or character special files, or FIFOs (GNU coreutils: NAME TYPE [MAJOR
// MINOR], TYPE b, c, u or p; -m MODE). Device nodes need CAP_MKNOD: "Operation not permitted".
import { mknod, makedev, S_IFBLK, S_IFCHR, S_IFIFO, umask, chmod } from "../../lib/libc/sys/stat.js";
import { Tool, parseOpts } from "../lib/common.js";
import { applyMode } from "../lib/mode.js";

const HELP = `Usage: mknod [OPTION]... NAME TYPE [MAJOR MINOR]
Create the special file NAME of the given TYPE.

Mandatory arguments to long options are mandatory for short options too.
  -m, --mode=MODE    set file permission bits to MODE, not a=rw - umask
      --help        display this help and exit
      --version     output version information and exit

Both MAJOR and MINOR must be specified when TYPE is b, c, or u, and they
must be omitted when TYPE is p.  If MAJOR or MINOR begins with 0x or 0X,
it is interpreted as hexadecimal; otherwise, if it begins with 0, as octal;
otherwise, as decimal.  TYPE may be:

  b      create a block (buffered) special file
  c, u   create a character (unbuffered) special file
  p      create a FIFO
`;

function num(s: string): number | null {
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^0[0-7]*$/.test(s)) return parseInt(s, 8);
  if (/^[1-9]\d*$/.test(s)) return Number(s);
  return null;
}

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("mknod", HELP);
  const p = await parseOpts(t, argv, { short: "m:Z", long: { mode: "m:" } });
  if (typeof p === "number") return p;
  let mode = 0o666;
  let explicit = false;
  for (const [k, v] of p.opts) {
    if (k !== "m") continue;
    const m = applyMode(v, 0o666, false, 0);
    if (m === null) { await t.error("invalid mode"); return 1; }
    mode = m;
    explicit = true;
  }
  const ops = p.operands;
  if (ops.length === 0) return t.usage("missing operand");
  if (ops.length === 1) return t.usage(`missing operand after '${ops[0]}'`);
  const type = ops[1];
  if (!["b", "c", "u", "p"].includes(type)) return t.usage(`invalid device type '${type}'`);
  const isFifo = type === "p";
  if (isFifo && ops.length > 2) {
    return t.usage(`extra operand '${ops[2]}'\nFifos do not have major and minor device numbers.`);
  }
  if (!isFifo && ops.length < 4) return t.usage(`missing operand after '${ops[ops.length - 1]}'\nSpecial files require major and minor device numbers.`);
  if (ops.length > 4) return t.usage(`extra operand '${ops[4]}'`);
  let dev = 0;
  if (!isFifo) {
    const maj = num(ops[2]), min = num(ops[3]);
    if (maj === null) { await t.error(`invalid major device number '${ops[2]}'`); return 1; }
    if (min === null) { await t.error(`invalid minor device number '${ops[3]}'`); return 1; }
    dev = makedev(maj, min);
  }
  const kind = type === "b" ? S_IFBLK : type === "p" ? S_IFIFO : S_IFCHR;
  if (explicit) {
    const old = await umask(0);
    const r = await mknod(ops[0], kind | mode, dev);
    await umask(old);
    if (r < 0) { await t.error(`${ops[0]}: ${t.errText}`); return 1; }
    if (mode & 0o7000 && await chmod(ops[0], mode) < 0) { await t.error(`cannot set permissions of '${ops[0]}': ${t.errText}`); return 1; }
    return 0;
  }
  if (await mknod(ops[0], kind | mode, dev) < 0) { await t.error(`${ops[0]}: ${t.errText}`); return 1; }
  return 0;
}
