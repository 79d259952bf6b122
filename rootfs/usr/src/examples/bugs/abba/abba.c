/* abba: two locks taken in opposite orders, for lockdep, in C. /dev/abba keeps a counter
 * guarded by lock_a and a count of updates guarded by lock_b. write takes lock_a then lock_b;
 * read takes lock_b then lock_a. One task doing a write and then a read never deadlocks, but a
 * writer and a reader at the same time can each hold one lock and wait forever for the other.
 * lockdep sees the two orders and reports the possible deadlock the first time the second
 * order is used. (abba.ts is the same driver in TypeScript; `make` builds this one.) */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mutex.h>
#include <linux/kernel.h>
#include <linux/uaccess.h>

static DEFINE_MUTEX(lock_a); /* guards counter */
static DEFINE_MUTEX(lock_b); /* guards updates */
static int counter;
static int updates;

static ssize_t abba_write(struct file *file, const char __user *buf, size_t len, loff_t *ppos)
{
	mutex_lock(&lock_a);
	mutex_lock(&lock_b); /* order: lock_a, then lock_b */
	counter += len;
	updates++;
	mutex_unlock(&lock_b);
	mutex_unlock(&lock_a);
	return len;
}

static ssize_t abba_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
	char text[64];
	int n;

	mutex_lock(&lock_b);
	mutex_lock(&lock_a); /* BUG: order lock_b, then lock_a: the opposite of abba_write */
	n = scnprintf(text, sizeof(text), "counter %d after %d updates\n", counter, updates);
	mutex_unlock(&lock_a);
	mutex_unlock(&lock_b);
	return simple_read_from_buffer(buf, len, ppos, text, n);
}

static const struct file_operations abba_fops = {
	.owner = THIS_MODULE,
	.read = abba_read,
	.write = abba_write,
};

static struct miscdevice abba_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "abba",
	.fops = &abba_fops,
	.mode = 0666,
};

static int __init abba_init(void)
{
	int err = misc_register(&abba_dev);

	if (!err)
		pr_info("abba: /dev/abba is ready\n");
	return err;
}

static void __exit abba_exit(void)
{
	misc_deregister(&abba_dev);
}

module_init(abba_init);
module_exit(abba_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("A /dev/abba whose read and write take two locks in opposite orders (for lockdep)");
