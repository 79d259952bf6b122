// strace's ways of printing values: quoted strings with C escapes cut at -s N, addresses,
// flag sets (O_RDONLY|O_CLOEXEC), symbolic constants, errno returns.
import { errnoName, strerror } from "../../../lib/libc/errno.js";

/** Options that change how values print (-s). */
export const opts = { strsize: 32 };

export type FlagTable = readonly (readonly [number, string])[];

export const hex = (v: bigint | number) => "0x" + BigInt.asUintN(64, BigInt(v)).toString(16);
export const ptr = (v: bigint) => (v === 0n ? "NULL" : hex(v));
export const int = (v: bigint) => String(Number(BigInt.asIntN(32, v)));
export const uint = (v: bigint) => String(Number(BigInt.asUintN(32, v)));
export const long = (v: bigint) => BigInt.asIntN(64, v).toString();
export const ulong = (v: bigint) => BigInt.asUintN(64, v).toString();
export const oct = (v: bigint) => { const n = Number(BigInt.asUintN(32, v)); return n ? "0" + n.toString(8) : "000"; };

/** Quote bytes as strace does: C escapes, octal for the rest (as short as the next byte allows). */
export function quoteBytes(b: Uint8Array): string {
  let s = "\"";
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    switch (c) {
      case 0x22: s += "\\\""; continue;
      case 0x5c: s += "\\\\"; continue;
      case 0x0a: s += "\\n"; continue;
      case 0x09: s += "\\t"; continue;
      case 0x0d: s += "\\r"; continue;
      case 0x0b: s += "\\v"; continue;
      case 0x0c: s += "\\f"; continue;
    }
    if (c >= 0x20 && c < 0x7f) { s += String.fromCharCode(c); continue; }
    const next = i + 1 < b.length ? b[i + 1] : -1;
    s += "\\" + (next >= 0x30 && next <= 0x39 ? c.toString(8).padStart(3, "0") : c.toString(8));
  }
  return s + "\"";
}

/** A value no name fits, as strace shows it: 0x63 /* SIG_??? *\/. */
export const unknown = (v: number | bigint, what: string) => `${hex(v)} /* ${what} */`;

/** Bytes quoted all in hex escapes, as strace shows random data: "\x9a\xf6". */
export function quoteHex(b: Uint8Array): string {
  return `"${Array.from(b, (c) => "\\x" + c.toString(16).padStart(2, "0")).join("")}"`;
}

/** Flags as NAME|NAME|0x..., or zero's name; with `what`, bits of which none has a name show as
 * 0x8 /* GRND_??? *\/ (strace's default text for the table). */
export function flags(v: number | bigint, table: FlagTable, zero = "0", what?: string): string {
  let n = BigInt.asUintN(64, BigInt(v));
  if (n === 0n) return zero;
  const out: string[] = [];
  for (const [bit, name] of table) {
    const b = BigInt(bit);
    if (b !== 0n && (n & b) === b) { out.push(name); n &= ~b; }
  }
  if (n !== 0n) out.push(out.length || !what ? hex(n) : unknown(n, what));
  return out.join("|");
}

/** A value from a table of constants, or the fallback (see `unknown` for strace's usual one). */
export function xlat(v: number, table: FlagTable, fallback?: string): string {
  for (const [val, name] of table) if (val === v) return name;
  return fallback ?? String(v);
}

/** `= -1 ENOENT (No such file or directory)` and the restart codes' texts. */
const RESTARTS: Record<number, string> = {
  512: "ERESTARTSYS (To be restarted if SA_RESTART is set)",
  513: "ERESTARTNOINTR (To be restarted)",
  514: "ERESTARTNOHAND (To be restarted if no handler)",
  516: "ERESTART_RESTARTBLOCK (Interrupted by signal)",
};
export function errorReturn(err: number): string {
  if (RESTARTS[err]) return "? " + RESTARTS[err];
  return `-1 ${errnoName(err) ?? err} (${strerror(err)})`;
}
