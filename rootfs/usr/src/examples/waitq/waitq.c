/* waitq: a misc device, /dev/waitq, whose read sleeps on a wait queue until a writer brings
 * data, in C. A write appends to a 1 KiB buffer and wakes the readers; a read takes what is
 * there (as a pipe does). Opened with O_NONBLOCK, a read with nothing to take fails with EAGAIN;
 * a signal ends the wait with -ERESTARTSYS, which the kernel turns into a restart of the read
 * (SA_RESTART handler) or EINTR (other handlers), or lets the signal's default action run.
 * (waitq.ts is the same module in TypeScript; `make` builds this one.) */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#define BUF_SIZE 1024

static DECLARE_WAIT_QUEUE_HEAD(readers);
static char *buffer;
static size_t count; /* bytes waiting in buffer */

static ssize_t waitq_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
	size_t n;

	while (count == 0) {
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		pr_info("waitq: %s (%d) waits for a writer\n", current->comm, current->pid);
		/* Sleeps until count > 0; a signal ends the wait first. */
		if (wait_event_interruptible(readers, count > 0))
			return -ERESTARTSYS;
	}
	n = len < count ? len : count;
	if (copy_to_user(buf, buffer, n))
		return -EFAULT;
	memmove(buffer, buffer + n, count - n);
	count -= n;
	return n;
}

static ssize_t waitq_write(struct file *file, const char __user *buf, size_t len, loff_t *ppos)
{
	size_t n;

	if (count == BUF_SIZE)
		return len ? -ENOSPC : 0;
	n = len < BUF_SIZE - count ? len : BUF_SIZE - count;
	if (copy_from_user(buffer + count, buf, n))
		return -EFAULT;
	count += n;
	wake_up_interruptible(&readers);
	return n;
}

static const struct file_operations waitq_fops = {
	.owner = THIS_MODULE,
	.read = waitq_read,
	.write = waitq_write,
};

static struct miscdevice waitq_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "waitq",
	.fops = &waitq_fops,
	.mode = 0666,
};

static int __init waitq_init(void)
{
	int err;

	buffer = kzalloc(BUF_SIZE, GFP_KERNEL);
	if (!buffer)
		return -ENOMEM;
	err = misc_register(&waitq_dev);
	if (err) {
		kfree(buffer);
		return err;
	}
	pr_info("waitq: /dev/waitq is minor %d\n", waitq_dev.minor);
	return 0;
}

static void __exit waitq_exit(void)
{
	misc_deregister(&waitq_dev);
	kfree(buffer);
	count = 0;
}

module_init(waitq_init);
module_exit(waitq_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("A device whose read sleeps on a wait queue until a writer comes");
