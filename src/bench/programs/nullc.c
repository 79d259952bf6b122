/* nullc: a C module with a misc device, /dev/nullc, whose read returns 0 at once, as
 * /dev/null's does: reading it costs what reading /dev/null costs plus the call into C. */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>

static ssize_t nullc_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	return 0;
}

static const struct file_operations nullc_fops = {
	.owner = THIS_MODULE,
	.read = nullc_read,
};

static struct miscdevice nullc_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "nullc",
	.fops = &nullc_fops,
	.mode = 0666,
};

static int __init nullc_init(void) { return misc_register(&nullc_dev); }
static void __exit nullc_exit(void) { misc_deregister(&nullc_dev); }

module_init(nullc_init);
module_exit(nullc_exit);
MODULE_LICENSE("GPL");
