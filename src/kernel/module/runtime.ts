// What a module's code calls as its top level runs: module_init, module_exit, module_param,
// EXPORT_SYMBOL ... bound to the module being loaded (the "__mod" argument of its code).
// The tags (MODULE_LICENSE ...) were read by kbuild into .modinfo; here they do nothing.
import { Errno } from "../errors.js";
import { ENOEXEC } from "../../include/uapi/errno.js";
import type { Module, InitFn, ExitFn } from "./internal.js";
import { PARAM_TYPES, type ParamType } from "./params.js";

function paramType(type: string): ParamType {
  if (!(PARAM_TYPES as readonly string[]).includes(type)) throw new Errno(ENOEXEC);
  return type as ParamType;
}

export function moduleApi(m: Module): Record<string, unknown> {
  const tag = () => {};
  const exp = (name: string, value: unknown) => {
    if (typeof name !== "string") throw new Errno(ENOEXEC);
    m.exportValues.set(name, value);
  };
  return {
    module_init: (fn: InitFn) => { m.init = fn; },
    module_exit: (fn: ExitFn) => { m.exit = fn; },
    /** module_param(var, type, perm), as kbuild rewrites it: the name and the variable's accessors. */
    module_param: (name: string, type: string, perm: number, get: () => unknown, set: (v: unknown) => void) => {
      m.params.push({ name, type: paramType(type), perm, get, set });
    },
    /** module_param_array(arr, type, nump, perm): the array's length is its maximum. */
    module_param_array: (name: string, type: string, perm: number, get: () => unknown[], setCount?: (n: number) => void) => {
      m.params.push({ name, type: paramType(type), perm, get, set: () => {}, array: { max: get().length, setCount } });
    },
    MODULE_LICENSE: tag, MODULE_AUTHOR: tag, MODULE_DESCRIPTION: tag, MODULE_VERSION: tag, MODULE_ALIAS: tag,
    MODULE_INFO: tag, MODULE_SOFTDEP: tag, MODULE_PARM_DESC: tag,
    EXPORT_SYMBOL: exp,
    EXPORT_SYMBOL_GPL: exp,
  };
}
