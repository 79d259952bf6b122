// "linux/atomic" and "linux/bitops": on one CPU with no preemption inside kernel code, plain
// reads and writes are atomic; these give drivers Linux's names and return conventions.
import { exportHeader } from "../../kernel/module/ksyms.js";

export class atomic_t { constructor(public counter = 0) {} }
export const ATOMIC_INIT = (v: number) => new atomic_t(v);
export const atomic_read = (v: atomic_t) => v.counter;
export const atomic_set = (v: atomic_t, i: number) => { v.counter = i | 0; };
export const atomic_add = (i: number, v: atomic_t) => { v.counter = (v.counter + i) | 0; };
export const atomic_sub = (i: number, v: atomic_t) => { v.counter = (v.counter - i) | 0; };
export const atomic_inc = (v: atomic_t) => atomic_add(1, v);
export const atomic_dec = (v: atomic_t) => atomic_sub(1, v);
export const atomic_add_return = (i: number, v: atomic_t) => (atomic_add(i, v), v.counter);
export const atomic_sub_return = (i: number, v: atomic_t) => (atomic_sub(i, v), v.counter);
export const atomic_inc_return = (v: atomic_t) => atomic_add_return(1, v);
export const atomic_dec_return = (v: atomic_t) => atomic_sub_return(1, v);
export const atomic_dec_and_test = (v: atomic_t) => atomic_dec_return(v) === 0;
export const atomic_inc_and_test = (v: atomic_t) => atomic_inc_return(v) === 0;
export const atomic_sub_and_test = (i: number, v: atomic_t) => atomic_sub_return(i, v) === 0;
export const atomic_xchg = (v: atomic_t, n: number) => { const o = v.counter; v.counter = n | 0; return o; };
/** atomic_cmpxchg: the old value; the new one is stored only if old was `old`. */
export const atomic_cmpxchg = (v: atomic_t, old: number, n: number) => { const o = v.counter; if (o === old) v.counter = n | 0; return o; };
export const atomic_add_unless = (v: atomic_t, a: number, u: number) => (v.counter !== u ? (atomic_add(a, v), true) : false);
export const atomic_inc_not_zero = (v: atomic_t) => atomic_add_unless(v, 1, 0);

/** A bitmap: an array of numbers, or a { value } word, with bit nr counted from 0. */
type Bits = number[] | Uint32Array;
const word = (nr: number) => nr >>> 5, mask = (nr: number) => 1 << (nr & 31);
export const set_bit = (nr: number, a: Bits) => { a[word(nr)] |= mask(nr); };
export const clear_bit = (nr: number, a: Bits) => { a[word(nr)] &= ~mask(nr); };
export const change_bit = (nr: number, a: Bits) => { a[word(nr)] ^= mask(nr); };
export const test_bit = (nr: number, a: Bits) => ((a[word(nr)] ?? 0) & mask(nr)) !== 0;
export const test_and_set_bit = (nr: number, a: Bits) => { const o = test_bit(nr, a); set_bit(nr, a); return o; };
export const test_and_clear_bit = (nr: number, a: Bits) => { const o = test_bit(nr, a); clear_bit(nr, a); return o; };
export const test_and_change_bit = (nr: number, a: Bits) => { const o = test_bit(nr, a); change_bit(nr, a); return o; };
export const DECLARE_BITMAP = (bits: number) => new Array<number>(Math.ceil(bits / 32)).fill(0);
export function find_first_zero_bit(a: Bits, size: number): number { for (let i = 0; i < size; i++) if (!test_bit(i, a)) return i; return size; }
export function find_first_bit(a: Bits, size: number): number { for (let i = 0; i < size; i++) if (test_bit(i, a)) return i; return size; }

export const api = {
  ATOMIC_INIT, atomic_read, atomic_set, atomic_add, atomic_sub, atomic_inc, atomic_dec, atomic_add_return,
  atomic_sub_return, atomic_inc_return, atomic_dec_return, atomic_dec_and_test, atomic_inc_and_test, atomic_sub_and_test,
  atomic_xchg, atomic_cmpxchg, atomic_add_unless, atomic_inc_not_zero,
};
exportHeader("linux/atomic", api);
exportHeader("linux/bitops", { set_bit, clear_bit, change_bit, test_bit, test_and_set_bit, test_and_clear_bit,
  test_and_change_bit, DECLARE_BITMAP, find_first_zero_bit, find_first_bit });
