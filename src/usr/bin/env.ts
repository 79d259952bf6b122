// env: run a program in a modified environment, or print the environment (GNU coreutils: -i,
// -u NAME, -0, -C DIR, NAME=VALUE...). Exit 125 for env's own errors, 126/127 when COMMAND
// cannot run.
import { execvpe, chdir } from "../../lib/libc/unistd.js";
import { environ } from "../../lib/libc/stdlib.js";
import { errno, ENOENT } from "../../lib/libc/errno.js";
import { Tool, parseOpts, quote } from "../lib/common.js";

const HELP = `Usage: env [OPTION]... [-] [NAME=VALUE]... [COMMAND [ARG]...]
Set each NAME to VALUE in the environment and run COMMAND.

Mandatory arguments to long options are mandatory for short options too.
  -i, --ignore-environment  start with an empty environment
  -0, --null           end each output line with NUL, not newline
  -u, --unset=NAME     remove variable from the environment
  -C, --chdir=DIR      change working directory to DIR
      --help     display this help and exit

A mere - implies -i.  If no COMMAND, print the resulting environment.
`;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP, 125);
  const p = await parseOpts(t, argv, { short: "+i0u:C:", long: { "ignore-environment": "i", null: "0", unset: "u:", chdir: "C:" } });
  if (typeof p === "number") return p;
  let env = environ().slice();
  let nul = false, dir: string | null = null;
  for (const [k, v] of p.opts) {
    if (k === "i") env = [];
    else if (k === "0") nul = true;
    else if (k === "C") dir = v;
    else if (k === "u") {
      if (v === "" || v.includes("=")) { await t.error(`cannot unset ${quote(v)}: Invalid argument`, 125); return 125; }
      env = env.filter((e) => !e.startsWith(v + "="));
    }
  }
  const ops = p.operands.slice();
  if (ops[0] === "-") { env = []; ops.shift(); }
  while (ops.length && ops[0].includes("=") && !ops[0].startsWith("=")) {
    const a = ops.shift()!;
    const name = a.slice(0, a.indexOf("="));
    env = env.filter((e) => !e.startsWith(name + "="));
    env.push(a);
  }
  if (!ops.length) {
    if (dir !== null) { await t.error("must specify command with --chdir (-C)"); return t.usage(); }
    for (const e of env) t.out.text(e + (nul ? "\0" : "\n"));
    return t.finish();
  }
  if (nul) { await t.error("cannot specify --null (-0) with command"); return t.usage(); }
  if (dir !== null && (await chdir(dir)) < 0) { await t.error(`cannot change directory to ${quote(dir)}: ${t.errText}`); return 125; }
  await t.out.flush();
  await execvpe(ops[0], ops, env);
  const e = errno;
  await t.warn(`${quote(ops[0])}: ${t.errText}`);
  return e === ENOENT ? 127 : 126;
}
