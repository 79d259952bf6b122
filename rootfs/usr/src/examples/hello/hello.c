/* hello: a character-device driver, in C. It takes a device number (alloc_chrdev_region), adds
 * a cdev for it, and creates the class "hello" with one device, so /dev/hello and
 * /sys/class/hello/hello appear. The device is a 256-byte memory: write stores bytes at the
 * file position, read returns what was stored, lseek moves within it. A spinlock guards the
 * buffer; user memory is copied outside the lock, since copying from or to user space may
 * sleep. (hello.ts is the same driver in TypeScript; `make` builds this one.) */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>

#define DEVICE_NAME "hello"
#define BUF_SIZE 256

static char *buffer;            /* the device's memory (kzalloc'd at init) */
static size_t length;           /* how many bytes of it hold data */
static DEFINE_SPINLOCK(lock);   /* guards buffer and length */
static int opens;

static dev_t dev;
static struct cdev hello_cdev;
static struct class *hello_class;

static int hello_open(struct inode *inode, struct file *file)
{
	opens++;
	pr_info("hello: open #%d (minor %d)\n", opens, MINOR(inode->i_rdev));
	file->private_data = buffer;
	return 0;
}

static int hello_release(struct inode *inode, struct file *file)
{
	pr_info("hello: release\n");
	return 0;
}

static ssize_t hello_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	char chunk[BUF_SIZE];
	size_t start, n;

	/* Take a copy of the bytes under the lock; copy_to_user runs after it is dropped. */
	spin_lock(&lock);
	start = *ppos < length ? *ppos : length;
	n = count < length - start ? count : length - start;
	memcpy(chunk, (char *)file->private_data + start, n);
	spin_unlock(&lock);
	if (n == 0)
		return 0; /* end of file */
	if (copy_to_user(buf, chunk, n))
		return -EFAULT;
	*ppos += n;
	return n;
}

static ssize_t hello_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	char *tmp;
	size_t n;

	if (*ppos >= BUF_SIZE)
		return count ? -ENOSPC : 0;
	n = count < BUF_SIZE - *ppos ? count : BUF_SIZE - *ppos;
	tmp = kmalloc(n, GFP_KERNEL);
	if (!tmp)
		return -ENOMEM;
	if (copy_from_user(tmp, buf, n)) {
		kfree(tmp);
		return -EFAULT;
	}
	spin_lock(&lock);
	memcpy((char *)file->private_data + *ppos, tmp, n);
	if (*ppos + n > length)
		length = *ppos + n;
	spin_unlock(&lock);
	kfree(tmp);
	*ppos += n;
	return n;
}

static loff_t hello_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t pos;

	switch (whence) {
	case SEEK_SET: pos = offset; break;
	case SEEK_CUR: pos = file->f_pos + offset; break;
	case SEEK_END: pos = length + offset; break;
	default: return -EINVAL;
	}
	if (pos < 0 || pos > BUF_SIZE)
		return -EINVAL;
	file->f_pos = pos;
	return pos;
}

static const struct file_operations hello_fops = {
	.owner = THIS_MODULE, /* the module cannot be removed while the device is open */
	.open = hello_open,
	.release = hello_release,
	.read = hello_read,
	.write = hello_write,
	.llseek = hello_llseek,
};

/* Everybody may use /dev/hello. */
static char *hello_devnode(const struct device *d, umode_t *mode)
{
	if (mode)
		*mode = 0666;
	return NULL;
}

static int __init hello_init(void)
{
	struct device *d;
	int err;

	buffer = kzalloc(BUF_SIZE, GFP_KERNEL);
	if (!buffer)
		return -ENOMEM;
	err = alloc_chrdev_region(&dev, 0, 1, DEVICE_NAME);
	if (err < 0) {
		pr_err("hello: cannot get a device number: %d\n", err);
		goto free_buffer;
	}
	cdev_init(&hello_cdev, &hello_fops);
	err = cdev_add(&hello_cdev, dev, 1);
	if (err < 0)
		goto unregister;
	hello_class = class_create(DEVICE_NAME);
	if (IS_ERR(hello_class)) {
		err = PTR_ERR(hello_class);
		goto del_cdev;
	}
	hello_class->devnode = hello_devnode;
	d = device_create(hello_class, NULL, dev, NULL, DEVICE_NAME);
	if (IS_ERR(d)) {
		err = PTR_ERR(d);
		goto destroy_class;
	}
	pr_info("hello: registered /dev/%s as %d:%d\n", DEVICE_NAME, MAJOR(dev), MINOR(dev));
	return 0;

destroy_class:
	class_destroy(hello_class);
del_cdev:
	cdev_del(&hello_cdev);
unregister:
	unregister_chrdev_region(dev, 1);
free_buffer:
	kfree(buffer);
	return err;
}

static void __exit hello_exit(void)
{
	device_destroy(hello_class, dev);
	class_destroy(hello_class);
	cdev_del(&hello_cdev);
	unregister_chrdev_region(dev, 1);
	kfree(buffer);
	pr_info("hello: unregistered\n");
}

module_init(hello_init);
module_exit(hello_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("A 256-byte memory at /dev/hello");
