// A C module's parameters: each exported __typix_param_NAME (what linux/moduleparam.h's
// module_param and module_param_array make) is a struct typix_param in kernel memory naming the
// parameter, its type and permissions, and its variable. They become kernel_params whose
// accessors read and write the variable as C lays it out (bool one byte, short two, int, long
// and pointers four: C kernel code is ILP32, so a long takes int's range), so parse_args and
// /sys/module/NAME/parameters treat them as TypeScript modules' parameters. A module_param_cb parameter's ops are the
// module's C struct kernel_param_ops, called with its C struct kernel_param; param_set_TYPE and
// param_get_TYPE are the standard ops as C calls them, on kp->arg.
import { Errno } from "../errors.js";
import { ENOEXEC, ENOMEM } from "../../include/uapi/errno.js";
import { PARAM_OPS, PARAM_TYPES, param_array_ops, kstrtoType, type ParamType, type ParamArg, type kernel_param, type kernel_param_ops } from "./params.js";
import { callC } from "./c_sleep.js";
import { kernelFunctionOf } from "./c_funcref.js";
import type { KernelMemory } from "../../mm/kernel_memory.js";

const PREFIX = "__typix_param_";
const PAGE_SIZE = 4096;
/** Offsets in C's struct kernel_param (ILP32) and struct kernel_param_ops. */
const KP = { name: 0, ops: 8, perm: 12, arg: 16 };
const OPS = { flags: 0, set: 4, get: 8 };
type Fn = (...a: unknown[]) => unknown;
const SIZE: Record<ParamType, number> = { bool: 1, invbool: 1, byte: 1, short: 2, ushort: 2, int: 4, uint: 4, hexint: 4, long: 4, ulong: 4, charp: 4 };

/** C's long is 32 bits (ILP32): a long or ulong parameter refuses what int or uint cannot hold. */
function narrowed(type: ParamType, range: ParamType): Required<kernel_param_ops> {
  const ops = PARAM_OPS[type];
  return {
    ...ops,
    set: (val, kp) => {
      try {
        if (val !== null) kstrtoType(val, range);
      } catch (e) {
        if (e instanceof Errno) return -e.errno;
        throw e;
      }
      return ops.set(val, kp);
    },
  };
}
const C_OPS: Record<ParamType, Required<kernel_param_ops>> = { ...PARAM_OPS, long: narrowed("long", "int"), ulong: narrowed("ulong", "uint") };

/** A NUL-terminated copy of text in kernel memory (0 if there is no room). */
function copyString(km: KernelMemory, text: string): number {
  const b = new TextEncoder().encode(text);
  const p = km.alloc(b.length + 1);
  if (!p) return 0;
  km.bytes.set(b, p);
  km.bytes[p + b.length] = 0;
  return p;
}

/** The variable of type at addr, as the parameter ops see it. */
function cVariable(km: KernelMemory, type: ParamType, addr: number): ParamArg {
  let owned = 0; // a string this parameter allocated, freed when replaced
  return {
    get() {
      const dv = km.view;
      switch (type) {
        case "bool": case "invbool": return dv.getUint8(addr) !== 0;
        case "byte": return dv.getUint8(addr);
        case "short": return dv.getInt16(addr, true);
        case "ushort": return dv.getUint16(addr, true);
        case "int": case "long": return dv.getInt32(addr, true);
        case "uint": case "ulong": case "hexint": return dv.getUint32(addr, true);
        case "charp": { const p = dv.getUint32(addr, true); return p === 0 ? null : km.cString(p); }
      }
    },
    set(v) {
      const dv = km.view;
      const n = typeof v === "bigint" ? Number(BigInt.asIntN(32, v)) : Number(v);
      switch (type) {
        case "bool": case "invbool": dv.setUint8(addr, v ? 1 : 0); break;
        case "byte": dv.setUint8(addr, n & 0xff); break;
        case "short": case "ushort": dv.setUint16(addr, n & 0xffff, true); break;
        case "charp": {
          const p = copyString(km, String(v));
          if (!p) return;
          if (owned) km.release(owned);
          owned = p;
          dv.setUint32(addr, p, true);
          break;
        }
        default: dv.setUint32(addr, n >>> 0, true);
      }
    },
  };
}

/** The parameters a C module declares, from its exports (memoryBase: where its data lies). */
export function cModuleParams(km: KernelMemory, modName: string, exports: Record<string, unknown>, memoryBase: number): kernel_param[] {
  const out: kernel_param[] = [];
  for (const [sym, g] of Object.entries(exports)) {
    if (!sym.startsWith(PREFIX) || !(g instanceof WebAssembly.Global)) continue;
    const at = memoryBase + g.value;
    const dv = km.view;
    const word = (i: number) => dv.getUint32(at + 4 * i, true);
    const name = km.cString(word(0), 256), type = km.cString(word(1), 16);
    const perm = word(2), arg = word(3), num = word(4), max = word(5), kp = word(6);
    if (kp && type === "" && perm <= 0o777) {
      out.push({ name, mod: modName, perm, ops: cParamOps(km, kp), arg: null });
      continue;
    }
    if (!(PARAM_TYPES as readonly string[]).includes(type) || perm > 0o777 || arg === 0) throw new Errno(ENOEXEC);
    const t = type as ParamType;
    if (max === 0) {
      out.push({ name, mod: modName, perm, ops: C_OPS[t], arg: cVariable(km, t, arg) });
      continue;
    }
    const elems = Array.from({ length: max }, (_, i) => cVariable(km, t, arg + i * SIZE[t]));
    // The elements as an array the array ops index: reads and writes go to the C array.
    const view = new Proxy([] as unknown[], {
      get: (target, k) => (typeof k === "string" && /^\d+$/.test(k) ? elems[Number(k)]?.get() : k === "length" ? max : Reflect.get(target, k)),
      set: (_t, k, v) => { if (typeof k === "string" && /^\d+$/.test(k)) elems[Number(k)]?.set(v); return true; },
    });
    out.push({
      name, mod: modName, perm, ops: param_array_ops, arg: { get: () => view, set: () => {} },
      arr: {
        max, elem: C_OPS[t],
        setNum: num ? (n) => km.view.setUint32(num, n, true) : undefined,
        getNum: num ? () => km.view.getUint32(num, true) : undefined,
      },
    });
  }
  return out;
}

/** A C struct kernel_param's ops (module_param_cb) as the kernel calls them: val and the page
 * the get writes are kernel memory, the result 0 or -errno (set) or the length (get). */
function cParamOps(km: KernelMemory, kp: number): kernel_param_ops {
  const ops = km.view.getUint32(kp + KP.ops, true);
  const fn = (at: number): Fn | null => {
    const idx = ops ? km.view.getUint32(ops + at, true) : 0;
    return idx ? kernelFunctionOf(km.table.get(idx) as Fn) : null;
  };
  const set = fn(OPS.set), get = fn(OPS.get);
  const out: kernel_param_ops = { flags: ops ? km.view.getUint32(ops + OPS.flags, true) : 0 };
  if (set) {
    out.set = (val) => {
      const s = val === null ? 0 : copyString(km, val);
      if (val !== null && !s) return -ENOMEM;
      try { return callC(km, set, [s, kp]) as number; } finally { if (s) km.release(s); }
    };
  }
  if (get) {
    out.get = (buffer) => {
      const page = km.alloc(PAGE_SIZE, PAGE_SIZE);
      if (!page) return -ENOMEM;
      km.bytes.fill(0, page, page + PAGE_SIZE);
      try {
        const n = callC(km, get, [page, kp]) as number;
        if (n < 0) return n;
        buffer.value = new TextDecoder().decode(km.bytes.slice(page, page + Math.min(n, PAGE_SIZE)));
        return buffer.value.length;
      } finally { km.release(page); }
    };
  }
  return out;
}

/** param_set_TYPE and param_get_TYPE for C: the standard ops on the variable kp->arg points to. */
export function cParamApi(km: KernelMemory): Record<string, (val: number, kp: number) => number> {
  const vars = new Map<string, ParamArg>(); // by type and address: a charp keeps what it allocated
  const asKernelParam = (type: ParamType, kp: number): kernel_param => {
    const dv = km.view, addr = dv.getUint32(kp + KP.arg, true), key = `${type}@${addr}`;
    let arg = vars.get(key);
    if (!arg) vars.set(key, (arg = cVariable(km, type, addr)));
    return { name: km.cString(dv.getUint32(kp + KP.name, true), 256), mod: "", perm: dv.getUint16(kp + KP.perm, true), ops: C_OPS[type], arg };
  };
  const api: Record<string, (val: number, kp: number) => number> = {};
  for (const type of PARAM_TYPES) {
    api[`param_set_${type}`] = (val, kp) => C_OPS[type].set(val ? km.cString(val, PAGE_SIZE) : null, asKernelParam(type, kp)) as number;
    api[`param_get_${type}`] = (buffer, kp) => {
      const b = { value: "" };
      C_OPS[type].get(b, asKernelParam(type, kp));
      const bytes = new TextEncoder().encode(b.value);
      km.bytes.set(bytes, buffer);
      km.bytes[buffer + bytes.length] = 0;
      return bytes.length;
    };
  }
  return api;
}
