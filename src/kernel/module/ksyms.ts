// The kernel's symbol table for modules: what the core exports (the driver API under
// src/include/linux/, by Linux's names) and what each live module exports with EXPORT_SYMBOL
// or EXPORT_SYMBOL_GPL. Loading a module resolves every symbol it imports here; a GPL-only
// symbol is refused to a module whose licence is not GPL-compatible.
export interface KernelSymbol {
  name: string;
  value: unknown;
  /** EXPORT_SYMBOL_GPL */
  gpl: boolean;
  /** The exporting module's name, or null for the core kernel. */
  owner: string | null;
  /** For core symbols: the header that declares it ("linux/printk"), for kbuild's checks. */
  header?: string;
  /** A variable the kernel keeps changing (jiffies): read afresh on every access. */
  get?: () => unknown;
}

const table = new Map<string, KernelSymbol>();

/** Export a symbol; returns the existing entry instead when the name is taken. */
export function exportSymbol(sym: KernelSymbol): KernelSymbol | null {
  const old = table.get(sym.name);
  if (old) return old;
  table.set(sym.name, sym);
  return null;
}

export function findSymbol(name: string): KernelSymbol | undefined {
  return table.get(name);
}

/** Every symbol, core first (for /proc/kallsyms and Module.symvers). */
export function allSymbols(): KernelSymbol[] {
  return [...table.values()];
}

/** Remove what a module exported (on unload). */
export function unexportModule(owner: string): void {
  for (const [name, s] of table) if (s.owner === owner) table.delete(name);
}

/**
 * Export every function and constant of a core header module under its own names; a getter
 * of api is a variable modules read live (kbuild turns their reads into property reads).
 */
export function exportHeader(header: string, api: Record<string, unknown>, gplOnly: readonly string[] = []): void {
  for (const [name, d] of Object.entries(Object.getOwnPropertyDescriptors(api))) {
    exportSymbol({ name, value: d.get ? undefined : d.value, get: d.get, gpl: gplOnly.includes(name), owner: null, header });
  }
}
