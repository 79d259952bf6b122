// The README's module grader as code: the ```ts block under "### Grading a kernel module",
// taken from README.md itself, compiled and imported, and the exercise's submissions (a module
// answer.ts whose /proc/answer reads a value). The README's test and the grading benchmark use it,
// so what they run is what the README shows.
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";

const ROOT = new URL("../../", import.meta.url);
export const README_GRADER_HEADING = "### Grading a kernel module";

/** The first ```ts block after a heading of README.md. */
export function readmeBlock(heading: string): string {
  const readme = readFileSync(new URL("README.md", ROOT), "utf8");
  const at = readme.indexOf(`\n${heading}\n`);
  if (at < 0) throw new Error(`README.md has no '${heading}'`);
  const m = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!m) throw new Error(`README.md has no code block after '${heading}'`);
  return m[1];
}

/** Import the README's grader (its preparation runs now): its grade(source). */
export async function loadReadmeGrader(): Promise<(source: string) => Promise<void>> {
  const js = ts.transpileModule(readmeBlock(README_GRADER_HEADING), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText.replace(/from "typix"/, `from ${JSON.stringify(new URL("dist/index.js", ROOT).href)}`);
  const dir = mkdtempSync(join(tmpdir(), "typix-readme-"));
  try {
    writeFileSync(join(dir, "grader.mjs"), js);
    return ((await import(pathToFileURL(join(dir, "grader.mjs")).href)) as { grade: (s: string) => Promise<void> }).grade;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A submission: /proc/answer reads `value`; `init` is code run first in its init function. */
export function answerModule(value: string, init = ""): string {
  return `import { pr_info } from "linux/printk";
import { proc_create, proc_remove, type proc_dir_entry } from "linux/proc_fs";
import { simple_read_from_buffer } from "linux/uaccess";
import { ENOMEM } from "linux/errno";
import { module_init, module_exit, MODULE_LICENSE } from "linux/module";

const text = "${value}\\n";
let entry: proc_dir_entry | null = null;

function answer_init(): number {
  ${init}
  entry = proc_create("answer", 0o444, null, {
    proc_read: (file, buf, count, ppos) => simple_read_from_buffer(buf, count, ppos, text, text.length),
  });
  if (!entry) return -ENOMEM;
  pr_info("answer: loaded\\n");
  return 0;
}
function answer_exit(): void { proc_remove(entry); pr_info("answer: unloaded\\n"); }
module_init(answer_init);
module_exit(answer_exit);
MODULE_LICENSE("GPL");
`;
}
