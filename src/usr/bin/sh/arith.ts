// Arithmetic expansion $(( )): a precedence-climbing evaluator for the C-like expressions
// POSIX shells accept (integers, variables, assignment operators, ?:, logic, bits, ++/--).
export class ArithError extends Error {}

export interface ArithEnv {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = { k: "num"; v: bigint } | { k: "name"; v: string } | { k: "op"; v: string } | { k: "end" };

const OPS = ["<<=", ">>=", "**", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=", "-=", "*=", "/=", "%=", "&=", "^=", "|=", "++", "--",
  "+", "-", "*", "/", "%", "<", ">", "&", "^", "|", "!", "~", "?", ":", "=", "(", ")", ","];

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) { i++; continue; }
    if (/[0-9]/.test(c)) {
      const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*|[0-9]+#[0-9a-zA-Z@_]+)/.exec(s.slice(i))!;
      let t = m[0];
      if (/[0-9a-zA-Z_]/.test(s[i + t.length] ?? "")) throw new ArithError(`arithmetic expression: expecting EOF: "${s}"`);
      let v: bigint;
      if (t.includes("#")) {
        const [b, d] = t.split("#");
        v = 0n;
        for (const ch of d) v = v * BigInt(b) + BigInt(parseInt(ch, 36));
      } else if (/^0[xX]/.test(t)) v = BigInt(t);
      else if (t.length > 1 && t[0] === "0") v = BigInt("0o" + t.slice(1));
      else v = BigInt(t);
      out.push({ k: "num", v });
      i += t.length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i))!;
      out.push({ k: "name", v: m[0] });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => s.startsWith(o, i));
    if (!op) throw new ArithError(`arithmetic expression: expecting primary: "${s}"`);
    out.push({ k: "op", v: op });
    i += op.length;
  }
  out.push({ k: "end" });
  return out;
}

const BIN: Record<string, number> = {
  "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6, "<": 7, ">": 7, "<=": 7, ">=": 7,
  "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10, "**": 11,
};

const wrap = (v: bigint) => BigInt.asIntN(64, v);

/** Evaluate an arithmetic expression (already parameter-expanded). */
export function arith(expr: string, env: ArithEnv): bigint {
  const toks = tokenize(expr);
  let p = 0;
  const peek = () => toks[p];
  const isOp = (v: string) => { const t = toks[p]; return t.k === "op" && t.v === v; };
  const fail = (): never => { throw new ArithError(`arithmetic expression: expecting primary: "${expr}"`); };
  const varValue = (name: string, skip: boolean): bigint => {
    if (skip) return 0n;
    const s = (env.get(name) ?? "").trim();
    if (s === "") return 0n;
    if (/^-?(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(s)) {
      const neg = s.startsWith("-");
      const b = neg ? s.slice(1) : s;
      const v = /^0[xX]/.test(b) ? BigInt(b) : b.length > 1 && b[0] === "0" ? BigInt("0o" + b.slice(1)) : BigInt(b);
      return neg ? -v : v;
    }
    return arith(s, env);
  };
  const binop = (op: string, a: bigint, b: bigint): bigint => {
    switch (op) {
      case "+": return wrap(a + b); case "-": return wrap(a - b); case "*": return wrap(a * b);
      case "/": case "%":
        if (b === 0n) throw new ArithError("divide by zero");
        return op === "/" ? a / b : a % b;
      case "**": if (b < 0n) throw new ArithError("exponent less than 0"); return wrap(a ** b);
      case "<<": return wrap(a << (b & 63n)); case ">>": return a >> (b & 63n);
      case "<": return a < b ? 1n : 0n; case ">": return a > b ? 1n : 0n;
      case "<=": return a <= b ? 1n : 0n; case ">=": return a >= b ? 1n : 0n;
      case "==": return a === b ? 1n : 0n; case "!=": return a !== b ? 1n : 0n;
      case "&": return a & b; case "^": return a ^ b; case "|": return a | b;
    }
    return fail();
  };

  function assignment(skip: boolean): bigint {
    const t = peek();
    if (t.k === "name") {
      const n = toks[p + 1];
      if (n.k === "op" && ["=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|="].includes(n.v)) {
        p += 2;
        const rhs = assignment(skip);
        if (skip) return 0n;
        const v = n.v === "=" ? rhs : binop(n.v.slice(0, -1), varValue(t.v, false), rhs);
        env.set(t.v, v.toString());
        return v;
      }
    }
    return ternary(skip);
  }
  function ternary(skip: boolean): bigint {
    const c = binary(1, skip);
    if (!isOp("?")) return c;
    p++;
    const a = assignment(skip || c === 0n);
    if (!isOp(":")) fail();
    p++;
    const b = assignment(skip || c !== 0n);
    return c !== 0n ? a : b;
  }
  function binary(min: number, skip: boolean): bigint {
    let left = unary(skip);
    for (;;) {
      const t = peek();
      if (t.k !== "op" || !(t.v in BIN) || BIN[t.v] < min) return left;
      const prec = BIN[t.v];
      p++;
      if (t.v === "&&" || t.v === "||") {
        const short = t.v === "&&" ? left === 0n : left !== 0n;
        const right = binary(prec + 1, skip || short);
        left = short ? (t.v === "||" ? 1n : 0n) : right !== 0n ? 1n : 0n;
        continue;
      }
      const right = binary(t.v === "**" ? prec : prec + 1, skip);
      left = skip ? 0n : binop(t.v, left, right);
    }
  }
  function unary(skip: boolean): bigint {
    const t = peek();
    if (t.k === "op") {
      if (t.v === "++" || t.v === "--") {
        p++;
        const n = peek();
        if (n.k !== "name") fail();
        p++;
        const v = varValue((n as { v: string }).v, skip) + (t.v === "++" ? 1n : -1n);
        if (!skip) env.set((n as { v: string }).v, v.toString());
        return v;
      }
      if (["+", "-", "!", "~"].includes(t.v)) {
        p++;
        const v = unary(skip);
        return t.v === "-" ? wrap(-v) : t.v === "!" ? (v === 0n ? 1n : 0n) : t.v === "~" ? ~v : v;
      }
      if (t.v === "(") {
        p++;
        const v = comma(skip);
        if (!isOp(")")) fail();
        p++;
        return v;
      }
      return fail();
    }
    if (t.k === "num") { p++; return t.v; }
    if (t.k === "name") {
      p++;
      if (isOp("++") || isOp("--")) {
        const op = (peek() as { v: string }).v;
        p++;
        const v = varValue(t.v, skip);
        if (!skip) env.set(t.v, (v + (op === "++" ? 1n : -1n)).toString());
        return v;
      }
      return varValue(t.v, skip);
    }
    return fail();
  }
  function comma(skip: boolean): bigint {
    let v = assignment(skip);
    while (isOp(",")) { p++; v = assignment(skip); }
    return v;
  }
  if (peek().k === "end") return 0n;
  const v = comma(false);
  if (peek().k !== "end") throw new ArithError(`arithmetic expression: expecting EOF: "${expr}"`);
  return v;
}
