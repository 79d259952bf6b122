// printk's formats for C kernel code: the format string and the arguments are in kernel memory,
// the arguments as clang passes C varargs on wasm32 (a buffer of values, each aligned to its
// size: int, long, size_t and pointers are 4 bytes, long long and double 8). The arguments are
// read by the format's own conversions, strings (%s) from kernel memory, and the result is the
// kernel's printf (include/linux/vsprintf.ts) of the same format. putString writes such a
// result into a C buffer as vsnprintf does.
import { vsprintf } from "../../include/linux/vsprintf.js";
import type { KernelMemory } from "../../mm/kernel_memory.js";

/** The values a C format's conversions take from the va_list at ap, in order. */
export function cVarargs(km: KernelMemory, fmt: string, ap: number): unknown[] {
  const dv = km.view;
  const args: unknown[] = [];
  let p = ap;
  const take = (size: 4 | 8, signed: boolean): number | bigint => {
    p = Math.ceil(p / size) * size;
    const v = size === 8 ? (signed ? dv.getBigInt64(p, true) : dv.getBigUint64(p, true)) : signed ? dv.getInt32(p, true) : dv.getUint32(p, true);
    p += size;
    return v;
  };
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== "%") continue;
    i++;
    while ("-0+ #".includes(fmt[i] ?? "x") && i < fmt.length) i++;
    if (fmt[i] === "*") { args.push(take(4, true)); i++; } else while (fmt[i] >= "0" && fmt[i] <= "9") i++;
    if (fmt[i] === ".") {
      i++;
      if (fmt[i] === "*") { args.push(take(4, true)); i++; } else while (fmt[i] >= "0" && fmt[i] <= "9") i++;
    }
    let wide = false;
    if (fmt[i] === "l" && fmt[i + 1] === "l") { wide = true; i += 2; }
    else if ("Lqj".includes(fmt[i] ?? "x")) { wide = true; i++; }
    else while ("hlzt".includes(fmt[i] ?? "x")) i++;
    const conv = fmt[i];
    if (conv === "%" || conv === undefined) continue;
    if (conv === "s") { const a = take(4, false) as number; args.push(a === 0 ? null : km.cString(a)); continue; }
    if (conv === "p") {
      args.push(BigInt(take(4, false) as number));
      while (/[a-zA-Z]/.test(fmt[i + 1] ?? "")) i++; // %pS, %px ...: the extension letters
      continue;
    }
    const signed = conv === "d" || conv === "i";
    args.push(take(wide ? 8 : 4, signed));
  }
  return args;
}

/** vsprintf of C code: the text of format fmt (an address) with the varargs at ap. */
export function cVsprintf(km: KernelMemory, fmt: number, ap: number): string {
  const f = km.cString(fmt);
  return vsprintf(f.replace(/%p[a-zA-Z]+/g, "%p"), cVarargs(km, f, ap));
}

const enc = new TextEncoder();

/** Write s into buf (size bytes, NUL included), as vsnprintf; the length s has. */
export function putString(km: KernelMemory, buf: number, size: number, s: string): number {
  const b = enc.encode(s);
  if (size > 0) {
    const n = Math.min(b.length, size - 1);
    km.bytes.set(b.subarray(0, n), buf);
    km.bytes[buf + n] = 0;
  }
  return b.length;
}
