// The kernel build's compiler passes: type-check the changed sources of the tree (only those:
// unchanged files are the shipped kernel's, already checked, and are read only for the types
// the changed ones use), check each SYSCALL_DEFINEn against its prototype in
// include/linux/syscalls.d.ts (gcc's missing-prototypes and conflicting-types errors), and
// transpile a source to its object (JavaScript, "linux/X" imports made relative).
import ts from "typescript";
import type { ToolFiles } from "./files.js";
import { COMPILER_OPTIONS, compilerHost, formatDiagnostic, transpile } from "./compiler.js";
import { relativeSpecifier } from "./kernel_tree.js";

export const PROTOTYPES = "include/linux/syscalls.d.ts";
/** Declaration files of the tree that every check includes (the host environment's globals). */
export const TREE_TYPES = ["types/kernel_env.d.ts", "types/atomics.d.ts", "types/webassembly.d.ts"];


/** Type-check `changed` (tree-relative .ts paths) in the tree at src; formatted errors, paths relative. */
export function checkSources(files: ToolFiles, src: string, changed: string[]): string[] {
  const options: ts.CompilerOptions = {
    ...COMPILER_OPTIONS,
    noImplicitOverride: true,
    paths: { "linux/*": [`${src}/include/linux/*`] },
  };
  const { host, runtimeLib } = compilerHost(files, src);
  const abs = (p: string) => `${src}/${p}`;
  const roots = [...TREE_TYPES, PROTOTYPES].filter((p) => files.isFile(abs(p))).map(abs);
  const program = ts.createProgram([runtimeLib, ...roots, ...changed.map(abs)], options, host);
  const errors: string[] = [];
  const rel = (s: string) => s.split(`${src}/`).join("");
  for (const d of program.getGlobalDiagnostics()) errors.push(rel(formatDiagnostic(d)));
  for (const p of [...changed, PROTOTYPES]) {
    const sf = program.getSourceFile(abs(p));
    if (!sf) continue;
    const diags = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    for (const d of diags) errors.push(rel(formatDiagnostic(d)));
  }
  return [...new Set(errors)];
}

/** One SYSCALL_DEFINEn call: where it is, the name, its arguments' types and names. */
export interface SyscallDefinition { file: string; line: number; col: number; n: number; name: string; types: string[]; args: string[] }

/** The SYSCALL_DEFINEn calls of a source (found in its syntax tree, with literal arguments). */
export function findDefinitions(file: string, text: string): SyscallDefinition[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: SyscallDefinition[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const m = /^SYSCALL_DEFINE([0-6])$/.exec(node.expression.text);
      if (m) {
        const lits = node.arguments.slice(0, -1).map((a) => (ts.isStringLiteralLike(a) ? a.text : null));
        const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
        if (lits.every((l) => l !== null) && lits.length >= 1) {
          const rest = lits.slice(1) as string[];
          out.push({
            file, line: line + 1, col: character + 1, n: Number(m[1]), name: lits[0]!,
            types: rest.filter((_, i) => i % 2 === 0), args: rest.filter((_, i) => i % 2 === 1),
          });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** A prototype from syscalls.d.ts: `name: [arg: "C type", ...];` in interface SyscallPrototypes. */
export interface Prototype { name: string; types: string[]; line: number; col: number }

export function readPrototypes(text: string): Map<string, Prototype> {
  const sf = ts.createSourceFile(PROTOTYPES, text, ts.ScriptTarget.ES2022, true);
  const out = new Map<string, Prototype>();
  const visit = (node: ts.Node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === "SyscallPrototypes") {
      for (const m of node.members) {
        if (!ts.isPropertySignature(m) || !m.type || !ts.isTupleTypeNode(m.type)) continue;
        const name = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : null;
        if (!name) continue;
        const types = m.type.elements.map((e) => {
          const t = ts.isNamedTupleMember(e) ? e.type : e;
          return ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? t.literal.text : t.getText(sf);
        });
        const { line, character } = sf.getLineAndCharacterOfPosition(m.getStart(sf));
        out.set(name, { name, types, line: line + 1, col: character + 1 });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const norm = (t: string) => t.trim().replace(/\s+/g, " ").replace(/\s*\*\s*/g, " *").trim();
const cSignature = (types: string[]) => `long(${types.length ? types.map(norm).join(", ") : "void"})`;

/** gcc's errors for definitions without a prototype, or whose types differ from it. */
export function checkPrototypes(defs: SyscallDefinition[], protos: Map<string, Prototype>): string[] {
  const errors: string[] = [];
  const seen = new Map<string, SyscallDefinition>();
  for (const d of defs) {
    const where = `${d.file}:${d.line}:${d.col}`;
    const prior = seen.get(d.name);
    if (prior) {
      errors.push(`${where}: error: redefinition of 'sys_${d.name}'`);
      errors.push(`${prior.file}:${prior.line}:${prior.col}: note: previous definition of 'sys_${d.name}' with type '${cSignature(prior.types)}'`);
      continue;
    }
    seen.set(d.name, d);
    const p = protos.get(d.name);
    if (!p) {
      errors.push(`${where}: error: no previous prototype for 'sys_${d.name}' [-Werror=missing-prototypes]`);
      continue;
    }
    if (p.types.length !== d.types.length || p.types.some((t, i) => norm(t) !== norm(d.types[i]))) {
      errors.push(`${where}: error: conflicting types for 'sys_${d.name}'; have '${cSignature(d.types)}'`);
      errors.push(`${PROTOTYPES}:${p.line}:${p.col}: note: previous declaration of 'sys_${d.name}' with type '${cSignature(p.types)}'`);
    }
  }
  return errors;
}

/** A source's object: its JavaScript, with "linux/X" imports pointing at include/linux/X.js. */
export function compileObject(path: string, text: string): string {
  const module = path.replace(/\.ts$/, ".js");
  const { js } = transpile(text, path);
  return js.replace(/(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(linux\/[A-Za-z0-9_\/]+?)(?:\.js)?\2/g,
    (_, pre: string, q: string, spec: string) => `${pre}${q}${relativeSpecifier(module, `include/${spec}.js`)}${q}`);
}
