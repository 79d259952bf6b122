/* linux/kobject.h: kernel objects with a directory under /sys. A struct kobject belongs to the
 * kernel: C code holds a pointer to one (kobject_create_and_add, or the core's kernel_kobj ...)
 * and reads only its name. kobj_attribute is the attribute whose show and store take the
 * kobject; the kernel reads its members at these offsets (kernel/module/c_sysfs.ts). */
#ifndef _LINUX_KOBJECT_H
#define _LINUX_KOBJECT_H
#include <linux/types.h>
#include <linux/sysfs.h>

struct kobject {
	const char *name;
	/* the rest is the kernel's */
};

struct kobj_attribute {
	struct attribute attr;
	ssize_t (*show)(struct kobject *kobj, struct kobj_attribute *attr, char *buf);
	ssize_t (*store)(struct kobject *kobj, struct kobj_attribute *attr, const char *buf, size_t count);
};

/* The core's kobjects: /sys/kernel, /sys/kernel/mm, /sys/fs, /sys/firmware, /sys/power. */
struct kobject *__typix_kobj(int which);
#define kernel_kobj (__typix_kobj(0))
#define mm_kobj (__typix_kobj(1))
#define fs_kobj (__typix_kobj(2))
#define firmware_kobj (__typix_kobj(3))
#define power_kobj (__typix_kobj(4))

enum kobject_action {
	KOBJ_ADD,
	KOBJ_REMOVE,
	KOBJ_CHANGE,
	KOBJ_MOVE,
	KOBJ_ONLINE,
	KOBJ_OFFLINE,
	KOBJ_BIND,
	KOBJ_UNBIND,
};

static inline const char *kobject_name(const struct kobject *kobj) { return kobj->name; }
struct kobject *kobject_create_and_add(const char *name, struct kobject *parent);
struct kobject *kobject_get(struct kobject *kobj);
void kobject_put(struct kobject *kobj);
void kobject_del(struct kobject *kobj);
/* The path below /sys ("/kernel/foo"), kmalloc'd: kfree it. */
char *kobject_get_path(const struct kobject *kobj, gfp_t flag);
int kobject_uevent(struct kobject *kobj, enum kobject_action action);
#endif
