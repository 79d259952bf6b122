// Module parameters (Linux's kernel/params.c): the types module_param accepts, parsing the
// "a=1 b=x" string given to init_module, and the text /sys/module/X/parameters/ shows.
// A parameter is bound to a variable of the module through get/set closures the build
// generates (see README.md), so the module reads it as a plain variable, as C does.
import { printk, KERN } from "../printk.js";
import { Errno } from "../errors.js";
import { EINVAL, ERANGE, ENOSPC } from "../../include/uapi/errno.js";

export const PARAM_TYPES = ["bool", "invbool", "charp", "byte", "short", "ushort", "int", "uint", "long", "ulong", "hexint"] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

export interface KernelParam {
  name: string;
  type: ParamType;
  perm: number;
  get(): unknown;
  set(v: unknown): void;
  /** module_param_array: the element count the last write set, when the module asked for it. */
  array?: { max: number; setCount?: (n: number) => void };
}

const RANGES: Partial<Record<ParamType, [bigint, bigint]>> = {
  byte: [0n, 255n], short: [-32768n, 32767n], ushort: [0n, 65535n], int: [-(2n ** 31n), 2n ** 31n - 1n],
  uint: [0n, 2n ** 32n - 1n], hexint: [0n, 2n ** 32n - 1n], long: [-(2n ** 63n), 2n ** 63n - 1n], ulong: [0n, 2n ** 64n - 1n],
};

/** kstrto*(s, 0): decimal, 0x hex or 0 octal, an optional sign, one trailing newline. */
function parseInteger(s: string, type: ParamType): number {
  const t = s.endsWith("\n") ? s.slice(0, -1) : s;
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(t);
  if (!m) throw new Errno(EINVAL);
  const signed = type === "short" || type === "int" || type === "long";
  if (m[1] === "-" && !signed) throw new Errno(EINVAL);
  const digits = m[2];
  let v = /^0[xX]/.test(digits) ? BigInt(digits) : digits.length > 1 && digits[0] === "0" ? BigInt("0o" + digits.slice(1)) : BigInt(digits);
  if (m[1] === "-") v = -v;
  const [lo, hi] = RANGES[type]!;
  if (v < lo || v > hi) throw new Errno(ERANGE);
  return Number(v);
}

/** kstrtobool: y/Y/1/on, n/N/0/off; a missing value means true. */
function parseBool(s: string | null): boolean {
  if (s === null) return true;
  const t = s.toLowerCase();
  if (t[0] === "y" || t[0] === "1" || t === "on" || t.startsWith("on\n")) return true;
  if (t[0] === "n" || t[0] === "0" || t === "off" || t.startsWith("off\n")) return false;
  throw new Errno(EINVAL);
}

/** A value's text as the type reads it; Errno(EINVAL/ERANGE) when it is not one. */
export function parseParamValue(type: ParamType, val: string | null): unknown {
  if (type === "bool") return parseBool(val);
  if (type === "invbool") return !parseBool(val);
  if (val === null) throw new Errno(EINVAL);
  if (type === "charp") {
    if (val.length > 1023) throw new Errno(ENOSPC);
    return val;
  }
  return parseInteger(val, type);
}

/** param_get_*: the text a parameter file shows. */
export function showParam(p: KernelParam): string {
  const one = (v: unknown): string => {
    if (p.type === "bool") return v ? "Y" : "N";
    if (p.type === "invbool") return v ? "N" : "Y";
    if (p.type === "charp") return v === null || v === undefined ? "(null)" : String(v);
    if (p.type === "hexint") return "0x" + (Number(v) >>> 0).toString(16);
    return String(v);
  };
  const v = p.get();
  return (p.array ? (v as unknown[]).map(one).join(",") : one(v)) + "\n";
}

/** Set a parameter from its text (an array takes comma-separated values). */
export function setParam(p: KernelParam, val: string | null): void {
  if (!p.array) {
    p.set(parseParamValue(p.type, val));
    return;
  }
  if (val === null) throw new Errno(EINVAL);
  const items = val.replace(/\n$/, "").split(",");
  if (items.length > p.array.max) throw new Errno(EINVAL);
  const arr = p.get() as unknown[];
  items.forEach((s, i) => { arr[i] = parseParamValue(p.type, s); });
  p.array.setCount?.(items.length);
}

/** next_arg: split "a=1 b=\"x y\" c" into [name, value-or-null] pairs; quotes group. */
export function splitArgs(args: string): [string, string | null][] {
  const out: [string, string | null][] = [];
  let i = 0;
  while (i < args.length) {
    while (i < args.length && /\s/.test(args[i])) i++;
    if (i >= args.length) break;
    let tok = "", quoted = false;
    for (; i < args.length && (quoted || !/\s/.test(args[i])); i++) {
      if (args[i] === '"') { quoted = !quoted; continue; }
      tok += args[i];
    }
    const eq = tok.indexOf("=");
    out.push(eq < 0 ? [tok, null] : [tok.slice(0, eq), tok.slice(eq + 1)]);
  }
  return out;
}

/** parameq: "-" and "_" are the same in parameter names. */
const paramEq = (a: string, b: string) => a.replace(/-/g, "_") === b.replace(/-/g, "_");

/**
 * parse_args for a module: set each known parameter; an unknown one is logged and ignored;
 * an invalid value is logged and fails the load with the setter's errno.
 */
export function parseModuleArgs(mod: string, params: KernelParam[], args: string): void {
  for (const [name, val] of splitArgs(args)) {
    const p = params.find((q) => paramEq(q.name, name));
    if (!p) {
      printk(KERN(4) + `${mod}: unknown parameter '${name}' ignored\n`);
      continue;
    }
    try {
      setParam(p, val);
    } catch (e) {
      if (!(e instanceof Errno)) throw e;
      if (e.errno === ENOSPC) printk(KERN(3) + `${mod}: \`${val ?? ""}' too large for parameter \`${name}'\n`);
      else printk(KERN(3) + `${mod}: \`${val ?? ""}' invalid for parameter \`${name}'\n`);
      throw e;
    }
  }
}
