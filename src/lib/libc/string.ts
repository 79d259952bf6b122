// <string.h>: the C string and memory functions over addresses in the process's memory, and
// strerror/strsignal. strdup allocates with malloc, so it may return a promise.
import { u8, then, type Sys, type Ptr } from "./internal/sys.js";
import { malloc } from "./malloc.js";
import { strerror } from "./errno.js";
export { strerror };
export { strsignal } from "../../include/uapi/signal.js";

const NUL = 0;

export function strlen(s: Ptr): number {
  const m = u8();
  const e = m.indexOf(NUL, s);
  return e - s;
}
export function strnlen(s: Ptr, max: number): number {
  const m = u8();
  let i = 0;
  while (i < max && m[s + i] !== NUL) i++;
  return i;
}
export function strcpy(dst: Ptr, src: Ptr): Ptr {
  const n = strlen(src);
  u8().copyWithin(dst, src, src + n + 1);
  return dst;
}
/** strncpy: copies at most n bytes, padding with NULs (and not terminating when src is longer). */
export function strncpy(dst: Ptr, src: Ptr, n: number): Ptr {
  const k = strnlen(src, n);
  const m = u8();
  m.copyWithin(dst, src, src + k);
  m.fill(0, dst + k, dst + n);
  return dst;
}
export function strcat(dst: Ptr, src: Ptr): Ptr { strcpy(dst + strlen(dst), src); return dst; }
export function strncat(dst: Ptr, src: Ptr, n: number): Ptr {
  const d = dst + strlen(dst), k = strnlen(src, n);
  u8().copyWithin(d, src, src + k);
  u8()[d + k] = 0;
  return dst;
}
export function strcmp(a: Ptr, b: Ptr): number { return strncmp(a, b, Infinity); }
export function strncmp(a: Ptr, b: Ptr, n: number): number {
  const m = u8();
  for (let i = 0; i < n; i++) {
    const x = m[a + i], y = m[b + i];
    if (x !== y) return x - y;
    if (x === NUL) return 0;
  }
  return 0;
}
/** strchr(s, c): the address of the first c in s (c may be NUL: its terminator), or 0. */
export function strchr(s: Ptr, c: number): Ptr {
  const m = u8();
  const ch = c & 0xff;
  for (let i = s; ; i++) {
    if (m[i] === ch) return i;
    if (m[i] === NUL) return 0;
  }
}
export function strrchr(s: Ptr, c: number): Ptr {
  const m = u8();
  const ch = c & 0xff;
  let last = 0;
  for (let i = s; ; i++) {
    if (m[i] === ch) last = i;
    if (m[i] === NUL) return last;
  }
}
export function strstr(hay: Ptr, needle: Ptr): Ptr {
  const m = u8();
  const h = m.subarray(hay, hay + strlen(hay)), n = m.subarray(needle, needle + strlen(needle));
  if (n.length === 0) return hay;
  outer: for (let i = 0; i + n.length <= h.length; i++) {
    for (let j = 0; j < n.length; j++) if (h[i + j] !== n[j]) continue outer;
    return hay + i;
  }
  return 0;
}
export function strspn(s: Ptr, accept: Ptr): number {
  const set = new Set(u8().subarray(accept, accept + strlen(accept)));
  let i = 0;
  while (u8()[s + i] !== NUL && set.has(u8()[s + i])) i++;
  return i;
}
export function strcspn(s: Ptr, reject: Ptr): number {
  const set = new Set(u8().subarray(reject, reject + strlen(reject)));
  let i = 0;
  while (u8()[s + i] !== NUL && !set.has(u8()[s + i])) i++;
  return i;
}
/** strdup(s): a malloc'd copy (a JavaScript string is copied in as UTF-8); 0 with ENOMEM. */
export function strdup(s: Ptr | string): Sys<Ptr> {
  const b = typeof s === "string" ? new TextEncoder().encode(s) : u8().slice(s, s + strlen(s));
  return then(malloc(b.length + 1), (p) => {
    if (p) { u8().set(b, p); u8()[p + b.length] = 0; }
    return p;
  });
}
export function strndup(s: Ptr, n: number): Sys<Ptr> {
  const k = strnlen(s, n);
  return then(malloc(k + 1), (p) => {
    if (p) { u8().copyWithin(p, s, s + k); u8()[p + k] = 0; }
    return p;
  });
}

/**
 * memcpy(dst, src, n). Either side may also be a JavaScript Uint8Array, which is how a program
 * moves bytes between its memory and JavaScript values.
 */
export function memcpy<D extends Ptr | Uint8Array>(dst: D, src: Ptr | Uint8Array, n: number): D {
  const m = u8();
  if (typeof dst === "number") {
    if (typeof src === "number") m.copyWithin(dst, src, src + n);
    else m.set(src.subarray(0, n), dst);
  } else {
    dst.set(typeof src === "number" ? m.subarray(src, src + n) : src.subarray(0, n));
  }
  return dst;
}
export function memmove(dst: Ptr, src: Ptr, n: number): Ptr { u8().copyWithin(dst, src, src + n); return dst; }
export function memset(dst: Ptr, c: number, n: number): Ptr { u8().fill(c & 0xff, dst, dst + n); return dst; }
export function memcmp(a: Ptr, b: Ptr, n: number): number {
  const m = u8();
  for (let i = 0; i < n; i++) if (m[a + i] !== m[b + i]) return m[a + i] - m[b + i];
  return 0;
}
export function memchr(s: Ptr, c: number, n: number): Ptr {
  const i = u8().subarray(s, s + n).indexOf(c & 0xff);
  return i < 0 ? 0 : s + i;
}
