// The module structure and the list of modules, shared by the loader (main.ts) and its
// views: parameters (params.ts), /sys/module (sysfs.ts), /proc/modules (procfs.ts) and
// reference counts (refcount.ts). Linux's kernel/module/internal.h.
import type { ModuleImage } from "./format.js";
import type { KernelParam } from "./params.js";
import type { Kobject } from "../../fs/sysfs/sysfs.js";

export type ModuleState = "Live" | "Loading" | "Unloading";

/** The value of a module's init or exit: 0 or -errno, possibly after sleeping. */
export type InitFn = () => number | void | Promise<number | void>;
export type ExitFn = () => void | Promise<void>;

export class Module {
  state: ModuleState = "Loading";
  /** try_module_get / module_put, plus one per module that uses this one's symbols. */
  refcnt = 0;
  /** Modules that use this one's symbols (they hold a reference): its holders/. */
  readonly holders = new Set<Module>();
  /** Modules whose symbols this one uses. */
  readonly uses = new Set<Module>();
  init: InitFn | null = null;
  exit: ExitFn | null = null;
  readonly params: KernelParam[] = [];
  /** Exported values by name, filled by EXPORT_SYMBOL as the module's code runs. */
  readonly exportValues = new Map<string, unknown>();
  /** The module's own taint letters' flags (O, P). */
  taints = 0;
  kobj: Kobject | null = null;
  /** What freeing the module releases besides its registrations (a C module's kernel memory). */
  readonly onFree: (() => void)[] = [];
  /** Deterministic fake base address (for /proc/modules and kallsyms of privileged readers). */
  base = 0;
  constructor(readonly name: string, readonly image: ModuleImage, readonly coresize: number, public initsize: number) {}

  info(key: string): string | undefined {
    return this.image.modinfo.find(([k]) => k === key)?.[1];
  }
  get license(): string { return this.info("license") ?? "unspecified"; }
}

/** Every module, in load order (the newest last; /proc/modules prints the newest first). */
export const modules: Module[] = [];
/** Told when the module list or the taint changes, before a module's init runs (the host's watchdog report reads both). */
export const moduleListHooks: { changed: () => void } = { changed: () => {} };

export function findModule(name: string): Module | undefined {
  return modules.find((m) => m.name === name);
}

/** Module names use "_" where a file name has "-". */
export function moduleName(s: string): string {
  return s.replace(/-/g, "_");
}

/** The /proc/modules and /sys/module/X/taint letters of a module ("OE", "P"). */
export function moduleTaintLetters(m: Module): string {
  let s = "";
  if (m.taints & 1) s += "P";
  if (m.taints & 4096) s += "O";
  return s;
}
