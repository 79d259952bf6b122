/* linux/moduleparam.h: module parameters, given to insmod (name=value) and shown in /sys/module. */
#ifndef _LINUX_MODULEPARAM_H
#define _LINUX_MODULEPARAM_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stringify.h>

/* "tag=info" in the module's .modinfo: a custom section of the object, joined by the linker. */
#define __MODULE_INFO(tag, info) \
	__asm__(".section .custom_section.modinfo,\"\",@\n.ascii \"" #tag "=\"\n.ascii " #info "\n.byte 0\n.text\n")

/*
 * What the loader reads for each parameter (Linux's struct kernel_param in __param): an exported
 * __typix_param_NAME gives the name, the type's name, the permissions and the variable; for an
 * array also its count variable (or NULL) and its number of elements.
 */
struct typix_param {
	const char *name;
	const char *type;
	unsigned int perm;
	void *arg;
	unsigned int *num;
	unsigned int max;
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

#endif
