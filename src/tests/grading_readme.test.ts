// The README's module grader, run as it is written there (the code block is taken from the
// README itself, so the two cannot drift): a right submission passes; a wrong answer, a module
// that does not build and one that hangs the kernel are each failed with a reason.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadReadmeGrader, answerModule } from "../bench/readme_grader.js";

const grade = await loadReadmeGrader();

test("the README's module grader passes a right submission", async () => {
  await grade(answerModule("42"));
});

test("the README's module grader fails a wrong answer, a build error and a module that hangs the kernel", async () => {
  await assert.rejects(grade(answerModule("41")), (e: Error) => e.message.includes("'41\\n' !== '42\\n'"));
  await assert.rejects(grade(answerModule("42").replace("return 0;", "return zero;")),
    /the module does not build:[\s\S]*answer\.ts:\d+:\d+: error TS2304: Cannot find name 'zero'/);
  await assert.rejects(grade(answerModule("42", "for (;;) {}")), /the module locked up the kernel/);
});
