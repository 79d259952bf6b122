// consumer: uses a function another module exports. `declare function` says the symbol comes
// from elsewhere: kbuild lists it in the .ko's imports and, finding it in provider's exports
// (Module.symvers), records depends=provider. Loading consumer without provider fails with
// "Unknown symbol in module"; modprobe consumer loads provider first.
import { pr_info } from "linux/printk";
import { module_init, module_exit, MODULE_LICENSE, MODULE_AUTHOR, MODULE_DESCRIPTION } from "linux/module";

declare function typix_greet(who: string): number;

function consumer_init(): number {
  const n = typix_greet("consumer");
  pr_info("consumer: loaded, provider has greeted %d times\n", n);
  return 0;
}

function consumer_exit(): void {
  typix_greet("consumer, leaving");
  pr_info("consumer: unloaded\n");
}

module_init(consumer_init);
module_exit(consumer_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("Calls typix_greet, exported by provider");
