// libm against glibc (src/tests/libc/math.c with -lm, built natively and in Typix), line by line.
// Typix's libm is musl's (from the compiler's wasi-libc), which glibc's results differ from in
// known ways, each allowed here only for the functions listed:
// - by 1 ulp (musl's results are faithfully rounded, glibc's mostly correctly rounded) in
//   ULP_FUNCS;
// - in the sign of the NaN a domain error gives (musl computes 0/0, whose sign on WebAssembly
//   is the host CPU's default NaN, negative on x86; glibc returns +NaN) in NAN_SIGN_FUNCS;
// - fmin/fmax of +0 and -0 (glibc answers with the second operand, musl orders -0 below +0) in
//   SIGNED_ZERO_FUNCS;
// - errno and math_errhandling are not printed: musl's libm does not set errno (math_errhandling
//   is MATH_ERREXCEPT in Typix's math.h, glibc's is MATH_ERRNO | MATH_ERREXCEPT).
// Everything else must be identical.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { LibcDiff } from "./libc_support.js";

const ULP_FUNCS = new Set(["sin", "tan", "atan", "atan2", "cbrt", "log10", "hypot", "sinh", "cosh", "pow", "exp", "log"]);
const NAN_SIGN_FUNCS = new Set(["asin", "acos", "log10", "fmax"]);
const SIGNED_ZERO_FUNCS = new Set(["fmin", "fmax"]);

/** How many doubles lie between a and b (0 when equal). */
function ulps(a: number, b: number): bigint {
  const f = new Float64Array(2), i = new BigInt64Array(f.buffer);
  f[0] = a; f[1] = b;
  const key = (v: bigint) => (v < 0n ? -(v & 0x7fffffffffffffffn) : v);
  const d = key(i[0]) - key(i[1]);
  return d < 0n ? -d : d;
}

const d = new LibcDiff();
before(() => d.start());
after(() => d.stop());

test("libm: results equal glibc's, but for the documented 1-ulp and NaN-sign differences", async () => {
  const r = await d.program("math", {}, ["-lm"]);
  assert.equal(r.typix.stderr, r.native.stderr);
  assert.equal(r.typix.status, r.native.status);
  const nat = r.native.stdout.split("\n"), typ = r.typix.stdout.split("\n");
  assert.ok(nat.length > 1000, "the native program printed its results");
  assert.equal(typ.length, nat.length);
  const allowed: string[] = [];
  for (let k = 0; k < nat.length; k++) {
    if (nat[k] === typ[k]) continue;
    const m1 = /^(\w+)\((.*)\) = (\S+)$/.exec(nat[k]), m2 = /^(\w+)\((.*)\) = (\S+)$/.exec(typ[k]);
    const fn = m1?.[1] ?? "";
    const sameCall = m1 && m2 && m1[1] === m2[1] && m1[2] === m2[2];
    const nanSign = sameCall && /^-?nan$/.test(m1[3]) && /^-?nan$/.test(m2[3]) && NAN_SIGN_FUNCS.has(fn);
    const oneUlp = sameCall && ULP_FUNCS.has(fn) && ulps(Number(m1[3]), Number(m2[3])) <= 1n;
    const zeroSign = sameCall && SIGNED_ZERO_FUNCS.has(fn) && /^-?0$/.test(m1[3]) && /^-?0$/.test(m2[3]);
    if (nanSign || oneUlp || zeroSign) { allowed.push(fn); continue; }
    assert.equal(typ[k], nat[k], `line ${k + 1}`);
  }
  // The allowances are used (else the lists above should shrink).
  for (const fn of ["asin", "sin", "cbrt"]) assert.ok(allowed.includes(fn), `${fn} no longer differs`);
});
