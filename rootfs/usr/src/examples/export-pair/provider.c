/* provider: exports a function for other modules, in C. EXPORT_SYMBOL puts typix_greet in the
 * kernel's symbol table (see /proc/kallsyms) while the module is loaded; a module that calls
 * it holds this one, so provider cannot be removed before its users are. (provider.ts is the
 * same module in TypeScript; `make` builds this one.) */
#include <linux/module.h>
#include <linux/export.h>

static int calls;

/* Greet who; returns how many greetings provider has made so far. */
int typix_greet(const char *who)
{
	calls++;
	pr_info("provider: hello, %s (call %d)\n", who, calls);
	return calls;
}
EXPORT_SYMBOL(typix_greet);

static int __init provider_init(void)
{
	pr_info("provider: loaded, exporting typix_greet\n");
	return 0;
}

static void __exit provider_exit(void)
{
	pr_info("provider: unloaded after %d calls\n", calls);
}

module_init(provider_init);
module_exit(provider_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("Exports typix_greet for other modules");
