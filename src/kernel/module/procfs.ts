// /proc/modules and /proc/kallsyms (Linux's kernel/module/procfs.c and kallsyms.c).
// Addresses are shown to CAP_SYSLOG readers only (kptr_restrict 0 gives others zeros); they
// are deterministic fakes: core symbols from 0xffffffff81000000, modules from
// 0xffffffffc0000000, in load order.
import type { Task } from "../task.js";
import { procCreate } from "../../fs/proc/root.js";
import { capable } from "../cred.js";
import { modules, moduleTaintLetters, type Module } from "./internal.js";
import { allSymbols } from "./ksyms.js";

const hex16 = (n: bigint) => n.toString(16).padStart(16, "0");
const ZERO = "0000000000000000";

/** The holders column: "a,b," or "-"; "[permanent]," for a module that cannot be unloaded. */
function usedBy(m: Module): string {
  let s = [...m.holders].map((h) => h.name + ",").join("");
  if (m.init && !m.exit) s += "[permanent],";
  return s || "-";
}

/*
 * /proc/modules, the newest module first:
 *   "%s %u %i %s %s 0x%px" name, size, refcount, holders ("a,b," or "-"), state, base
 *   then " (%s)" the module's taint letters when it has any
 */
export function procModulesShow(reader: Task): string {
  let out = "";
  for (const m of [...modules].reverse()) {
    const addr = capable(reader.cred) ? hex16(0xffffffffc0000000n + BigInt(m.base)) : ZERO;
    const taint = moduleTaintLetters(m);
    out += `${m.name} ${m.coresize} ${m.refcnt} ${usedBy(m)} ${m.state} 0x${addr}${taint ? ` (${taint})` : ""}\n`;
  }
  return out;
}

/*
 * /proc/kallsyms: "%px %c %s\n" for the core, "%px %c %s\t[%s]\n" for a module's symbols;
 * T for functions, D for data.
 */
export function procKallsymsShow(reader: Task): string {
  const priv = capable(reader.cred);
  let out = "";
  const kind = (v: unknown) => (typeof v === "function" ? "T" : "D");
  allSymbols().filter((s) => s.owner === null).forEach((s, i) => {
    out += `${priv ? hex16(0xffffffff81000000n + BigInt(i * 0x40)) : ZERO} ${kind(s.value)} ${s.name}\n`;
  });
  for (const m of modules) {
    let i = 0;
    for (const [name, v] of m.exportValues) {
      out += `${priv ? hex16(0xffffffffc0000000n + BigInt(m.base + i++ * 0x40)) : ZERO} ${kind(v)} ${name}\t[${m.name}]\n`;
    }
  }
  return out;
}

procCreate("modules", 0o444, { show: procModulesShow });
procCreate("kallsyms", 0o444, { show: procKallsymsShow });
