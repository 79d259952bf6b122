/* linux/module.h: what a loadable module declares about itself (.modinfo) and THIS_MODULE. */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stringify.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/export.h>
#include <linux/string.h>
#include <linux/kobject.h>

struct module;

/*
 * MODULE_INFO(tag, "value") adds "tag=value" to the module's .modinfo, which modinfo prints and
 * the loader checks (a custom section of the WebAssembly object, joined by the linker).
 */
#define MODULE_INFO(tag, info) __MODULE_INFO(tag, info)

#define MODULE_LICENSE(_license) MODULE_INFO(license, _license)
#define MODULE_AUTHOR(_author) MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_description) MODULE_INFO(description, _description)
#define MODULE_VERSION(_version) MODULE_INFO(version, _version)
#define MODULE_ALIAS(_alias) MODULE_INFO(alias, _alias)
#define MODULE_SOFTDEP(_softdep) MODULE_INFO(softdep, _softdep)
#define MODULE_DEVICE_TABLE(type, name)

/* The module itself, as the kernel knows it: the owner of its file_operations. */
extern struct module __this_module;
#define THIS_MODULE (&__this_module)

bool try_module_get(struct module *module);
void module_put(struct module *module);

#endif
