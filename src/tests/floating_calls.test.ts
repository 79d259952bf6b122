// A system program runs on the kernel's thread, where any system call may give up the CPU (the
// time slice is over, or the call sleeps) and then returns a promise. A call whose promise is
// dropped lets the program run on while the scheduler thinks it is waiting, and the machine can
// hang (strace's clock read once did so). This test finds such statements in system programs and
// libc with the type checker: an expression statement whose value is a promise must be awaited,
// returned or marked `void` on purpose. The toolchain (src/usr/toolchain) is left out: its
// programs run in Workers, where the trap waits on the channel and always returns a number.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dirname, resolve, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CHECKED = ["src/usr/", "src/lib/libc/"];
const WORKER_PROGRAMS = "src/usr/toolchain/";

function isPromiseLike(checker: ts.TypeChecker, type: ts.Type): boolean {
  if (type.isUnion()) return type.types.some((t) => isPromiseLike(checker, t));
  const name = type.getSymbol()?.getName();
  return name === "Promise" || name === "PromiseLike";
}

test("system programs and libc await every call that may return a promise", () => {
  const config = ts.getParsedCommandLineOfConfigFile(resolve(ROOT, "tsconfig.json"), {}, {
    ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {},
  });
  assert.ok(config);
  const files = config.fileNames.filter((f) => {
    const rel = relative(ROOT, f);
    return CHECKED.some((d) => rel.startsWith(d)) && !rel.startsWith(WORKER_PROGRAMS) && !f.endsWith(".test.ts");
  });
  const program = ts.createProgram(files, { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const found: string[] = [];
  for (const sf of program.getSourceFiles()) {
    const rel = relative(ROOT, sf.fileName);
    if (!files.includes(sf.fileName)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isExpressionStatement(node)) {
        const e = node.expression;
        if ((ts.isCallExpression(e) || ts.isNewExpression(e)) && isPromiseLike(checker, checker.getTypeAtLocation(e))) {
          const { line } = sf.getLineAndCharacterOfPosition(e.getStart(sf));
          found.push(`${rel}:${line + 1}: ${e.getText(sf).slice(0, 60)}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  assert.deepEqual(found, []);
});
