// kbuild's KASAN instrumentation (what the compiler's -fsanitize=kernel-address does for C):
// every element access of a module's code whose object may be a kernel heap buffer becomes a
// call of a checker the kernel exports (mm/kasan.ts), which reports a bad index or a freed
// object and then does what the access would:
//   a[i]            __asan_load1(a, i)
//   a[i] = v        __asan_store1(a, i, v)
//   a[i] += v       __asan_rmw1(a, i, "+", v)        (and -= *= /= %= **= <<= >>= >>>= &= |= ^=)
//   a[i]++, --a[i]  __asan_incdec1(a, i, 1, false), __asan_incdec1(a, i, -1, true)
//   a[i] ||= v      __asan_logical1(a, i, "||", () => (v))  (and &&=, ??=)
// The type checker decides which accesses need it: those whose object is a typed array (as a
// KBuffer is) or a type a Uint8Array fits (ArrayLike<number>, object), any, unknown or a type
// parameter; arrays, strings, maps and records keep
// plain indexing. A string-literal key (`a["x"]`) is a property, never instrumented. Accesses
// that cannot be rewritten as a call are left as they are: callees (`a[i](x)`, whose `this` is
// a), destructuring targets, `delete a[i]`, optional chains, and compound or logical ones whose
// right side awaits or yields. Edits only insert and replace tokens, so lines keep their numbers.
import ts from "typescript";

export interface InstrumentEdit { start: number; end: number; text: string }

const COMPOUND: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.PlusEqualsToken]: "+", [ts.SyntaxKind.MinusEqualsToken]: "-",
  [ts.SyntaxKind.AsteriskEqualsToken]: "*", [ts.SyntaxKind.SlashEqualsToken]: "/",
  [ts.SyntaxKind.PercentEqualsToken]: "%", [ts.SyntaxKind.AsteriskAsteriskEqualsToken]: "**",
  [ts.SyntaxKind.LessThanLessThanEqualsToken]: "<<", [ts.SyntaxKind.GreaterThanGreaterThanEqualsToken]: ">>",
  [ts.SyntaxKind.GreaterThanGreaterThanGreaterThanEqualsToken]: ">>>", [ts.SyntaxKind.AmpersandEqualsToken]: "&",
  [ts.SyntaxKind.BarEqualsToken]: "|", [ts.SyntaxKind.CaretEqualsToken]: "^",
};
const LOGICAL: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.AmpersandAmpersandEqualsToken]: "&&", [ts.SyntaxKind.BarBarEqualsToken]: "||",
  [ts.SyntaxKind.QuestionQuestionEqualsToken]: "??",
};
/** Types whose values can never be a KBuffer (nor stand for one) by their flags alone. */
const PRIMITIVE = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.BooleanLike
  | ts.TypeFlags.ESSymbolLike | ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Void | ts.TypeFlags.Never;
/** Types that may stand for anything. */
const OPEN = ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeVariable | ts.TypeFlags.Index
  | ts.TypeFlags.Conditional | ts.TypeFlags.Substitution | ts.TypeFlags.NonPrimitive;

/**
 * Add the edits that instrument sf's element accesses (after `edits`, which they must follow:
 * an insertion at the start of a replaced identifier goes in front of it). Accesses inside a
 * range an earlier edit replaces are left alone. Returns the checkers the code now calls.
 */
export function kasanInstrument(sf: ts.SourceFile, checker: ts.TypeChecker, edits: InstrumentEdit[]): Set<string> {
  const used = new Set<string>();
  const earlier = edits.filter((e) => e.end > e.start);
  const u8sym = checker.resolveName("Uint8Array", undefined, ts.SymbolFlags.Type, false);
  const u8 = u8sym ? checker.getDeclaredTypeOfSymbol(u8sym) : null;

  const mayHoldBuffer = (node: ts.Expression): boolean => {
    if (!u8) return true;
    const t = checker.getTypeAtLocation(node);
    const parts = t.isUnion() ? t.types : [t];
    if (parts.some((p) => p.flags & OPEN)) return true;
    if (parts.every((p) => p.flags & PRIMITIVE)) return false;
    // A Uint8Array could be one (ArrayLike<number>, object ...), or it is a typed array itself.
    return checker.isTypeAssignableTo(u8, t)
      || parts.some((p) => !!checker.getPropertyOfType(checker.getApparentType(p), "BYTES_PER_ELEMENT"));
  };
  const covered = (n: ts.Node) => earlier.some((e) => e.start <= n.getStart(sf) && n.getEnd() <= e.end);
  const waits = (n: ts.Node): boolean => {
    if (ts.isAwaitExpression(n) || ts.isYieldExpression(n)) return true;
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return false;
    return ts.forEachChild(n, waits) ?? false;
  };
  /** The `[` and `]` tokens of an element access. */
  const brackets = (n: ts.ElementAccessExpression) => {
    const open = n.expression.getEnd();
    const openTok = sf.text.indexOf("[", open);
    return { open: openTok, close: n.getEnd() - 1 };
  };
  const call = (n: ts.ElementAccessExpression, name: string, closeText: string, closeEnd: number, tail?: { at: number; text: string }) => {
    const { open, close } = brackets(n);
    used.add(name);
    // Inner accesses were pushed first: an insertion pushed later lands in front of theirs.
    edits.push({ start: close, end: closeEnd, text: closeText });
    edits.push({ start: open, end: open + 1, text: ", " });
    edits.push({ start: n.getStart(sf), end: n.getStart(sf), text: `${name}(` });
    if (tail) edits.push({ start: tail.at, end: tail.at, text: tail.text });
  };

  /** Inside an array or object literal that is assigned to (a destructuring pattern)? */
  const inPattern = (n: ts.Node): boolean => {
    let p: ts.Node = n;
    while (ts.isArrayLiteralExpression(p.parent) || ts.isObjectLiteralExpression(p.parent) || ts.isSpreadElement(p.parent)
      || ts.isSpreadAssignment(p.parent) || ts.isPropertyAssignment(p.parent) || ts.isShorthandPropertyAssignment(p.parent)
      || ts.isParenthesizedExpression(p.parent)) {
      if (ts.isPropertyAssignment(p.parent) && p.parent.name === p) return false;
      p = p.parent;
    }
    if (p === n) return false;
    const q = p.parent;
    return (ts.isBinaryExpression(q) && q.left === p && q.operatorToken.kind === ts.SyntaxKind.EqualsToken)
      || ((ts.isForOfStatement(q) || ts.isForInStatement(q)) && q.initializer === p);
  };

  const instrument = (n: ts.ElementAccessExpression): void => {
    const key = n.argumentExpression;
    if (ts.isStringLiteralLike(key) || (ts.isBinaryExpression(key) && key.operatorToken.kind === ts.SyntaxKind.CommaToken)
      || n.questionDotToken || (n.flags & ts.NodeFlags.OptionalChain) || covered(n)) return;
    if (n.expression.kind === ts.SyntaxKind.SuperKeyword || !mayHoldBuffer(n.expression)) return;
    const p = n.parent;
    if ((ts.isCallExpression(p) || ts.isNewExpression(p) || ts.isTaggedTemplateExpression(p)) && (p as ts.CallExpression).expression === n) return;
    if (ts.isDeleteExpression(p) || inPattern(n)) return;
    // A target seen through parentheses, `!` or `as` ((a[i]) = v, a[i]! += 1): left alone.
    if (ts.isParenthesizedExpression(p) || ts.isNonNullExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p)
      || ts.isTypeAssertionExpression(p)) {
      let q: ts.Node = p;
      while (ts.isParenthesizedExpression(q.parent) || ts.isNonNullExpression(q.parent) || ts.isAsExpression(q.parent)
        || ts.isSatisfiesExpression(q.parent) || ts.isTypeAssertionExpression(q.parent)) q = q.parent;
      const r = q.parent;
      if ((ts.isBinaryExpression(r) && r.left === q && r.operatorToken.kind >= ts.SyntaxKind.FirstAssignment
        && r.operatorToken.kind <= ts.SyntaxKind.LastAssignment) || ((ts.isPrefixUnaryExpression(r) || ts.isPostfixUnaryExpression(r))
        && (r.operator === ts.SyntaxKind.PlusPlusToken || r.operator === ts.SyntaxKind.MinusMinusToken))
        || inPattern(q) || ((ts.isForOfStatement(r) || ts.isForInStatement(r)) && r.initializer === q)) return;
    }
    if ((ts.isForOfStatement(p) || ts.isForInStatement(p)) && p.initializer === n) return;
    if (ts.isBinaryExpression(p) && p.left === n) {
      const kind = p.operatorToken.kind, opEnd = p.operatorToken.getEnd();
      if (kind === ts.SyntaxKind.EqualsToken) return call(n, "__asan_store1", ", ", opEnd, { at: p.getEnd(), text: ")" });
      const op = COMPOUND[kind];
      if (op) return call(n, "__asan_rmw1", `, ${JSON.stringify(op)}, `, opEnd, { at: p.getEnd(), text: ")" });
      const lop = LOGICAL[kind];
      if (lop) {
        if (waits(p.right)) return;
        return call(n, "__asan_logical1", `, ${JSON.stringify(lop)}, () => (`, opEnd, { at: p.getEnd(), text: "))" });
      }
    }
    if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p))
      && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) {
      const delta = p.operator === ts.SyntaxKind.PlusPlusToken ? "1" : "-1";
      const prefix = ts.isPrefixUnaryExpression(p);
      // The operator token goes: `++a[i]` and `a[i]++` become one call.
      const opStart = prefix ? p.getStart(sf) : n.getEnd(), opEnd = prefix ? p.getStart(sf) + 2 : p.getEnd();
      edits.push({ start: opStart, end: opEnd, text: "" });
      return call(n, "__asan_incdec1", `, ${delta}, ${prefix})`, n.getEnd());
    }
    call(n, "__asan_load1", ")", n.getEnd());
  };

  const visit = (node: ts.Node): void => {
    if (ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) return;
    ts.forEachChild(node, visit);
    if (ts.isElementAccessExpression(node)) instrument(node);
  };
  visit(sf);
  return used;
}
