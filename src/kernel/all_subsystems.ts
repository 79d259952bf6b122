// Every subsystem that registers itself (filesystems, drivers, binary formats) is imported
// here once, so that booting brings them all in.
export {};
import "./binfmt_js.js";
import "./binfmt_wasm.js";
import "../drivers/tty/tty_dev.js";
import "../fs/devtmpfs.js";
import "../fs/proc/index.js";
import "../fs/sysfs/index.js";
import "../drivers/char/mem.js";
import "../include/linux/index.js";
import "../fs/debugfs.js";
import "../mm/kmemleak.js";
import "./module/builtin_c.js"; // what C objects built into the kernel call (the kernel build links them to it)
