// Module reference counts (Linux's try_module_get/module_put/module_refcount): an open file
// pins the module that owns its operations (fopsOwnerHooks), a module using another's symbols
// holds it (ref_module), and delete_module refuses a module still referenced.
import { Module, findModule } from "./internal.js";
import { fopsOwnerHooks } from "../../fs/file_table.js";
import { exportHeader } from "./ksyms.js";
// linux/moduleparam's symbols register with it (kbuild reads the table through this file).
import "./params.js";

type Owner = { name: string } | null | undefined;

function resolve(owner: Owner): Module | null {
  if (!owner) return null;
  return owner instanceof Module ? owner : findModule(owner.name) ?? null;
}

/** try_module_get: take a reference unless the module is going away (then false). */
export function try_module_get(owner: Owner): boolean {
  const m = resolve(owner);
  if (!m) return true;
  if (m.state === "Unloading") return false;
  m.refcnt++;
  return true;
}

/** __module_get: take a reference unconditionally. */
export function __module_get(owner: Owner): void {
  const m = resolve(owner);
  if (m) m.refcnt++;
}

/** module_put: drop a reference taken by try_module_get. */
export function module_put(owner: Owner): void {
  const m = resolve(owner);
  if (m && m.refcnt > 0) m.refcnt--;
}

/** module_refcount */
export function module_refcount(owner: Owner): number {
  return resolve(owner)?.refcnt ?? 0;
}

/** ref_module: a uses b's symbols; b gains a holder and a reference. */
export function refModule(a: Module, b: Module): void {
  if (a.uses.has(b)) return;
  a.uses.add(b);
  b.holders.add(a);
  b.refcnt++;
}

/** Drop every use a made (on unload or a failed load). */
export function unrefModules(a: Module): void {
  for (const b of a.uses) {
    b.holders.delete(a);
    if (b.refcnt > 0) b.refcnt--;
  }
  a.uses.clear();
}

fopsOwnerHooks.get = try_module_get;
fopsOwnerHooks.put = module_put;

exportHeader("linux/module", { try_module_get, __module_get, module_put, module_refcount });
