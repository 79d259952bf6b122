/* linux/sysfs.h: attributes, files of a kobject's directory under /sys, and groups of them.
 * show() formats the value into a page (sysfs_emit) and returns its length; store() gets the
 * written text, NUL-terminated, and returns the bytes it consumed or -errno. The kernel reads
 * struct attribute and struct attribute_group at these offsets (kernel/module/c_sysfs.ts). */
#ifndef _LINUX_SYSFS_H
#define _LINUX_SYSFS_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stringify.h>
#include <linux/stat.h>

struct kobject;
struct bin_attribute;

struct attribute {
	const char *name;
	umode_t mode;
};

struct attribute_group {
	const char *name;
	umode_t (*is_visible)(struct kobject *, struct attribute *, int);
	umode_t (*is_bin_visible)(struct kobject *, struct bin_attribute *, int);
	struct attribute **attrs;
	struct bin_attribute **bin_attrs;
};

/* The initializers of an attribute structure whose first member is attr (struct kobj_attribute). */
#define __ATTR(_name, _mode, _show, _store) { \
	.attr = { .name = __stringify(_name), .mode = (_mode) }, .show = _show, .store = _store }
#define __ATTR_RO_MODE(_name, _mode) { \
	.attr = { .name = __stringify(_name), .mode = (_mode) }, .show = _name##_show }
#define __ATTR_RO(_name) __ATTR_RO_MODE(_name, 0444)
#define __ATTR_WO(_name) { .attr = { .name = __stringify(_name), .mode = 0200 }, .store = _name##_store }
#define __ATTR_RW_MODE(_name, _mode) __ATTR(_name, _mode, _name##_show, _name##_store)
#define __ATTR_RW(_name) __ATTR(_name, 0644, _name##_show, _name##_store)
#define __ATTR_NULL { .attr = { .name = NULL } }

/* ATTRIBUTE_GROUPS(foo): foo_group from foo_attrs, and foo_groups listing it. */
#define __ATTRIBUTE_GROUPS(_name) \
	static const struct attribute_group *_name##_groups[] = { &_name##_group, NULL }
#define ATTRIBUTE_GROUPS(_name) \
	static const struct attribute_group _name##_group = { .attrs = _name##_attrs }; \
	__ATTRIBUTE_GROUPS(_name)

int sysfs_create_file(struct kobject *kobj, const struct attribute *attr);
void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr);
int sysfs_create_files(struct kobject *kobj, const struct attribute * const *attrs);
void sysfs_remove_files(struct kobject *kobj, const struct attribute * const *attrs);
int sysfs_chmod_file(struct kobject *kobj, const struct attribute *attr, umode_t mode);
int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp);
void sysfs_remove_group(struct kobject *kobj, const struct attribute_group *grp);
int sysfs_create_groups(struct kobject *kobj, const struct attribute_group **groups);
void sysfs_remove_groups(struct kobject *kobj, const struct attribute_group **groups);
int sysfs_create_link(struct kobject *kobj, struct kobject *target, const char *name);
void sysfs_remove_link(struct kobject *kobj, const char *name);
bool sysfs_streq(const char *s1, const char *s2);

/* Only into the page show() was given: it never writes past its end. */
int sysfs_emit(char *buf, const char *fmt, ...) __printf(2, 3);
int sysfs_emit_at(char *buf, int at, const char *fmt, ...) __printf(3, 4);
#endif
