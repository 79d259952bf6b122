// insmod: insert a module into the kernel (kmod's insmod: insmod FILE [ARGS...]). The file
// goes to finit_module(2); the arguments become its parameter string.
import { write, close } from "../../lib/libc/unistd.js";
import { open, O_RDONLY, O_CLOEXEC } from "../../lib/libc/fcntl.js";
import { errno, strerror } from "../../lib/libc/errno.js";
import { finit_module } from "../../lib/libc/sys/module.js";
import { modStrerror } from "../lib/kmod.js";

export default async function main(argv: string[]): Promise<number> {
  const args = argv.slice(1);
  if (args[0] === "-h" || args[0] === "--help") {
    await write(1, "Usage:\n\tinsmod [options] filename [args]\nOptions:\n\t-V, --version     show version\n\t-h, --help        show this help\n");
    return 0;
  }
  if (args[0] === "-V" || args[0] === "--version") { await write(1, "kmod version 30\n"); return 0; }
  const file = args[0];
  if (!file) { await write(2, "insmod: ERROR: missing filename.\n"); return 1; }
  const fd = await open(file, O_RDONLY | O_CLOEXEC);
  if (fd < 0) { await write(2, `insmod: ERROR: could not load module ${file}: ${strerror(errno)}\n`); return 1; }
  const r = await finit_module(fd, args.slice(1).join(" "), 0);
  const err = errno;
  await close(fd);
  if (r < 0) { await write(2, `insmod: ERROR: could not insert module ${file}: ${modStrerror(err)}\n`); return 1; }
  return 0;
}
