// What a module's code calls as its top level runs: module_init, module_exit, module_param,
// module_param_array, module_param_cb, EXPORT_SYMBOL ... bound to the module being loaded (the
// "__mod" argument of its code). The tags (MODULE_LICENSE ...) were read by kbuild into
// .modinfo; here they do nothing.
import { Errno } from "../errors.js";
import { ENOEXEC } from "../../include/uapi/errno.js";
import type { Module, InitFn, ExitFn } from "./internal.js";
import { PARAM_TYPES, PARAM_OPS, param_array_ops, type ParamType, type ParamArg, type kernel_param_ops } from "./params.js";

function paramType(type: string): ParamType {
  if (!(PARAM_TYPES as readonly string[]).includes(type)) throw new Errno(ENOEXEC);
  return type as ParamType;
}

const isAccessor = (a: unknown): a is ParamArg =>
  typeof a === "object" && a !== null && typeof (a as ParamArg).get === "function" && typeof (a as ParamArg).set === "function";

export function moduleApi(m: Module): Record<string, unknown> {
  const tag = () => {};
  const exp = (name: string, value: unknown) => {
    if (typeof name !== "string") throw new Errno(ENOEXEC);
    m.exportValues.set(name, value);
  };
  const perm = (p: unknown) => {
    if (typeof p !== "number" || !Number.isInteger(p) || p < 0 || p > 0o777) throw new Errno(ENOEXEC);
    return p;
  };
  return {
    module_init: (fn: InitFn) => { m.init = fn; },
    module_exit: (fn: ExitFn) => { m.exit = fn; },
    /** module_param(var, type, perm), as kbuild rewrites it: the name and the variable's accessors. */
    module_param: (name: string, type: string, p: number, get: () => unknown, set: (v: unknown) => void) => {
      m.params.push({ name, mod: m.name, perm: perm(p), ops: PARAM_OPS[paramType(type)], arg: { get, set } });
    },
    /**
     * module_param_array(arr, type, nump, perm), as kbuild rewrites it: the array's accessor (its
     * length is the maximum), then the count variable's setter and getter when there is one.
     */
    module_param_array: (name: string, type: string, p: number, get: () => unknown[], setNum?: (n: number) => void, getNum?: () => number) => {
      if (!Array.isArray(get())) throw new Errno(ENOEXEC);
      m.params.push({
        name, mod: m.name, perm: perm(p), ops: param_array_ops, arg: { get, set: () => {} },
        arr: { max: get().length, elem: PARAM_OPS[paramType(type)], setNum, getNum },
      });
    },
    /**
     * module_param_cb(name, ops, arg, perm): a parameter with the module's own set/get. arg is
     * the variable's accessor ({ get, set }, what the build makes of a variable) or null.
     */
    module_param_cb: (name: unknown, ops: kernel_param_ops, arg: unknown, p: number) => {
      if (typeof name !== "string" || typeof ops !== "object" || ops === null) throw new Errno(ENOEXEC);
      m.params.push({ name, mod: m.name, perm: perm(p), ops, arg: isAccessor(arg) ? arg : null });
    },
    MODULE_LICENSE: tag, MODULE_AUTHOR: tag, MODULE_DESCRIPTION: tag, MODULE_VERSION: tag, MODULE_ALIAS: tag,
    MODULE_INFO: tag, MODULE_SOFTDEP: tag, MODULE_PARM_DESC: tag,
    EXPORT_SYMBOL: exp,
    EXPORT_SYMBOL_GPL: exp,
  };
}
