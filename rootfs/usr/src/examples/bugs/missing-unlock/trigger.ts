// trigger: writes to /dev/missing_unlock twice. With the buggy module the first write returns
// with the driver's spinlock still held, and the second spins on it for ever (the soft-lockup
// watchdog reports it in the kernel log). With the fixed module it prints both writes and
// exits 0.
import { open, O_WRONLY } from "fcntl";
import { write, close } from "unistd";
import { printf, perror } from "stdio";

export default async function main(): Promise<number> {
  const fd = await open("/dev/missing_unlock", O_WRONLY);
  if (fd < 0) { await perror("open /dev/missing_unlock"); return 1; }
  for (let i = 1; i <= 2; i++) {
    await printf("write %d...\n", i);
    const n = await write(fd, "tick");
    if (n < 0) { await perror("write"); return 1; }
    await printf("write %d: %d bytes\n", i, n);
  }
  await close(fd);
  return 0;
}
