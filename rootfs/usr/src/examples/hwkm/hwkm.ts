// hwkm: the smallest useful module. It creates /proc/hwkm, whose contents are one line of text,
// and logs a line when it is loaded and another when it is removed.
import { pr_info } from "linux/printk";
import { proc_create, proc_remove, type proc_dir_entry } from "linux/proc_fs";
import { simple_read_from_buffer } from "linux/uaccess";
import { ENOMEM } from "linux/errno";
import { module_init, module_exit, MODULE_LICENSE, MODULE_AUTHOR, MODULE_DESCRIPTION } from "linux/module";

const PROCFS_NAME = "hwkm";
const message = "Hello World From Kernel Module!\n";

// The entry proc_create gave us, kept to remove it at exit.
let proc_file: proc_dir_entry | null = null;

function hwkm_init(): number {
  // struct proc_ops: only proc_read; /proc answers everything else for us.
  proc_file = proc_create(PROCFS_NAME, 0o444, null, {
    // Copy what is left of the message from *ppos on; 0 once the reader is at its end.
    proc_read: (file, buf, count, ppos) => simple_read_from_buffer(buf, count, ppos, message, message.length),
  });
  if (!proc_file) return -ENOMEM;
  pr_info("Hello World module is loaded.\n");
  return 0;
}

function hwkm_exit(): void {
  proc_remove(proc_file);
  pr_info("Goodbye World!\n");
}

module_init(hwkm_init);
module_exit(hwkm_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("Typix");
MODULE_DESCRIPTION("Hello World: /proc/hwkm");
