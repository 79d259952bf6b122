// kbuild for one module, on the host: TypeScript source -> .ko. It reads the module's
// declarations (they take literals, so nothing runs), checks its imports against the kernel's
// headers, rewrites module_param/EXPORT_SYMBOL so the loader can bind them (README.md in
// src/kernel/module), transpiles with the `typescript` package and runs modpost's checks.
// Host-side only: the kernel never imports this file.
import ts from "typescript";
import { createHash } from "node:crypto";
import { writeKo, VERMAGIC, type KoExport } from "../kernel/module/format.js";
import { MODULE_MACROS, MACRO_NAMES } from "../kernel/module/macros.js";
import { licenseIsGplCompatibleName } from "./license.js";
import { loadKernelHeaders, coreSymbols } from "./headers.js";

/** A line of Module.symvers: a symbol another module exports. */
export interface SymversEntry { name: string; module: string; gpl: boolean }

export interface BuildInput {
  /** The module's file name without ".ko" ("hello-1"); its name is this with "_" for "-". */
  name: string;
  source: string;
  /** The source's file name in messages (default NAME.ts). */
  fileName?: string;
  /** Exports of other modules this one may use (Module.symvers of earlier builds). */
  symvers?: SymversEntry[];
}

export interface BuildResult {
  /** The .ko, or null when the build failed. */
  ko: Uint8Array | null;
  /** What the build prints (compiler errors, modpost warnings and errors), one line each. */
  messages: string[];
  /** This module's exports, for the next module's symvers. */
  exports: SymversEntry[];
}

const PARAM_TYPES = new Set(["bool", "invbool", "charp", "byte", "short", "ushort", "int", "uint", "long", "ulong", "hexint"]);
const TAGS: Record<string, string> = {
  MODULE_LICENSE: "license", MODULE_AUTHOR: "author", MODULE_DESCRIPTION: "description", MODULE_VERSION: "version",
  MODULE_ALIAS: "alias", MODULE_SOFTDEP: "softdep",
};

interface Edit { start: number; end: number; text: string }

/** Build a module. */
export async function buildModule(input: BuildInput): Promise<BuildResult> {
  await loadKernelHeaders();
  const file = input.fileName ?? `${input.name}.ts`;
  const modname = input.name.replace(/-/g, "_");
  const sf = ts.createSourceFile(file, input.source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const messages: string[] = [];
  const edits: Edit[] = [];
  const tags: [string, string][] = [];
  const exports: KoExport[] = [];
  const binds: string[] = []; // "name" or "name: local" from __ksym
  const macros = new Set<string>();
  const imports: { name: string; node: ts.Node }[] = [];
  const externs: string[] = [];
  const core = new Map(coreSymbols().map((s) => [s.name, s]));
  const headers = new Set([...core.values()].map((s) => s.header).filter(Boolean) as string[]);
  const errorAt = (node: ts.Node, msg: string) => {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    messages.push(`${file}:${line + 1}:${character + 1}: error ${msg}`);
  };
  const literal = (n: ts.Expression | undefined): string | null =>
    n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : null;
  const identOrString = (n: ts.Expression | undefined): string | null => (n && ts.isIdentifier(n) ? n.text : literal(n));

  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const spec = (st.moduleSpecifier as ts.StringLiteral).text;
      edits.push({ start: st.getFullStart(), end: st.getEnd(), text: "" });
      const macroHeader = MODULE_MACROS[spec];
      if (!macroHeader && !headers.has(spec)) {
        errorAt(st.moduleSpecifier, `TS2307: Cannot find module '${spec}' or its corresponding type declarations.`);
        continue;
      }
      const named = st.importClause?.namedBindings;
      if (st.importClause?.name || (named && !ts.isNamedImports(named))) {
        errorAt(st, `TS1192: Module '"${spec}"' has no default export.`);
        continue;
      }
      for (const el of named && ts.isNamedImports(named) ? named.elements : []) {
        const name = (el.propertyName ?? el.name).text, local = el.name.text;
        if (macroHeader?.includes(name)) {
          if (name !== "THIS_MODULE") macros.add(local === name ? name : `${name}: ${local}`);
          continue;
        }
        const s = core.get(name);
        if (!s || (s.header !== spec && !MACRO_NAMES.has(name))) {
          errorAt(el, `TS2305: Module '"${spec}"' has no exported member '${name}'.`);
          continue;
        }
        imports.push({ name, node: el });
        binds.push(local === name ? name : `${name}: ${local}`);
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
      if (v === null) errorAt(call, `: ${fn}() takes a string literal`);
      else tags.push([TAGS[fn], v]);
    } else if (fn === "MODULE_INFO") {
      const k = literal(args[0]), v = literal(args[1]);
      if (k === null || v === null) errorAt(call, ": MODULE_INFO() takes two string literals");
      else tags.push([k, v]);
    } else if (fn === "MODULE_PARM_DESC") {
      const p = identOrString(args[0]), d = literal(args[1]);
      if (p === null || d === null) errorAt(call, ": MODULE_PARM_DESC() takes a parameter and a string literal");
      else { tags.push(["parm", `${p}:${d}`]); argsEdit(`${JSON.stringify(p)}, ${JSON.stringify(d)}`); }
    } else if (fn === "module_param" || fn === "module_param_array") {
      const arr = fn === "module_param_array";
      const v = args[0] && ts.isIdentifier(args[0]) ? args[0].text : null, type = literal(args[1]);
      const perm = args[arr ? 3 : 2];
      if (v === null || type === null || !perm || args.length !== (arr ? 4 : 3)) {
        errorAt(call, `: ${fn}() takes a variable, a type literal${arr ? ", a count variable or null" : ""} and a permission`);
        continue;
      }
      if (!PARAM_TYPES.has(type)) { errorAt(args[1], `: unknown parameter type '${type}'`); continue; }
      tags.push(["parmtype", `${v}:${arr ? `array of ${type}` : type}`]);
      const permText = perm.getText(sf);
      if (!arr) argsEdit(`${JSON.stringify(v)}, ${JSON.stringify(type)}, ${permText}, () => ${v}, (__v) => { ${v} = __v; }`);
      else {
        const n = args[2] && ts.isIdentifier(args[2]) ? args[2].text : null;
        argsEdit(`${JSON.stringify(v)}, ${JSON.stringify(type)}, ${permText}, () => ${v}${n ? `, (__n) => { ${n} = __n; }` : ""}`);
      }
    } else if (fn === "EXPORT_SYMBOL" || fn === "EXPORT_SYMBOL_GPL") {
      const v = args[0] && ts.isIdentifier(args[0]) ? args[0].text : null;
      if (v === null) { errorAt(call, `: ${fn}() takes the exported name`); continue; }
      exports.push({ name: v, gpl: fn === "EXPORT_SYMBOL_GPL" });
      argsEdit(`${JSON.stringify(v)}, ${v}`);
    }
  }
  if (messages.length) return { ko: null, messages, exports: [] };

  // modpost
  const license = tags.find(([k]) => k === "license")?.[1];
  let failed = false;
  if (license === undefined) { messages.push(`ERROR: modpost: missing MODULE_LICENSE() in ${input.name}.o`); failed = true; }
  const gplOk = license !== undefined && licenseIsGplCompatibleName(license);
  const depends = new Set<string>();
  for (const { name } of imports) {
    if (core.get(name)!.gpl && !gplOk) { messages.push(`FATAL: modpost: GPL-incompatible module ${input.name}.ko uses GPL-only symbol '${name}'`); failed = true; }
  }
  for (const name of externs) {
    const c = core.get(name);
    const e = input.symvers?.find((s) => s.name === name);
    if (!c && !e) { messages.push(`WARNING: modpost: "${name}" [${input.name}.ko] undefined!`); continue; }
    if ((c?.gpl ?? e!.gpl) && !gplOk) { messages.push(`FATAL: modpost: GPL-incompatible module ${input.name}.ko uses GPL-only symbol '${name}'`); failed = true; }
    if (!c && e) depends.add(e.module);
  }
  if (failed) return { ko: null, messages, exports: [] };

  let text = input.source;
  for (const e of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  const out = ts.transpileModule(text, {
    fileName: file,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: true, isolatedModules: true },
  });
  const js = out.outputText.replace(/^export \{\};\s*$/m, "").replace(/^\/\/# sourceMappingURL=.*$/m, "").trimEnd();
  const head = ['"use strict";'];
  if (binds.length) head.push(`const { ${binds.join(", ")} } = __ksym;`);
  if (macros.size) head.push(`const { ${[...macros].join(", ")} } = __mod;`);
  const srcversion = createHash("sha256").update(input.source).digest("hex").slice(0, 23).toUpperCase();
  // Tags appear in .modinfo in the reverse of their source order, as the compiler emits them.
  const modinfo: [string, string][] = [...tags.reverse(), ["srcversion", srcversion], ["depends", [...depends].join(",")],
    ["name", modname], ["vermagic", VERMAGIC]];
  const ko = writeKo({
    modinfo,
    imports: [...new Set([...imports.map((i) => i.name), ...externs])],
    exports,
    text: { format: "js", code: head.join(" ") + "\n" + js + "\n" },
    map: out.sourceMapText,
  });
  return { ko, messages, exports: exports.map((e) => ({ name: e.name, module: modname, gpl: e.gpl })) };
}
