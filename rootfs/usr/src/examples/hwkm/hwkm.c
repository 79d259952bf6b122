/* hwkm: the smallest useful module, in C. It creates /proc/hwkm, whose contents are one line of
 * text, and logs a line when it is loaded and another when it is removed. (hwkm.ts is the same
 * module in TypeScript; `make` builds this one.) */
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/uaccess.h>

#define PROCFS_NAME "hwkm"

static const char message[] = "Hello World From Kernel Module!\n";
static struct proc_dir_entry *proc_file;

/* Copy what is left of the message from *ppos on; 0 once the reader is at its end. */
static ssize_t hwkm_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	size_t len = sizeof(message) - 1;

	if (*ppos >= len)
		return 0;
	if (count > len - *ppos)
		count = len - *ppos;
	if (copy_to_user(buf, message + *ppos, count))
		return -EFAULT;
	*ppos += count;
	return count;
}

/* struct proc_ops: only proc_read; /proc answers everything else for us. */
static const struct proc_ops hwkm_ops = {
	.proc_read = hwkm_read,
};

static int __init hwkm_init(void)
{
	proc_file = proc_create(PROCFS_NAME, 0444, NULL, &hwkm_ops);
	if (!proc_file)
		return -ENOMEM;
	pr_info("Hello World module is loaded.\n");
	return 0;
}

static void __exit hwkm_exit(void)
{
	proc_remove(proc_file);
	pr_info("Goodbye World!\n");
}

module_init(hwkm_init);
module_exit(hwkm_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("Hello World: /proc/hwkm");
