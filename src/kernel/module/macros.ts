// The declarations a module's source makes (Linux's macros of linux/module.h, init.h,
// moduleparam.h and export.h): not symbols of the kernel's table, but bound per module by the
// loader (runtime.ts). kbuild reads their literal arguments into .modinfo and .exports.
export const MODULE_MACROS: Record<string, readonly string[]> = {
  "linux/module": ["THIS_MODULE", "MODULE_LICENSE", "MODULE_AUTHOR", "MODULE_DESCRIPTION", "MODULE_VERSION",
    "MODULE_ALIAS", "MODULE_INFO", "MODULE_SOFTDEP", "MODULE_PARM_DESC", "module_init", "module_exit",
    "module_param", "module_param_array", "module_param_cb", "EXPORT_SYMBOL", "EXPORT_SYMBOL_GPL"],
  "linux/init": ["module_init", "module_exit"],
  "linux/moduleparam": ["module_param", "module_param_array", "module_param_cb", "MODULE_PARM_DESC"],
  "linux/export": ["EXPORT_SYMBOL", "EXPORT_SYMBOL_GPL"],
};

/** Every macro name. */
export const MACRO_NAMES: ReadonlySet<string> = new Set(Object.values(MODULE_MACROS).flat());

/** The parameters of the function a module's code is the body of (see README.md). */
export const CODE_PARAMS = ["__ksym", "__mod", "THIS_MODULE"] as const;
