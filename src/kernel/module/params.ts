// Module parameters (Linux's kernel/params.c): struct kernel_param with its kernel_param_ops
// (set from text, get as text), the standard ops of each module_param type, arrays
// (module_param_array), parsing the "a=1 b=x" string given to init_module (parse_args), and
// the linux/moduleparam API modules use for their own ops (module_param_cb).
// A parameter's variable is reached through an accessor the build generates (README.md), so the
// module reads it as a plain variable, as C does; kp.arg is that accessor.
import { printk, KERN } from "../printk.js";
import { Errno } from "../errors.js";
import { EINVAL, ERANGE, ENOSPC, EPERM } from "../../include/uapi/errno.js";
import { exportHeader } from "./ksyms.js";

export const PARAM_TYPES = ["bool", "invbool", "charp", "byte", "short", "ushort", "int", "uint", "long", "ulong", "hexint"] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

/** The variable behind a parameter (kp->arg). */
export interface ParamArg { get(): unknown; set(v: unknown): void }

/** The text a get writes: Linux's char *buffer, as the API's other pointers, a { value } box. */
export interface ParamBuffer { value: string }

/** KERNEL_PARAM_OPS_FL_NOARG: set accepts a parameter given without "=value". */
export const KERNEL_PARAM_OPS_FL_NOARG = 1;

/** struct kernel_param_ops: set returns 0 or -errno (or throws an Errno); get fills buffer.value and returns its length, or returns the text. */
export interface kernel_param_ops {
  flags?: number;
  set?(val: string | null, kp: kernel_param): number | void;
  get?(buffer: ParamBuffer, kp: kernel_param): number | string | void;
}

/** struct kernel_param */
export interface kernel_param {
  name: string;
  /** The owning module's name. */
  mod: string;
  perm: number;
  ops: kernel_param_ops;
  arg: ParamArg | null;
  /** module_param_array: its elements' ops, maximum, and the count variable's accessors. */
  arr?: KparamArray;
}
export type KernelParam = kernel_param;

/** struct kparam_array */
export interface KparamArray {
  max: number;
  elem: kernel_param_ops;
  setNum?: (n: number) => void;
  getNum?: () => number;
  /** The count as the loader last set it, for a count variable it cannot read. */
  num?: number;
}

const RANGES: Partial<Record<ParamType, [bigint, bigint]>> = {
  byte: [0n, 255n], short: [-32768n, 32767n], ushort: [0n, 65535n], int: [-(2n ** 31n), 2n ** 31n - 1n],
  uint: [0n, 2n ** 32n - 1n], hexint: [0n, 2n ** 32n - 1n], long: [-(2n ** 63n), 2n ** 63n - 1n], ulong: [0n, 2n ** 64n - 1n],
};
const SIGNED = new Set<ParamType>(["short", "int", "long"]);

/**
 * kstrto*(s, 0): an optional sign ("-" for signed types only), then decimal, "0x" hex (when a
 * hex digit follows) or "0" octal, then at most one newline. EINVAL for anything else, ERANGE
 * beyond the type.
 */
export function kstrtoType(s: string, type: ParamType): number | bigint {
  const t = s.endsWith("\n") ? s.slice(0, -1) : s;
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(t);
  if (!m || (m[1] === "-" && !SIGNED.has(type))) throw new Errno(EINVAL);
  const d = m[2];
  let v = /^0[xX]/.test(d) ? BigInt(d) : d.length > 1 && d[0] === "0" ? BigInt("0o" + d.slice(1)) : BigInt(d);
  if (m[1] === "-") v = -v;
  const [lo, hi] = RANGES[type]!;
  if (v < lo || v > hi) throw new Errno(ERANGE);
  return Number.isSafeInteger(Number(v)) ? Number(v) : v;
}

/** kstrtobool: y/Y/1, n/N/0, o[nN] and o[fF]; only the first two characters count. */
export function kstrtobool(s: string): boolean {
  const c = s[0], d = s[1];
  if (c === "y" || c === "Y" || c === "1") return true;
  if (c === "n" || c === "N" || c === "0") return false;
  if ((c === "o" || c === "O") && (d === "n" || d === "N")) return true;
  if ((c === "o" || c === "O") && (d === "f" || d === "F")) return false;
  throw new Errno(EINVAL);
}

/** A C variable of the type holds only its width: what the module stored, as C would read it. */
function asC(type: ParamType, v: unknown): bigint {
  const n = typeof v === "bigint" ? v : BigInt(Math.trunc(Number(v) || 0));
  switch (type) {
    case "byte": return BigInt.asUintN(8, n);
    case "short": return BigInt.asIntN(16, n);
    case "ushort": return BigInt.asUintN(16, n);
    case "int": return BigInt.asIntN(32, n);
    case "uint": case "hexint": return BigInt.asUintN(32, n);
    case "long": return BigInt.asIntN(64, n);
    default: return BigInt.asUintN(64, n);
  }
}

/** The text param_get_TYPE writes, without its newline. */
function formatValue(type: ParamType, v: unknown): string {
  if (type === "bool") return v ? "Y" : "N";
  if (type === "invbool") return v ? "N" : "Y";
  if (type === "charp") return v === null || v === undefined ? "(null)" : String(v);
  const n = asC(type, v);
  // "%#08x": Linux's printf puts "0x" before zero too.
  if (type === "hexint") return "0x" + n.toString(16).padStart(6, "0");
  return n.toString();
}

const errnoOf = (e: unknown): number => {
  if (e instanceof Errno) return -e.errno;
  throw e;
};

/** param_set_TYPE: parse val into kp's variable; 0 or -errno. */
function paramSet(type: ParamType, val: string | null, kp: kernel_param): number {
  try {
    let v: unknown;
    if (type === "bool" || type === "invbool") {
      // No "=value" means set.
      const b = kstrtobool(val ?? "1");
      v = type === "bool" ? b : !b;
    } else if (val === null) {
      return -EINVAL;
    } else if (type === "charp") {
      if (val.length > 1024) {
        printk(KERN(3) + `${kp.name}: string parameter too long\n`);
        return -ENOSPC;
      }
      v = val;
    } else {
      v = kstrtoType(val, type);
    }
    kp.arg?.set(v);
    return 0;
  } catch (e) {
    return errnoOf(e);
  }
}

/** param_get_TYPE: "%d\n" and the like into buffer; its length. */
function paramGet(type: ParamType, buffer: ParamBuffer, kp: kernel_param): number {
  buffer.value = formatValue(type, kp.arg?.get()) + "\n";
  return buffer.value.length;
}

/** param_ops_TYPE for each module_param type. */
export const PARAM_OPS = Object.fromEntries(PARAM_TYPES.map((type) => [type, {
  flags: type === "bool" || type === "invbool" ? KERNEL_PARAM_OPS_FL_NOARG : 0,
  set: (val: string | null, kp: kernel_param) => paramSet(type, val, kp),
  get: (buffer: ParamBuffer, kp: kernel_param) => paramGet(type, buffer, kp),
}])) as Record<ParamType, Required<kernel_param_ops>>;

/** Call an ops' set: 0 or -errno, whether it returns or throws. */
function callSet(ops: kernel_param_ops, val: string | null, kp: kernel_param): number {
  try {
    const r = ops.set!(val, kp);
    return typeof r === "number" && r < 0 ? r : 0;
  } catch (e) {
    return errnoOf(e);
  }
}

/** Call an ops' get: the text. */
function callGet(ops: kernel_param_ops, kp: kernel_param): string {
  const buffer: ParamBuffer = { value: "" };
  const r = ops.get!(buffer, kp);
  if (typeof r === "string") return r;
  if (typeof r === "number" && r < 0) throw new Errno(-r);
  return buffer.value;
}

/** One element of an array as a kernel_param of its own. */
function elemParam(kp: kernel_param, i: number): kernel_param {
  const arr = () => kp.arg!.get() as unknown[];
  return { ...kp, arr: undefined, ops: kp.arr!.elem, arg: { get: () => arr()[i], set: (v) => { arr()[i] = v; } } };
}

/** param_array_set: comma-separated values, element by element; the count is what was set. */
function arraySet(val: string | null, kp: kernel_param): number {
  const a = kp.arr!;
  if (val === null) return -EINVAL;
  // Without a count variable, Linux counts into a temporary and shows every element.
  const setNum = (n: number) => { if (a.setNum) { a.num = n; a.setNum(n); } };
  const items = val.split(",");
  let n = 0;
  setNum(0);
  for (const item of items) {
    if (n === a.max) {
      printk(KERN(3) + `${kp.name}: can only take ${a.max} arguments\n`);
      return -EINVAL;
    }
    const r = callSet(a.elem, item, elemParam(kp, n));
    if (r) return r;
    setNum(++n);
  }
  return 0;
}

/** param_array_get: the elements' texts joined by commas (the count's worth, or all). */
function arrayGet(buffer: ParamBuffer, kp: kernel_param): number {
  const a = kp.arr!;
  const n = a.getNum?.() ?? a.num ?? a.max;
  const parts: string[] = [];
  for (let i = 0; i < Math.min(n, a.max); i++) parts.push(callGet(a.elem, elemParam(kp, i)).replace(/\n$/, ""));
  buffer.value = parts.length ? parts.join(",") + "\n" : "";
  return buffer.value.length;
}

export const param_array_ops: Required<kernel_param_ops> = { flags: 0, set: arraySet, get: arrayGet };

/** The text a parameter file shows (param_attr_show). */
export function showParam(p: kernel_param): string {
  if (!p.ops.get) throw new Errno(EPERM);
  return callGet(p.ops, p);
}

/** A write to a parameter file (param_attr_store): 0 or -errno. */
export function storeParam(p: kernel_param, text: string): number {
  if (!p.ops.set) return -EPERM;
  return callSet(p.ops, text, p);
}

/**
 * next_arg: split "a=1 b=\"x y\" c" into [name, value-or-null] pairs. Quotes group words; a
 * quote opening the value (or the whole argument) and the one closing it are dropped, others
 * are kept.
 */
export function splitArgs(args: string): [string, string | null][] {
  const out: [string, string | null][] = [];
  const space = (c: string | undefined) => c !== undefined && /\s/.test(c);
  let i = 0;
  while (i < args.length && space(args[i])) i++;
  while (i < args.length) {
    let quoted = false, inQuote = false;
    if (args[i] === '"') { i++; inQuote = quoted = true; }
    const start = i;
    let eq = -1;
    for (; i < args.length; i++) {
      if (space(args[i]) && !inQuote) break;
      if (eq < 0 && args[i] === "=") eq = i;
      if (args[i] === '"') inQuote = !inQuote;
    }
    let tok = args.slice(start, i);
    const closes = tok.length > 0 && tok.endsWith('"');
    if (eq < 0) {
      out.push([quoted && closes ? tok.slice(0, -1) : tok, null]);
    } else {
      const name = args.slice(start, eq);
      let val = args.slice(eq + 1, i);
      let cut = false;
      if (val.startsWith('"')) {
        val = val.slice(1);
        if (closes && val.length > 0) { val = val.slice(0, -1); cut = true; }
      }
      if (quoted && closes && !cut && val.endsWith('"')) val = val.slice(0, -1);
      tok = name;
      out.push([tok, val]);
    }
    while (i < args.length && space(args[i])) i++;
  }
  return out;
}

/** parameq: "-" and "_" are the same in parameter names. */
const paramEq = (a: string, b: string) => a.replace(/-/g, "_") === b.replace(/-/g, "_");

/**
 * parse_args for a module: each known parameter is set; an unknown one is logged and ignored; a
 * failing one is logged and parsing goes on; the last failure's errno fails the load. "--" ends
 * the parameters.
 */
export function parseModuleArgs(mod: string, params: kernel_param[], args: string): void {
  let err = 0;
  for (const [name, val] of splitArgs(args)) {
    if (val === null && name === "--") break;
    const p = params.find((q) => paramEq(q.name, name));
    if (!p) {
      printk(KERN(4) + `${mod}: unknown parameter '${name}' ignored\n`);
      continue;
    }
    const r = val === null && !((p.ops.flags ?? 0) & KERNEL_PARAM_OPS_FL_NOARG) ? -EINVAL : p.ops.set ? callSet(p.ops, val, p) : -EPERM;
    if (r === 0) continue;
    if (r === -ENOSPC) printk(KERN(3) + `${mod}: \`${val ?? ""}' too large for parameter \`${name}'\n`);
    else printk(KERN(3) + `${mod}: \`${val ?? ""}' invalid for parameter \`${name}'\n`);
    err = r;
  }
  if (err) throw new Errno(-err);
}

// What modules call to write their own ops: the standard setters and getters by type.
const api: Record<string, unknown> = { param_array_ops, KERNEL_PARAM_OPS_FL_NOARG };
for (const type of PARAM_TYPES) {
  api[`param_ops_${type}`] = PARAM_OPS[type];
  api[`param_set_${type}`] = PARAM_OPS[type].set;
  api[`param_get_${type}`] = PARAM_OPS[type].get;
}
exportHeader("linux/moduleparam", api);
