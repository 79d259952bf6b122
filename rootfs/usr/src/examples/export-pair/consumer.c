/* consumer: uses a function another module exports, in C. The declaration says the symbol
 * comes from elsewhere: the build lists it in the .ko's imports and, finding it in provider's
 * exports (Module.symvers), records depends=provider. Loading consumer without provider fails
 * with "Unknown symbol in module"; modprobe consumer loads provider first. (consumer.ts is the
 * same module in TypeScript; `make` builds this one.) */
#include <linux/module.h>

/* Exported by provider (a header of provider's would say this in a larger project). */
extern int typix_greet(const char *who);

static int __init consumer_init(void)
{
	int n = typix_greet("consumer");

	pr_info("consumer: loaded, provider has greeted %d times\n", n);
	return 0;
}

static void __exit consumer_exit(void)
{
	typix_greet("consumer, leaving");
	pr_info("consumer: unloaded\n");
}

module_init(consumer_init);
module_exit(consumer_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("Calls typix_greet, exported by provider");
