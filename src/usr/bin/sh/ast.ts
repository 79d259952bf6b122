// The shell's syntax tree. Words are kept as their raw source text (quotes and all) and are
// expanded when the command runs (expand.ts); every node keeps its source text so that a
// child shell can be handed it (see exec.ts on why there is no fork).
export interface Redir {
  fd: number;
  op: "<" | ">" | ">>" | ">|" | "<>" | "<&" | ">&" | "<<" | "<<-";
  target: string;
  /** Here-document body (raw) and whether its delimiter was quoted (then no expansion). */
  doc?: { body: string; quoted: boolean };
}

interface Base { line: number; src: string }

export type Node =
  | (Base & { t: "simple"; assigns: string[]; words: string[]; redirs: Redir[] })
  | (Base & { t: "pipeline"; bang: boolean; cmds: Node[] })
  | (Base & { t: "andor"; op: "&&" | "||"; left: Node; right: Node })
  | (Base & { t: "list"; items: { node: Node; bg: boolean }[] })
  | (Base & { t: "subshell"; body: Node; redirs: Redir[] })
  | (Base & { t: "group"; body: Node; redirs: Redir[] })
  | (Base & { t: "if"; clauses: { cond: Node; body: Node }[]; orelse: Node | null; redirs: Redir[] })
  | (Base & { t: "loop"; until: boolean; cond: Node; body: Node; redirs: Redir[] })
  | (Base & { t: "for"; name: string; words: string[] | null; body: Node; redirs: Redir[] })
  | (Base & { t: "case"; word: string; items: { pats: string[]; body: Node | null }[]; redirs: Redir[] })
  | (Base & { t: "func"; name: string; body: Node });

export type NodeOf<T extends Node["t"]> = Extract<Node, { t: T }>;
