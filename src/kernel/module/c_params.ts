// A C module's parameters: each exported __typix_param_NAME (what linux/moduleparam.h's
// module_param and module_param_array make) is a struct typix_param in kernel memory naming the
// parameter, its type and permissions, and its variable. They become kernel_params whose
// accessors read and write the variable as C lays it out (bool one byte, short two, int, long
// and pointers four: C kernel code is ILP32), so parse_args and /sys/module/NAME/parameters
// treat them as TypeScript modules' parameters.
import { Errno } from "../errors.js";
import { ENOEXEC } from "../../include/uapi/errno.js";
import { PARAM_OPS, PARAM_TYPES, param_array_ops, type ParamType, type ParamArg, type kernel_param } from "./params.js";
import type { KernelMemory } from "../../mm/kernel_memory.js";

const PREFIX = "__typix_param_";
const SIZE: Record<ParamType, number> = { bool: 1, invbool: 1, byte: 1, short: 2, ushort: 2, int: 4, uint: 4, hexint: 4, long: 4, ulong: 4, charp: 4 };

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
          const b = new TextEncoder().encode(String(v));
          const p = km.alloc(b.length + 1);
          if (!p) return;
          km.bytes.set(b, p);
          km.bytes[p + b.length] = 0;
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
    const perm = word(2), arg = word(3), num = word(4), max = word(5);
    if (!(PARAM_TYPES as readonly string[]).includes(type) || perm > 0o777 || arg === 0) throw new Errno(ENOEXEC);
    const t = type as ParamType;
    if (max === 0) {
      out.push({ name, mod: modName, perm, ops: PARAM_OPS[t], arg: cVariable(km, t, arg) });
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
        max, elem: PARAM_OPS[t],
        setNum: num ? (n) => km.view.setUint32(num, n, true) : undefined,
        getNum: num ? () => km.view.getUint32(num, true) : undefined,
      },
    });
  }
  return out;
}
