// The kernel's own printf (lib/vsprintf.c's role): the conversions drivers use with printk,
// snprintf and seq_printf — %d %i %u %x %X %o %s %c %p %% with flags (-, 0, +, space, #), width,
// precision (and * for either) and the length modifiers h hh l ll z t j, which change nothing
// for JavaScript numbers. %p prints a kernel address as 16 hex digits; objects that carry one
// (kmalloc buffers) give theirs. Kernel code never uses libc's printf.

/** The address %p prints for an argument: a kernel object's own, or a stable one per object. */
const addrs = new WeakMap<object, bigint>();
let nextAddr = 0xffff888000100000n;
export function kernelAddress(v: unknown): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number") return BigInt(Math.trunc(v));
  if (v === null || v === undefined) return 0n;
  if (typeof v === "object" || typeof v === "function") {
    const own = (v as { kaddr?: unknown }).kaddr;
    if (typeof own === "bigint") return own;
    let a = addrs.get(v as object);
    if (a === undefined) { a = nextAddr; nextAddr += 0x40n; addrs.set(v as object, a); }
    return a;
  }
  return 0n;
}

function toBig(v: unknown): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "boolean") return v ? 1n : 0n;
  const n = Number(v);
  return Number.isFinite(n) ? BigInt(Math.trunc(n)) : 0n;
}

function pad(body: string, sign: string, width: number, left: boolean, zero: boolean): string {
  const len = sign.length + body.length;
  if (len >= width) return sign + body;
  if (left) return sign + body + " ".repeat(width - len);
  if (zero) return sign + "0".repeat(width - len) + body;
  return " ".repeat(width - len) + sign + body;
}

/** vsnprintf without a size limit: the formatted string. */
export function vsprintf(fmt: string, args: readonly unknown[]): string {
  let out = "";
  let ai = 0;
  const next = () => args[ai++];
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== "%") { out += c; continue; }
    const start = i;
    let left = false, zero = false, plus = false, space = false, alt = false;
    for (i++; i < fmt.length; i++) {
      const f = fmt[i];
      if (f === "-") left = true;
      else if (f === "0") zero = true;
      else if (f === "+") plus = true;
      else if (f === " ") space = true;
      else if (f === "#") alt = true;
      else break;
    }
    let width = 0;
    if (fmt[i] === "*") { width = Number(next()); if (width < 0) { left = true; width = -width; } i++; }
    else while (fmt[i] >= "0" && fmt[i] <= "9") width = width * 10 + Number(fmt[i++]);
    let prec = -1;
    if (fmt[i] === ".") {
      i++;
      prec = 0;
      if (fmt[i] === "*") { prec = Math.max(0, Number(next())); i++; }
      else while (fmt[i] >= "0" && fmt[i] <= "9") prec = prec * 10 + Number(fmt[i++]);
    }
    let bits = 32;
    while ("hlLqzjt".includes(fmt[i] ?? "x")) {
      const m = fmt[i++];
      if (m === "h") bits = bits === 16 ? 8 : 16;
      else bits = 64;
    }
    const conv = fmt[i];
    switch (conv) {
      case "%": out += "%"; break;
      case "c": out += pad(String.fromCharCode(Number(next()) & 0xff), "", width, left, false); break;
      case "s": {
        const v = next();
        let s = v === null || v === undefined ? "(null)" : typeof v === "string" ? v : v instanceof Uint8Array ? cstr(v) : String(v);
        if (prec >= 0) s = s.slice(0, prec);
        out += pad(s, "", width, left, false);
        break;
      }
      case "p": {
        const a = BigInt.asUintN(64, kernelAddress(next()));
        out += pad(a.toString(16).padStart(16, "0"), "", width, left, false);
        break;
      }
      case "d": case "i": case "u": case "x": case "X": case "o": {
        let v = toBig(next());
        const signed = conv === "d" || conv === "i";
        v = signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
        const neg = v < 0n;
        const mag = neg ? -v : v;
        const base = conv === "o" ? 8 : conv === "x" || conv === "X" ? 16 : 10;
        let body = mag.toString(base);
        if (conv === "X") body = body.toUpperCase();
        if (prec >= 0) body = prec === 0 && mag === 0n ? "" : body.padStart(prec, "0");
        let sign = neg ? "-" : signed && plus ? "+" : signed && space ? " " : "";
        if (alt && mag !== 0n) sign += base === 16 ? (conv === "X" ? "0X" : "0x") : base === 8 ? "0" : "";
        out += pad(body, sign, width, left, zero && prec < 0);
        break;
      }
      default:
        // An unknown conversion is printed as written, as the kernel does.
        out += fmt.slice(start, i + 1);
        if (i >= fmt.length) return out;
    }
  }
  return out;
}

/** A NUL-terminated byte buffer as text. */
function cstr(b: Uint8Array): string {
  const end = b.indexOf(0);
  return new TextDecoder().decode(end >= 0 ? b.subarray(0, end) : b);
}

export const sprintf = (fmt: string, ...args: unknown[]) => vsprintf(fmt, args);
