// What every decoder gets and gives: the call's registers and ways to read the tracee's memory.
// A decoder prints the arguments it can at syscall entry (`enter`) and the rest once the call
// has returned (`exit`), as strace does, so that a tracee's own output falls between the two.
import { peekBytes, peekCString, peekU64 } from "./mem.js";
import { quoteBytes, opts, ptr, hex } from "./format.js";

export interface Call {
  pid: number;
  nr: number;
  name: string;
  args: bigint[];
  /** rax at exit (the raw return value). */
  ret: bigint;
}

export interface Decoder {
  enter?: (c: Call) => string | Promise<string>;
  exit?: (c: Call) => string | Promise<string>;
  /** The text after "= " for a successful return (default: decimal). */
  ret?: (c: Call) => string | Promise<string>;
}

export const failed = (c: Call) => { const r = BigInt.asIntN(64, c.ret); return r < 0n && r > -4096n; };
export const retNum = (c: Call) => Number(BigInt.asIntN(64, c.ret));

/** A path or other NUL-terminated string: quoted in full (up to PATH_MAX), or its address. */
export async function path(c: Call, a: bigint): Promise<string> {
  if (a === 0n) return "NULL";
  const s = await peekCString(c.pid, a, 4096);
  if (s === null) return hex(a);
  return quoteBytes(s.bytes) + (s.terminated ? "" : "...");
}

/** A C string cut at -s characters. */
export async function cstr(c: Call, a: bigint): Promise<string> {
  if (a === 0n) return "NULL";
  const s = await peekCString(c.pid, a, opts.strsize + 1);
  if (s === null) return hex(a);
  if (s.bytes.length > opts.strsize) return quoteBytes(s.bytes.subarray(0, opts.strsize)) + "...";
  return quoteBytes(s.bytes);
}

/** len bytes of a buffer, cut at -s characters. */
export async function buf(c: Call, a: bigint, len: number): Promise<string> {
  if (a === 0n) return "NULL";
  const n = Math.min(len, opts.strsize);
  const b = n > 0 ? await peekBytes(c.pid, a, n) : new Uint8Array(0);
  if (b === null) return hex(a);
  return quoteBytes(b) + (len > opts.strsize ? "..." : "");
}

/** A struct read whole, or null (then the address is printed). */
export async function struct(c: Call, a: bigint, size: number): Promise<DataView | null> {
  if (a === 0n) return null;
  const b = await peekBytes(c.pid, a, size);
  return b && b.length === size ? new DataView(b.buffer, b.byteOffset, size) : null;
}

/** A NULL-terminated array of strings: ["a", "b"] (strace stops after -s elements with ...). */
export async function strArray(c: Call, a: bigint): Promise<string> {
  if (a === 0n) return "NULL";
  const items: string[] = [];
  for (let i = 0; ; i++) {
    const p = await peekU64(c.pid, a + BigInt(i * 8));
    if (p === null) return items.length ? `[${items.join(", ")}...]` : hex(a);
    if (p === 0n) break;
    if (i >= opts.strsize) { items.push("..."); break; }
    items.push(await cstr(c, p));
  }
  return `[${items.join(", ")}]`;
}

/** How many entries a NULL-terminated pointer array has (envp's `/* N vars *\/`). */
export async function countArray(c: Call, a: bigint): Promise<number> {
  let n = 0;
  while ((await peekU64(c.pid, a + BigInt(n * 8))) ?? 0n) n++;
  return n;
}

/** execve's environment comment: "/* 1 var *\/", "/* 3 vars *\/". */
export const varsComment = (n: number) => `/* ${n} var${n === 1 ? "" : "s"} */`;

export { ptr };
