// trigger: write to /dev/abba (lock_a, then lock_b), then read it (lock_b, then lock_a).
import { open, O_RDWR } from "fcntl";
import { write, read, close } from "unistd";
import { printf, perror } from "stdio";

export default async function main(): Promise<number> {
  const fd = await open("/dev/abba", O_RDWR);
  if (fd < 0) { await perror("open /dev/abba"); return 1; }
  if (await write(fd, "tick") !== 4) { await perror("write"); return 1; }
  const buf = new Uint8Array(64);
  const n = await read(fd, buf, buf.length);
  if (n < 0) { await perror("read"); return 1; }
  await close(fd);
  await printf("%s", new TextDecoder().decode(buf.subarray(0, n)));
  return 0;
}
