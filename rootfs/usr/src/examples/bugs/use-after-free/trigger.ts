// trigger: write a message to /dev/uaf, then read "the last message" back: the driver's read
// copies from the buffer its write already freed.
import { open, O_RDWR } from "fcntl";
import { write, read, close } from "unistd";
import { printf, perror } from "stdio";

export default async function main(): Promise<number> {
  const fd = await open("/dev/uaf", O_RDWR);
  if (fd < 0) { await perror("open /dev/uaf"); return 1; }
  if (await write(fd, "hello") !== 5) { await perror("write"); return 1; }
  const buf = new Uint8Array(32);
  const n = await read(fd, buf, buf.length);
  if (n < 0) { await perror("read"); return 1; }
  await close(fd);
  const bytes = [...buf.subarray(0, n)].map((b) => b.toString(16).padStart(2, "0")).join(" ");
  await printf("read %d bytes: %s\n", n, bytes);
  return 0;
}
