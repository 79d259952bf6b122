// trigger: opens /dev/null_write and writes "hello" to it. With the buggy module the write
// never returns: the kernel oopses and kills this program with SIGSEGV (the shell prints
// "Segmentation fault"). With the fixed module it prints "wrote 5 bytes" and exits 0.
import { open, O_WRONLY } from "fcntl";
import { write, close } from "unistd";
import { printf, perror } from "stdio";

export default async function main(): Promise<number> {
  const fd = await open("/dev/null_write", O_WRONLY);
  if (fd < 0) { await perror("open /dev/null_write"); return 1; }
  const n = await write(fd, "hello");
  if (n < 0) { await perror("write"); return 1; }
  await printf("wrote %d bytes\n", n);
  await close(fd);
  return 0;
}
