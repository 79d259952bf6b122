// make: the rule database — recording rule lines (explicit, double-colon, pattern and static
// pattern rules, order-only prerequisites, target-specific variables, special targets) and
// finding the implicit rule for a target.
import { MakeState, err, fatal, words, type Loc, type Recipe, type Rule, type PatternRule, type Var } from "./state.js";
import { patMatch } from "./expand.js";
import { findAssign, type Parser } from "./parser.js";
import { exists } from "./sys.js";

/** Index of the first top-level occurrence of ch (outside $(...)), or -1. */
function topIndex(s: string, ch: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "$" && (s[i + 1] === "(" || s[i + 1] === "{")) { depth++; i++; continue; }
    if (depth > 0) {
      if (c === "(" || c === "{") depth++;
      else if (c === ")" || c === "}") depth--;
      continue;
    }
    if (c === ch) return i;
  }
  return -1;
}

function isDefaultGoalCandidate(name: string): boolean {
  return !name.includes("%") && (!name.startsWith(".") || name.includes("/"));
}

/**
 * Read a rule line. Returns the recipe to fill and a commit to call once its lines are read,
 * "empty" for a line that expands to nothing (or sets target-specific variables), or null
 * when the line is not a rule (a missing separator).
 */
export async function recordRule(p: Parser, line: string, loc: Loc): Promise<{ recipe: Recipe; commit: () => Promise<void> } | "empty" | null> {
  const st = p.st, x = p.x;
  const colon = topIndex(line, ":");
  if (colon < 0) {
    const e = await x.expand(line);
    if (e.trim() === "") return "empty";
    if (!e.includes(":")) return null;
    return recordRule(p, e.replace(/\$/g, "$$$$"), loc);
  }
  const doubleColon = line[colon + 1] === ":";
  const rest = line.slice(colon + (doubleColon ? 2 : 1));
  const targets = words(await x.expand(line.slice(0, colon)));

  // Target-specific variables: "targets: [override|export] VAR = value".
  let tv = rest.replace(/^[ \t]+/, "");
  let override = false, exporting = false;
  for (;;) {
    if (/^override[ \t]/.test(tv)) { override = true; tv = tv.slice(8).replace(/^[ \t]+/, ""); continue; }
    if (/^export[ \t]/.test(tv)) { exporting = true; tv = tv.slice(6).replace(/^[ \t]+/, ""); continue; }
    break;
  }
  const semi = topIndex(rest, ";");
  const a = findAssign(tv);
  if (a && (semi < 0 || topIndex(tv, ";") < 0 || topIndex(tv, "=") < topIndex(tv, ";"))) {
    for (const t of targets) {
      const tt = st.target(t);
      tt.vars ??= new Map<string, Var>();
      await p.assign(a, override, tt.vars);
      if (exporting) st.exports.set(await x.expand(a.name), true);
    }
    return "empty";
  }

  const prereqText = await x.expand(semi < 0 ? rest : rest.slice(0, semi));
  const recipe: Recipe = { lines: [], loc };
  if (semi >= 0) recipe.lines.push({ text: rest.slice(semi + 1).replace(/^[ \t]+/, ""), loc });
  if (!targets.length) return { recipe, commit: async () => {} };

  // Static pattern rule: "targets: target-pattern: prereq-patterns".
  let staticPattern: string | null = null;
  let pre = prereqText;
  const c2 = pre.indexOf(":");
  if (c2 >= 0) {
    const tp = words(pre.slice(0, c2));
    if (tp.length !== 1) fatal(st, "target pattern contains no '%'", loc);
    staticPattern = tp[0];
    if (!staticPattern.includes("%")) fatal(st, "target pattern contains no '%'", loc);
    pre = pre.slice(c2 + 1);
  }
  const bar = pre.indexOf("|");
  const normal = words(bar < 0 ? pre : pre.slice(0, bar));
  const orderOnly = bar < 0 ? [] : words(pre.slice(bar + 1));

  // The default goal: the first target of the first rule that is not special or a pattern.
  const dg = st.globals.find(".DEFAULT_GOAL");
  if (!dg || dg.value === "") {
    const g = targets.find(isDefaultGoalCandidate);
    if (g !== undefined) st.setVar(".DEFAULT_GOAL", g, false, "default");
  }

  const commit = async (): Promise<void> => {
    const rc = recipe.lines.length ? recipe : null;
    const pattern = !staticPattern && targets.some((t) => t.includes("%"));
    if (pattern) {
      if (!targets.every((t) => t.includes("%"))) fatal(st, "mixed implicit and normal rules", loc);
      const i = st.patterns.findIndex((r) => r.targets.join(" ") === targets.join(" ") && r.prereqs.join(" ") === normal.join(" "));
      if (i >= 0) st.patterns.splice(i, 1);
      if (rc) st.patterns.push({ targets, prereqs: normal, orderOnly, recipe: rc, builtin: false });
      return;
    }
    for (const name of targets) {
      if (name === ".PHONY") { for (const n of normal) st.target(n).phony = true; }
      else if (name === ".SILENT") { if (!normal.length) st.silentAll = true; else for (const n of normal) st.silentTargets.add(n); }
      else if (name === ".EXPORT_ALL_VARIABLES") st.exportAll = true;
      let stem: string | undefined;
      let pq = normal, oo = orderOnly;
      if (staticPattern) {
        const s = patMatch(staticPattern, name);
        if (s === null) { await err(`${loc.file}:${loc.line}: target '${name}' doesn't match the target pattern\n`); continue; }
        stem = s;
        pq = normal.map((q) => (q.includes("%") ? q.replace("%", s) : q));
        oo = orderOnly.map((q) => (q.includes("%") ? q.replace("%", s) : q));
      }
      const t = st.target(name);
      if (doubleColon) {
        if (t.rule) fatal(st, `target file '${name}' has both : and :: entries`, loc);
        (t.doubleColon ??= []).push({ prereqs: pq, orderOnly: oo, recipe: rc, stem });
        continue;
      }
      if (t.doubleColon) fatal(st, `target file '${name}' has both : and :: entries`, loc);
      const r: Rule = (t.rule ??= { prereqs: [], orderOnly: [], recipe: null });
      r.prereqs.push(...pq);
      r.orderOnly.push(...oo);
      if (stem !== undefined) r.stem = stem;
      if (rc) {
        if (r.recipe && r.recipe !== rc) {
          await err(`${rc.loc.file}:${rc.loc.line}: warning: overriding recipe for target '${name}'\n`);
          await err(`${r.recipe.loc.file}:${r.recipe.loc.line}: warning: ignoring old recipe for target '${name}'\n`);
        }
        r.recipe = rc;
      }
    }
  };
  return { recipe, commit };
}

/**
 * The built-in rules make knows without a makefile (C compilation and linking), and Typix's
 * counterpart for TypeScript programs: `make prog` builds prog from prog.ts with cc.
 */
export function addBuiltinRules(st: MakeState): void {
  const d = (n: string, v: string) => st.setVar(n, v, true, "default");
  d("CC", "cc"); d("CXX", "g++"); d("CPP", "$(CC) -E"); d("AR", "ar"); d("ARFLAGS", "rv"); d("AS", "as");
  d("LD", "ld"); d("RM", "rm -f"); d("OUTPUT_OPTION", "-o $@");
  d("COMPILE.c", "$(CC) $(CFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c");
  d("LINK.c", "$(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)");
  d("LINK.o", "$(CC) $(LDFLAGS) $(TARGET_ARCH)");
  d("LINK.ts", "$(CC) $(TSFLAGS) $(LDFLAGS)");
  const rule = (target: string, prereq: string, text: string): PatternRule => ({
    targets: [target], prereqs: [prereq], orderOnly: [], builtin: true,
    recipe: { lines: [{ text, loc: { file: "", line: 0 } }], loc: { file: "", line: 0 } },
  });
  st.builtinPatterns.push(
    rule("%", "%.o", "$(LINK.o) $^ $(LOADLIBES) $(LDLIBS) -o $@"),
    rule("%", "%.c", "$(LINK.c) $^ $(LOADLIBES) $(LDLIBS) -o $@"),
    rule("%", "%.ts", "$(LINK.ts) $< -o $@"),
    rule("%.o", "%.c", "$(COMPILE.c) $(OUTPUT_OPTION) $<"),
  );
}

/** A pattern rule applied to a target: its prerequisites and stem. */
export interface Implicit { rule: PatternRule; prereqs: string[]; orderOnly: string[]; stem: string }

/** Find a pattern rule whose prerequisites exist or are targets (one level; no chains). */
export async function findImplicit(st: MakeState, name: string): Promise<Implicit | null> {
  const lists = st.opts.noBuiltinRules ? [st.patterns] : [st.patterns, st.builtinPatterns];
  for (const list of lists) {
    for (const rule of list) {
      for (const tp of rule.targets) {
        let dir = "", base = name;
        if (!tp.includes("/") && name.includes("/")) { dir = name.slice(0, name.lastIndexOf("/") + 1); base = name.slice(dir.length); }
        const stem = patMatch(tp, base);
        if (stem === null || (tp === "%" && rule.builtin && st.targets.get(name)?.phony)) continue;
        const subst = (q: string) => (q.includes("%") ? dir + q.replace("%", stem) : q);
        const prereqs = rule.prereqs.map(subst);
        let ok = true;
        for (const q of prereqs) {
          if (q === name || !(st.targets.has(q) || (await exists(q)))) { ok = false; break; }
        }
        if (ok) return { rule, prereqs, orderOnly: rule.orderOnly.map(subst), stem: dir + stem };
      }
    }
  }
  return null;
}
