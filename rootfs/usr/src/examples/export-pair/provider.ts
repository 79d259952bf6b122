// provider: exports a function for other modules. EXPORT_SYMBOL puts typix_greet in the
// kernel's symbol table (see /proc/kallsyms) while the module is loaded; a module that calls
// it holds this one, so provider cannot be removed before its users are.
import { pr_info } from "linux/printk";
import { module_init, module_exit, EXPORT_SYMBOL, MODULE_LICENSE, MODULE_AUTHOR, MODULE_DESCRIPTION } from "linux/module";

let calls = 0;

/** Greet `who`; returns how many greetings provider has made so far. */
function typix_greet(who: string): number {
  calls++;
  pr_info("provider: hello, %s (call %d)\n", who, calls);
  return calls;
}
EXPORT_SYMBOL(typix_greet);

function provider_init(): number {
  pr_info("provider: loaded, exporting typix_greet\n");
  return 0;
}

function provider_exit(): void {
  pr_info("provider: unloaded after %d calls\n", calls);
}

module_init(provider_init);
module_exit(provider_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("Exports typix_greet for other modules");
