// Building one module (kbuild's compile, modpost and link steps for NAME.ko): type-check its
// objects against the kernel's headers, read the declarations (they take literals, so nothing
// runs), rewrite module_param/EXPORT_SYMBOL so the loader can bind them (see
// src/kernel/module/README.md), instrument element accesses for KASAN when the kernel exports
// its checkers (kasan_instrument.ts), transpile, check symbols and licence as modpost does, and
// write the .ko. Several objects (NAME-objs := a.o b.o) are linked as small CommonJS units that
// import each other with `import { f } from "./b"`.
import ts from "typescript";
import { writeKo, vermagicOf, licenseIsGplCompatible, type KoExport } from "../../include/uapi/linux/ko.js";
import { check, transpile } from "./compiler.js";
import type { ToolFiles } from "./files.js";
import { srcversion } from "./digest.js";
import { kasanInstrument } from "./kasan_instrument.js";

/** A line of Module.symvers: an exported symbol and who exports it ("vmlinux" for the core). */
export interface SymversEntry { name: string; module: string; gpl: boolean }

export interface KbuildContext {
  files: ToolFiles;
  /** The kernel's build directory (its include/, Module.symvers, include/config/kernel.release). */
  kernelDir: string;
  /** Every symbol known: the core's and those of modules built before this one. */
  symvers: Map<string, SymversEntry>;
}

export interface ModuleSpec {
  /** The module's file name without ".ko" ("hello-1"); its name is this with "_" for "-". */
  name: string;
  /** Its objects' source files (.ts), in link order. */
  sources: string[];
  /** How a source is named in messages (default: its path). */
  display?: (path: string) => string;
}

export interface ModuleBuild {
  ko: Uint8Array | null;
  /** What the build prints (compiler errors, modpost warnings and errors), one line each. */
  messages: string[];
  exports: SymversEntry[];
}

const PARAM_TYPES = new Set(["bool", "invbool", "charp", "byte", "short", "ushort", "int", "uint", "long", "ulong", "hexint"]);
const TAGS: Record<string, string> = {
  MODULE_LICENSE: "license", MODULE_AUTHOR: "author", MODULE_DESCRIPTION: "description", MODULE_VERSION: "version",
  MODULE_ALIAS: "alias", MODULE_SOFTDEP: "softdep",
};
const MACRO_FILE = "/include/typix/module_macros.d.ts";

interface Edit { start: number; end: number; text: string }

/** Module.symvers text -> entries. */
export function parseSymvers(text: string): SymversEntry[] {
  return text.split("\n").filter(Boolean).map((l) => l.split("\t")).filter((f) => f.length >= 4)
    .map(([, name, module, kind]) => ({ name, module, gpl: kind === "EXPORT_SYMBOL_GPL" }));
}

/** Entries -> Module.symvers text. */
export function formatSymvers(list: SymversEntry[]): string {
  return list.map((s) => `0x00000000\t${s.name}\t${s.module}\t${s.gpl ? "EXPORT_SYMBOL_GPL" : "EXPORT_SYMBOL"}\t\n`).join("");
}

/** The core's symbols and the release, read from a kernel build directory. */
export function kernelContext(files: ToolFiles, kernelDir: string): KbuildContext {
  const symvers = new Map<string, SymversEntry>();
  for (const s of parseSymvers(files.readText(`${kernelDir}/Module.symvers`) ?? "")) symvers.set(s.name, s);
  return { files, kernelDir, symvers };
}

/** One object's contribution, read from its syntax tree. */
interface ObjectParts {
  path: string;
  key: string;
  edited: string;
  binds: string[];
  macros: string[];
}

export function buildModule(ctx: KbuildContext, spec: ModuleSpec): ModuleBuild {
  const { files } = ctx;
  const show = spec.display ?? ((p: string) => p);
  const modname = spec.name.replace(/-/g, "_");
  const messages: string[] = [];
  const release = (files.readText(`${ctx.kernelDir}/include/config/kernel.release`) ?? "").trim();
  const checked = check(spec.sources, files, { paths: { "linux/*": [`${ctx.kernelDir}/include/linux/*`] } });
  if (checked.errors.length) {
    return { ko: null, messages: checked.errors.map((e) => relabel(e, spec.sources, show)), exports: [] };
  }
  const checker = checked.program.getTypeChecker();
  const tags: [string, string][] = [];
  const exports: KoExport[] = [];
  const imports: string[] = [];
  const externs: string[] = [];
  const objects: ObjectParts[] = [];
  const keyOf = (p: string) => p.replace(/^.*\//, "").replace(/\.ts$/, "");
  // A kernel built with KASAN exports its checkers: modules built against it are instrumented.
  const kasan = ctx.symvers.get("__asan_load1")?.module === "vmlinux";
  const multi = spec.sources.length > 1;

  for (const path of spec.sources) {
    const sf = checked.program.getSourceFile(path)!;
    const file = show(path);
    const edits: Edit[] = [];
    const binds: string[] = [];
    const macros: string[] = [];
    const live = new Map<ts.Symbol, string>();
    const errorAt = (node: ts.Node, msg: string) => {
      const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      messages.push(`${file}:${line + 1}:${character + 1}: error: ${msg}`);
    };
    const literal = (n: ts.Expression | undefined): string | null =>
      n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : null;
    const identOrString = (n: ts.Expression | undefined): string | null => (n && ts.isIdentifier(n) ? n.text : literal(n));

    for (const st of sf.statements) {
      if (ts.isImportDeclaration(st)) {
        const from = (st.moduleSpecifier as ts.StringLiteral).text;
        if (from.startsWith(".")) {
          const target = spec.sources.find((s) => keyOf(s) === from.replace(/^\.\//, "").replace(/\.(js|ts)$/, ""));
          if (!multi || !target) errorAt(st.moduleSpecifier, `'${from}' is not an object of module ${spec.name}`);
          continue;
        }
        edits.push({ start: st.getFullStart(), end: st.getEnd(), text: "" });
        const named = st.importClause?.namedBindings;
        if (st.importClause?.name || (named && !ts.isNamedImports(named))) {
          errorAt(st, `import the kernel's functions by name: import { ... } from "${from}"`);
          continue;
        }
        if (st.importClause?.isTypeOnly) continue;
        for (const el of named && ts.isNamedImports(named) ? named.elements : []) {
          if (el.isTypeOnly) continue;
          const name = (el.propertyName ?? el.name).text, local = el.name.text;
          const bind = local === name ? name : `${name}: ${local}`;
          const sym = checker.getSymbolAtLocation(el.name);
          const target = sym && sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
          const declFile = target?.declarations?.[0]?.getSourceFile().fileName ?? "";
          if (declFile.endsWith(MACRO_FILE)) {
            if (name !== "THIS_MODULE") macros.push(bind);
          } else if (target && target.flags & ts.SymbolFlags.Value) {
            if (ctx.symvers.get(name)?.module !== "vmlinux") { errorAt(el, `'${name}' is not exported by the kernel`); continue; }
            imports.push(name);
            if (sym && isLiveVariable(target)) live.set(sym, name);
            else binds.push(bind);
          }
        }
        continue;
      }
      if (ts.isFunctionDeclaration(st) && st.name && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) {
        externs.push(st.name.text);
        binds.push(st.name.text);
        continue;
      }
      if (ts.isVariableStatement(st) && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) {
        for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) { externs.push(d.name.text); binds.push(d.name.text); }
        continue;
      }
      if (!ts.isExpressionStatement(st) || !ts.isCallExpression(st.expression) || !ts.isIdentifier(st.expression.expression)) continue;
      const call = st.expression, fn = (call.expression as ts.Identifier).text, args = call.arguments;
      const argsEdit = (text: string) => edits.push({ start: args.pos, end: args.end, text });
      if (fn in TAGS) {
        const v = literal(args[0]);
        if (v === null) errorAt(call, `${fn}() takes a string literal`);
        else tags.push([TAGS[fn], v]);
      } else if (fn === "MODULE_INFO") {
        const k = literal(args[0]), v = literal(args[1]);
        if (k === null || v === null) errorAt(call, "MODULE_INFO() takes two string literals");
        else tags.push([k, v]);
      } else if (fn === "MODULE_PARM_DESC") {
        const p = identOrString(args[0]), d = literal(args[1]);
        if (p === null || d === null) errorAt(call, "MODULE_PARM_DESC() takes a parameter and a string literal");
        else { tags.push(["parm", `${p}:${d}`]); argsEdit(`${JSON.stringify(p)}, ${JSON.stringify(d)}`); }
      } else if (fn === "module_param" || fn === "module_param_array") {
        const arr = fn === "module_param_array";
        const v = args[0] && ts.isIdentifier(args[0]) ? args[0].text : null, type = literal(args[1]);
        const perm = args[arr ? 3 : 2];
        if (v === null || type === null || !perm || args.length !== (arr ? 4 : 3)) {
          errorAt(call, `${fn}() takes a variable, a type literal${arr ? ", a count variable or null" : ""} and a permission`);
          continue;
        }
        if (!PARAM_TYPES.has(type)) { errorAt(args[1], `unknown parameter type '${type}'`); continue; }
        tags.push(["parmtype", `${v}:${arr ? `array of ${type}` : type}`]);
        const permText = perm.getText(sf);
        if (!arr) argsEdit(`${JSON.stringify(v)}, ${JSON.stringify(type)}, ${permText}, () => ${v}, (__v) => { ${v} = __v; }`);
        else {
          const n = args[2] && ts.isIdentifier(args[2]) ? args[2].text : null;
          argsEdit(`${JSON.stringify(v)}, ${JSON.stringify(type)}, ${permText}, () => ${v}${n ? `, (__n) => { ${n} = __n; }, () => ${n}` : ""}`);
        }
      } else if (fn === "module_param_cb") {
        const name = args[0] && ts.isIdentifier(args[0]) ? args[0].text : literal(args[0]);
        const arg = args[2];
        if (name === null || args.length !== 4 || !(ts.isIdentifier(arg) || arg.kind === ts.SyntaxKind.NullKeyword)) {
          errorAt(call, "module_param_cb() takes a name, the ops, a variable or null, and a permission");
          continue;
        }
        const accessor = ts.isIdentifier(arg) ? `{ get: () => ${arg.text}, set: (__v) => { ${arg.text} = __v; } }` : "null";
        argsEdit(`${JSON.stringify(name)}, ${args[1].getText(sf)}, ${accessor}, ${args[3].getText(sf)}`);
      } else if (fn === "EXPORT_SYMBOL" || fn === "EXPORT_SYMBOL_GPL") {
        const v = args[0] && ts.isIdentifier(args[0]) ? args[0].text : null;
        if (v === null) { errorAt(call, `${fn}() takes the exported name`); continue; }
        exports.push({ name: v, gpl: fn === "EXPORT_SYMBOL_GPL" });
        argsEdit(`${JSON.stringify(v)}, ${v}`);
      }
    }
    // A kernel variable that keeps changing (an exported `let`, as jiffies) is read through the
    // symbol table on every use, since the module's own binding would keep its value at load.
    if (live.size) {
      const visit = (node: ts.Node): void => {
        if (ts.isIdentifier(node) && !ts.isImportSpecifier(node.parent)) {
          const shorthand = ts.isShorthandPropertyAssignment(node.parent) && node.parent.name === node;
          const name = live.get((shorthand ? checker.getShorthandAssignmentValueSymbol(node.parent) : checker.getSymbolAtLocation(node))!);
          if (name !== undefined) {
            const text = shorthand ? `${node.text}: __ksym.${name}` : `__ksym.${name}`;
            edits.push({ start: node.getStart(sf), end: node.getEnd(), text });
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
    nameLocks(sf, edits, new Set(binds.map((b) => b.split(":").pop()!.trim())));
    if (kasan) for (const h of kasanInstrument(sf, checker, edits)) { imports.push(h); binds.push(h); }
    let edited = sf.text;
    // Edits keep the line count, so the source map's lines are the source's (faddr2line, oopses).
    // From the end back; at one place a replacement goes first, then insertions, the later in front.
    const lines = (x: string) => x.split("\n").length - 1;
    const inserts = (e: Edit) => (e.end === e.start ? 1 : 0);
    for (const e of edits.sort((a, b) => b.start - a.start || inserts(a) - inserts(b))) {
      const keep = "\n".repeat(Math.max(0, lines(edited.slice(e.start, e.end)) - lines(e.text)));
      edited = edited.slice(0, e.start) + e.text + keep + edited.slice(e.end);
    }
    objects.push({ path, key: keyOf(path), edited, binds, macros });
  }
  if (messages.length) return { ko: null, messages, exports: [] };

  // modpost
  const license = tags.find(([k]) => k === "license")?.[1];
  let failed = false;
  if (license === undefined) { messages.push(`ERROR: modpost: missing MODULE_LICENSE() in ${spec.name}.o`); failed = true; }
  const gplOk = license !== undefined && licenseIsGplCompatible(license);
  const depends = new Set<string>();
  const gplOnly = (name: string) => messages.push(`FATAL: modpost: GPL-incompatible module ${spec.name}.ko uses GPL-only symbol '${name}'`);
  for (const name of new Set(imports)) if (ctx.symvers.get(name)!.gpl && !gplOk) { gplOnly(name); failed = true; }
  for (const name of new Set(externs)) {
    const e = ctx.symvers.get(name);
    if (!e) { messages.push(`WARNING: modpost: "${name}" [${spec.name}.ko] undefined!`); continue; }
    if (e.gpl && !gplOk) { gplOnly(name); failed = true; }
    if (e.module !== "vmlinux") depends.add(e.module);
  }
  if (failed) return { ko: null, messages, exports: [] };

  const { code, map } = link(objects, multi);
  // Tags appear in .modinfo in the reverse of their source order, as the compiler emits them.
  const modinfo: [string, string][] = [...tags.reverse(), ["srcversion", srcversion(objects.map((o) => files.readText(o.path) ?? ""))],
    ["depends", [...depends].join(",")], ["name", modname], ["vermagic", vermagicOf(release)]];
  const ko = writeKo({
    modinfo,
    imports: [...new Set([...imports, ...externs])],
    exports,
    text: { format: "js", code },
    map,
  });
  return { ko, messages, exports: exports.map((e) => ({ name: e.name, module: modname, gpl: e.gpl })) };
}

/** Lock constructors whose lockdep name is, in C, the text of their argument or the variable. */
const LOCK_INITS: Record<string, "init" | "define"> = {
  spin_lock_init: "init", mutex_init: "init", rwlock_init: "init",
  DEFINE_SPINLOCK: "define", DEFINE_MUTEX: "define", DEFINE_RWLOCK: "define",
};

/**
 * Give unnamed locks the name C would: `const lock = spin_lock_init()` is lockdep's "&lock" (as
 * `spin_lock_init(&lock)`), `dev.lock = mutex_init()` is "&dev->lock", `const m = DEFINE_MUTEX()`
 * is "m" — so reports name the module's own variables.
 */
function nameLocks(sf: ts.SourceFile, edits: Edit[], imported: Set<string>): void {
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.arguments.length === 0
      && LOCK_INITS[node.expression.text] && imported.has(node.expression.text)) {
      const p = node.parent;
      const target = ts.isVariableDeclaration(p) && p.initializer === node && ts.isIdentifier(p.name) ? p.name.text
        : ts.isBinaryExpression(p) && p.right === node && p.operatorToken.kind === ts.SyntaxKind.EqualsToken
          && (ts.isIdentifier(p.left) || ts.isPropertyAccessExpression(p.left)) ? p.left.getText(sf).replace(/\./g, "->") : null;
      if (target) {
        const args = LOCK_INITS[node.expression.text] === "init" ? `undefined, ${JSON.stringify(target)}` : JSON.stringify(target);
        edits.push({ start: node.arguments.pos, end: node.arguments.end, text: args });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

/** A `let` the kernel exports: a variable it keeps changing. */
function isLiveVariable(sym: ts.Symbol): boolean {
  const d = sym.declarations?.[0];
  return !!d && ts.isVariableDeclaration(d) && (ts.getCombinedNodeFlags(d) & ts.NodeFlags.Let) !== 0;
}

/** The line that binds an object's imports from the loader's arguments. */
function head(o: ObjectParts): string {
  const h: string[] = [];
  if (o.binds.length) h.push(`const { ${o.binds.join(", ")} } = __ksym;`);
  if (o.macros.length) h.push(`const { ${[...new Set(o.macros)].join(", ")} } = __mod;`);
  return h.join(" ");
}

/** The module's code: one object as it is, or several as units that require each other. */
function link(objects: ObjectParts[], multi: boolean): { code: string; map: string } {
  if (!multi) {
    const o = objects[0];
    const { js, map } = transpile(o.edited, o.path);
    const body = js.replace(/^export \{\};\s*$/m, "").trimEnd();
    return { code: `"use strict"; ${head(o)}\n${body}\n`, map: offsetMap(map, 1) };
  }
  const lines = ['"use strict";', "const __objs = {"];
  const sections: { offset: { line: number; column: number }; map: unknown }[] = [];
  for (const o of objects) {
    lines.push(`${JSON.stringify(o.key)}: function (exports, require) { ${head(o)}`);
    const { js, map } = transpile(o.edited, o.path, true);
    sections.push({ offset: { line: lines.length, column: 0 }, map: JSON.parse(map) });
    lines.push(js, "},");
  }
  lines.push("};", "const __done = {};",
    "function __require(n) { n = n.replace(/^\\.\\//, \"\").replace(/\\.(js|ts)$/, \"\"); if (!(n in __done)) { __done[n] = {}; __objs[n](__done[n], __require); } return __done[n]; }",
    "for (const n in __objs) __require(n);");
  return { code: lines.join("\n") + "\n", map: JSON.stringify({ version: 3, sections }) };
}

/** A source map whose generated lines start `lines` further down. */
function offsetMap(map: string, lines: number): string {
  const m = JSON.parse(map) as { mappings: string };
  m.mappings = ";".repeat(lines) + m.mappings;
  return JSON.stringify(m);
}

/** Compiler messages name sources as the tool's user gave them. */
function relabel(msg: string, sources: string[], show: (p: string) => string): string {
  for (const s of sources) if (msg.startsWith(s + ":")) return show(s) + msg.slice(s.length);
  return msg;
}
