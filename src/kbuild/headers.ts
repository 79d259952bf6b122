// The kernel API a module may import, as kbuild sees it on the host: every header under
// src/include/linux/ registers its names in the symbol table (ksyms.ts) when imported, so
// kbuild imports them all once and reads the table. Host-side only.
import { readdirSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { allSymbols, type KernelSymbol } from "../kernel/module/ksyms.js";
import "../kernel/module/refcount.js";

let loaded: Promise<void> | null = null;

/** Import every compiled linux/* header (once). */
export function loadKernelHeaders(): Promise<void> {
  loaded ??= (async () => {
    const dir = new URL("../include/linux/", import.meta.url);
    if (!existsSync(fileURLToPath(dir))) return;
    for (const f of readdirSync(fileURLToPath(dir)).sort()) {
      if (f.endsWith(".js") && !f.endsWith(".test.js")) await import(new URL(f, dir).href);
    }
  })();
  return loaded;
}

/** The core's exports (what Module.symvers of the kernel lists). */
export function coreSymbols(): KernelSymbol[] {
  return allSymbols().filter((s) => s.owner === null);
}
