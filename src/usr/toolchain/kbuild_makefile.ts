// What kbuild reads from an external module's Kbuild file (or Makefile): the modules to build
// (obj-m, obj-y for our purposes too) and each one's objects (NAME-objs / NAME-y). Only the
// assignments and the conditionals around them are read, with KERNELRELEASE set, as kbuild's
// second pass over a books-style Makefile reads them; rules and recipes are skipped.
export interface KbuildModules {
  /** Module file names ("hello" for obj-m += hello.o), in order. */
  modules: string[];
  /** A module's objects when it has several (hello-objs := a.o b.o). */
  objects: Map<string, string[]>;
}

export function readKbuildFile(text: string, vars: Record<string, string>): KbuildModules {
  const values = new Map(Object.entries(vars));
  const expand = (s: string): string => s.replace(/\$[({]([^)}]+)[)}]/g, (_, name: string) => values.get(name.trim()) ?? "");
  const stack: boolean[] = [];
  const active = () => stack.every(Boolean);
  const out: KbuildModules = { modules: [], objects: new Map() };
  const lines = text.replace(/\\\n/g, " ").split("\n");
  for (const raw of lines) {
    if (raw.startsWith("\t")) continue; // a recipe
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    const cond = /^(ifeq|ifneq)\s*(.*)$/.exec(line);
    if (cond) {
      const [a, b] = conditionArgs(expand(cond[2]));
      stack.push((a === b) === (cond[1] === "ifeq"));
      continue;
    }
    const def = /^(ifdef|ifndef)\s+(\S+)/.exec(line);
    if (def) { stack.push(!!values.get(def[2]) === (def[1] === "ifdef")); continue; }
    if (line === "else" || line.startsWith("else ")) { if (stack.length) stack[stack.length - 1] = !stack[stack.length - 1]; continue; }
    if (line === "endif") { stack.pop(); continue; }
    if (!active()) continue;
    const asg = /^([A-Za-z0-9_.$()-]+)\s*(\+=|:=|::=|\?=|=)\s*(.*)$/.exec(line);
    if (!asg) continue;
    const name = expand(asg[1]), op = asg[2], value = expand(asg[3]).trim();
    if (op === "?=" && values.has(name)) continue;
    values.set(name, op === "+=" && values.get(name) ? `${values.get(name)} ${value}` : value);
  }
  const words = (name: string) => (values.get(name) ?? "").split(/\s+/).filter(Boolean);
  for (const o of [...words("obj-m"), ...words("obj-y")]) {
    if (!o.endsWith(".o")) continue;
    const mod = o.slice(0, -2);
    if (out.modules.includes(mod)) continue;
    out.modules.push(mod);
    const objs = [...words(`${mod}-objs`), ...words(`${mod}-y`)].filter((x) => x.endsWith(".o"));
    if (objs.length) out.objects.set(mod, objs.map((x) => x.slice(0, -2)));
  }
  return out;
}

/** The two sides of `(a,b)` or `"a" "b"`. */
function conditionArgs(s: string): [string, string] {
  const paren = /^\((.*),(.*)\)$/.exec(s.trim());
  if (paren) return [paren[1].trim(), paren[2].trim()];
  const quoted = /^["'](.*?)["']\s+["'](.*?)["']$/.exec(s.trim());
  return quoted ? [quoted[1], quoted[2]] : [s.trim(), ""];
}
