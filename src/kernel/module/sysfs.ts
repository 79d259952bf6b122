// /sys/module/NAME for a loaded module (Linux's kernel/module/sysfs.c): initstate, refcnt,
// coresize, initsize, taint, version, srcversion, holders/ (a link per module using this
// one), parameters/ (one file per module_param with a non-zero perm, mode = perm).
import { sysfsCreateDir, sysfsCreateFile, sysfsCreateLink, sysfsRemove, sysfsRemoveFile } from "../../fs/sysfs/sysfs.js";
import { Module, moduleTaintLetters } from "./internal.js";
import { showParam, storeParam } from "./params.js";

const INITSTATE: Record<Module["state"], string> = { Live: "live", Loading: "coming", Unloading: "going" };

/** mod_sysfs_setup: the module's directory and its attributes. */
export function moduleSysfsSetup(m: Module): void {
  const kobj = sysfsCreateDir("module", m.name);
  m.kobj = kobj;
  const ro = (name: string, show: () => string) => sysfsCreateFile(kobj, { name, mode: 0o444, show });
  // Format of each: "%s\n" / "%u\n"
  ro("initstate", () => INITSTATE[m.state] + "\n");
  ro("refcnt", () => `${m.refcnt}\n`);
  ro("coresize", () => `${m.coresize}\n`);
  ro("initsize", () => `${m.initsize}\n`);
  ro("taint", () => moduleTaintLetters(m) + "\n");
  const version = m.info("version"), srcversion = m.info("srcversion");
  if (version !== undefined) ro("version", () => version + "\n");
  if (srcversion !== undefined) ro("srcversion", () => srcversion + "\n");
  sysfsCreateDir(kobj, "holders");
  const visible = m.params.filter((p) => p.perm !== 0);
  if (visible.length) {
    const dir = sysfsCreateDir(kobj, "parameters");
    for (const p of visible) {
      sysfsCreateFile(dir, {
        name: p.name,
        mode: p.perm,
        show: () => showParam(p),
        store: p.perm & 0o222 ? (text: string) => storeParam(p, text) || undefined : undefined,
      });
    }
  }
}

/** A holder appears in b's holders/ when a starts using b. */
export function moduleSysfsAddHolder(b: Module, a: Module): void {
  const holders = b.kobj?.children.get("holders");
  if (holders && a.kobj && !holders.children.has(a.name)) sysfsCreateLink(holders, a.kobj, a.name);
}

/** mod_sysfs_teardown: remove the directory and a's links in the holders/ of what it used. */
export function moduleSysfsTeardown(m: Module): void {
  for (const b of m.uses) {
    const holders = b.kobj?.children.get("holders");
    if (holders?.children.has(m.name)) sysfsRemoveFile(holders, m.name);
  }
  if (m.kobj) sysfsRemove(m.kobj);
  m.kobj = null;
}
