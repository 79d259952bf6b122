/* linux/device.h: device classes and devices (/sys/class/NAME, the node devtmpfs makes in /dev). */
#ifndef _LINUX_DEVICE_H
#define _LINUX_DEVICE_H
#include <linux/types.h>
#include <linux/err.h>
#include <linux/kdev_t.h>

struct device;

/* What C code sets in a class made by class_create: devnode, which may set the mode (and name)
 * of the node devtmpfs makes for each device. */
struct class {
	const char *name;
	void *__typix[2];
	char *(*devnode)(const struct device *dev, umode_t *mode);
};

struct class *class_create(const char *name);
void class_destroy(struct class *cls);
struct device *device_create(struct class *cls, struct device *parent, dev_t devt, void *drvdata,
			     const char *fmt, ...) __printf(5, 6);
void device_destroy(struct class *cls, dev_t devt);
#endif
