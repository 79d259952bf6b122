/* linux/miscdevice.h: character devices on the misc major (10), each a node in /dev with its own
 * minor (MISC_DYNAMIC_MINOR: one the kernel picks, written back into minor). */
#ifndef _LINUX_MISCDEVICE_H
#define _LINUX_MISCDEVICE_H
#include <linux/types.h>
#include <linux/fs.h>
#include <linux/device.h>

#define MISC_MAJOR 10
#define MISC_DYNAMIC_MINOR 255

struct miscdevice {
	int minor;
	const char *name;
	const struct file_operations *fops;
	void *__typix_list[2];
	struct device *parent;
	struct device *this_device;
	const void *groups;
	const char *nodename;
	umode_t mode;
};

int misc_register(struct miscdevice *misc);
void misc_deregister(struct miscdevice *misc);

#endif
