/* linux/fs.h: files, inodes, file_operations and character-device numbers. */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kdev_t.h>
#include <linux/ioctl.h>
#include <linux/fcntl.h>

struct module;
struct inode;
struct file;
struct poll_table_struct;
struct vm_area_struct;

typedef unsigned int fmode_t;
/* lseek's whence (uapi/linux/fs.h) */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4
#define SEEK_MAX SEEK_HOLE

#define FMODE_READ 0x1u
#define FMODE_WRITE 0x2u

struct qstr {
	u32 hash;
	u32 len;
	const unsigned char *name;
};

struct dentry {
	struct qstr d_name;
	struct inode *d_inode;
};

struct path {
	void *mnt;
	struct dentry *dentry;
};

struct inode {
	umode_t i_mode;
	dev_t i_rdev;
	loff_t i_size;
	void *i_private;
};

struct file {
	struct path f_path;
	struct inode *f_inode;
	unsigned int f_flags;
	fmode_t f_mode;
	loff_t f_pos;
	void *private_data;
};

/* The members the kernel calls, in this order (kernel/module/c_chrdev.ts reads them). */
struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	unsigned int (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	long (*compat_ioctl)(struct file *, unsigned int, unsigned long);
	int (*mmap)(struct file *, struct vm_area_struct *);
	int (*open)(struct inode *, struct file *);
	int (*flush)(struct file *, void *id);
	int (*release)(struct inode *, struct file *);
	int (*fsync)(struct file *, loff_t, loff_t, int datasync);
};

static inline unsigned int iminor(const struct inode *inode) { return MINOR(inode->i_rdev); }
static inline unsigned int imajor(const struct inode *inode) { return MAJOR(inode->i_rdev); }
static inline struct inode *file_inode(const struct file *f) { return f->f_inode; }

int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count, const char *name,
		      const struct file_operations *fops);
void __unregister_chrdev(unsigned int major, unsigned int baseminor, unsigned int count, const char *name);
int register_chrdev_region(dev_t from, unsigned int count, const char *name);
int alloc_chrdev_region(dev_t *dev, unsigned int baseminor, unsigned int count, const char *name);
void unregister_chrdev_region(dev_t from, unsigned int count);

static inline int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops)
{
	return __register_chrdev(major, 0, 256, name, fops);
}
static inline void unregister_chrdev(unsigned int major, const char *name)
{
	__unregister_chrdev(major, 0, 256, name);
}

/* Copy between a buffer of available bytes and user memory at *ppos, moving *ppos: what a read
 * or write handler of a fixed buffer needs. The bytes copied, 0 at the end, or -EFAULT. */
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos, const void *from, size_t available);
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos, const void __user *from, size_t count);

#endif
