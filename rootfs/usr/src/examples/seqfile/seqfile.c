/* seqfile: a /proc file written with seq_file, in C. /proc/seqfile lists the planets of a list
 * the module builds at init, one record per line after a header line. The seq_operations
 * iterator (start, next, stop, show) lets seq_read print one record at a time and continue
 * where the last read stopped, however small the reader's buffer. (seqfile.ts is the same
 * module in TypeScript; `make` builds this one.) */
#include <linux/module.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

/* One element of the list. */
struct planet {
	const char *name;
	int moons;
	struct planet *next;
};

static struct planet *head;
static struct proc_dir_entry *entry;

/* The pos-th element (0 is the first), or NULL past the end. */
static struct planet *nth(loff_t pos)
{
	struct planet *p = head;

	while (p && pos-- > 0)
		p = p->next;
	return p;
}

/* Position 0 is the header line; position n (n >= 1) is the list's n-th element. */
static void *planets_start(struct seq_file *m, loff_t *pos)
{
	return *pos == 0 ? SEQ_START_TOKEN : nth(*pos - 1);
}

static void *planets_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return v == SEQ_START_TOKEN ? head : ((struct planet *)v)->next;
}

static void planets_stop(struct seq_file *m, void *v)
{
	/* Nothing to release: start took no lock. */
}

static int planets_show(struct seq_file *m, void *v)
{
	struct planet *p = v;

	if (v == SEQ_START_TOKEN) {
		seq_puts(m, "planet   moons\n");
		return 0;
	}
	seq_printf(m, "%-8s %5d\n", p->name, p->moons);
	return 0;
}

static const struct seq_operations planets_seq_ops = {
	.start = planets_start,
	.next = planets_next,
	.stop = planets_stop,
	.show = planets_show,
};

static int planets_open(struct inode *inode, struct file *file)
{
	return seq_open(file, &planets_seq_ops);
}

static const struct proc_ops planets_proc_ops = {
	.proc_open = planets_open,
	.proc_read = seq_read,
	.proc_lseek = seq_lseek,
	.proc_release = seq_release,
};

static void free_list(void)
{
	while (head) {
		struct planet *p = head;

		head = p->next;
		kfree(p);
	}
}

static int __init seqfile_init(void)
{
	static const struct { const char *name; int moons; } data[] = {
		{ "Mercury", 0 }, { "Venus", 0 }, { "Earth", 1 }, { "Mars", 2 },
		{ "Jupiter", 95 }, { "Saturn", 146 }, { "Uranus", 28 }, { "Neptune", 16 },
	};
	int i;

	/* Build the list back to front, so it reads in order from head. */
	for (i = ARRAY_SIZE(data) - 1; i >= 0; i--) {
		struct planet *p = kmalloc(sizeof(*p), GFP_KERNEL);

		if (!p) {
			free_list();
			return -ENOMEM;
		}
		p->name = data[i].name;
		p->moons = data[i].moons;
		p->next = head;
		head = p;
	}
	entry = proc_create("seqfile", 0444, NULL, &planets_proc_ops);
	if (!entry) {
		free_list();
		return -ENOMEM;
	}
	pr_info("seqfile: /proc/seqfile lists %d planets\n", (int)ARRAY_SIZE(data));
	return 0;
}

static void __exit seqfile_exit(void)
{
	proc_remove(entry);
	free_list();
	pr_info("seqfile: removed /proc/seqfile\n");
}

module_init(seqfile_init);
module_exit(seqfile_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("A seq_file /proc entry iterating over a list");
