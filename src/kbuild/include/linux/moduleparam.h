/* linux/moduleparam.h: module parameters, given to insmod (name=value) and shown in /sys/module. */
#ifndef _LINUX_MODULEPARAM_H
#define _LINUX_MODULEPARAM_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stringify.h>

/* "tag=info" in the module's .modinfo: a custom section of the object, joined by the linker. */
#define __MODULE_INFO(tag, info) \
	__asm__(".section .custom_section.modinfo,\"\",@\n.ascii \"" #tag "=\"\n.ascii " #info "\n.byte 0\n.text\n")

struct kernel_param;

/* The flag of ops whose set accepts a parameter given without "=value" (as bool's). */
#define KERNEL_PARAM_OPS_FL_NOARG (1 << 0)

/* How a parameter is set from text and shown as text: set returns 0 or -errno, get writes
 * into a page-sized buffer and returns the length written. */
struct kernel_param_ops {
	unsigned int flags;
	int (*set)(const char *val, const struct kernel_param *kp);
	int (*get)(char *buffer, const struct kernel_param *kp);
	void (*free)(void *arg);
};

/* A parameter with its own ops (module_param_cb), as the ops' set and get see it. */
struct kernel_param {
	const char *name;
	struct module *mod;
	const struct kernel_param_ops *ops;
	const u16 perm;
	s8 level;
	u8 flags;
	union {
		void *arg;
		const struct kparam_string *str;
		const struct kparam_array *arr;
	};
};

/*
 * What the loader reads for each parameter (Linux's struct kernel_param in __param): an exported
 * __typix_param_NAME gives the name, the type's name, the permissions and the variable; for an
 * array also its count variable (or NULL) and its number of elements; for module_param_cb its
 * struct kernel_param (and an empty type).
 */
struct typix_param {
	const char *name;
	const char *type;
	unsigned int perm;
	void *arg;
	unsigned int *num;
	unsigned int max;
	const struct kernel_param *kp;
};

#define __MODULE_PARM_TYPE(name, _type) __MODULE_INFO(parmtype, #name ":" _type)
#define MODULE_PARM_DESC(_parm, desc) __MODULE_INFO(parm, #_parm ":" desc)

#define module_param_named(name, value, type, perm) \
	__MODULE_PARM_TYPE(name, #type); \
	const struct typix_param __typix_param_##name __used = { #name, #type, perm, &(value), (void *)0, 0 }
#define module_param(name, type, perm) module_param_named(name, name, type, perm)

#define module_param_array_named(name, array, type, nump, perm) \
	__MODULE_PARM_TYPE(name, "array of " #type); \
	const struct typix_param __typix_param_##name __used = \
		{ #name, #type, perm, (array), (unsigned int *)(nump), sizeof(array) / sizeof((array)[0]) }
#define module_param_array(name, type, nump, perm) module_param_array_named(name, name, type, nump, perm)

/* A parameter whose ops are the module's own (no parmtype, as Linux's). */
#define module_param_cb(_name, _ops, _arg, _perm) \
	static const struct kernel_param __param_##_name = \
		{ .name = #_name, .mod = THIS_MODULE, .ops = (_ops), .perm = (_perm), .level = -1, .arg = (_arg) }; \
	const struct typix_param __typix_param_##_name __used = { #_name, "", _perm, (_arg), (void *)0, 0, &__param_##_name }

/* The standard ops of each type: param_set_TYPE and param_get_TYPE, for a module's own ops
 * to call or to take, and param_ops_TYPE made of them (in each object that uses it: a module
 * cannot import a kernel variable). */
#define __TYPIX_STANDARD_PARAM(type, _flags) \
	int param_set_##type(const char *val, const struct kernel_param *kp); \
	int param_get_##type(char *buffer, const struct kernel_param *kp); \
	static const struct kernel_param_ops param_ops_##type __maybe_unused = \
		{ .flags = (_flags), .set = param_set_##type, .get = param_get_##type }
__TYPIX_STANDARD_PARAM(byte, 0);
__TYPIX_STANDARD_PARAM(short, 0);
__TYPIX_STANDARD_PARAM(ushort, 0);
__TYPIX_STANDARD_PARAM(int, 0);
__TYPIX_STANDARD_PARAM(uint, 0);
__TYPIX_STANDARD_PARAM(long, 0);
__TYPIX_STANDARD_PARAM(ulong, 0);
__TYPIX_STANDARD_PARAM(hexint, 0);
__TYPIX_STANDARD_PARAM(charp, 0);
__TYPIX_STANDARD_PARAM(bool, KERNEL_PARAM_OPS_FL_NOARG);
__TYPIX_STANDARD_PARAM(invbool, 0);

#endif
