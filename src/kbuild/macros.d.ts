// The declaration macros of linux/module.h, init.h, moduleparam.h and export.h, as a module's
// source sees them (types only: kbuild reads their literal arguments and the loader binds them).
// Copied into the headers tree as include/typix/module_macros.d.ts.
import type { Module } from "../../src/kernel/module/internal.js";
import type { kernel_param_ops } from "../../src/kernel/module/params.js";

/** A parameter's type name, as module_param's second argument. */
export type param_type = "bool" | "invbool" | "charp" | "byte" | "short" | "ushort" | "int" | "uint" | "long" | "ulong" | "hexint";

/** The module being built (for file_operations.owner and try_module_get). */
export declare const THIS_MODULE: Module;
export declare function MODULE_LICENSE(license: string): void;
export declare function MODULE_AUTHOR(author: string): void;
export declare function MODULE_DESCRIPTION(description: string): void;
export declare function MODULE_VERSION(version: string): void;
export declare function MODULE_ALIAS(alias: string): void;
export declare function MODULE_SOFTDEP(softdep: string): void;
export declare function MODULE_INFO(tag: string, info: string): void;
export declare function MODULE_PARM_DESC(param: unknown, description: string): void;
/** The function run at load: 0 or -errno (possibly after sleeping). */
export declare function module_init(init: () => number | void | Promise<number | void>): void;
export declare function module_exit(exit: () => void | Promise<void>): void;
/** A parameter: a variable of the module, its type name and its sysfs mode. */
export declare function module_param(variable: unknown, type: param_type, perm: number): void;
/** An array parameter: its length is the maximum; count (a variable, or null) receives how many were given. */
export declare function module_param_array(array: unknown[], type: param_type, count: number | null, perm: number): void;
/** A parameter with its own set/get (struct kernel_param_ops): its name, ops, the variable they work on (or null) and its sysfs mode. */
export declare function module_param_cb(name: unknown, ops: kernel_param_ops, arg: unknown, perm: number): void;
export declare function EXPORT_SYMBOL(symbol: unknown): void;
export declare function EXPORT_SYMBOL_GPL(symbol: unknown): void;
