// hello-test: a user program for the hello driver. It opens /dev/hello, writes "hello",
// seeks back to the start, reads the bytes back and prints them on a line of their own.
// Exit status 0 on success, 1 (with a message on stderr) when a call fails.
import { open, O_RDWR } from "fcntl";
import { write, read, lseek, close, SEEK_SET } from "unistd";
import { printf, perror } from "stdio";

export default async function main(): Promise<number> {
  const fd = await open("/dev/hello", O_RDWR);
  if (fd < 0) { await perror("open /dev/hello"); return 1; }
  const msg = "hello";
  if (await write(fd, msg) !== msg.length) { await perror("write"); return 1; }
  if (await lseek(fd, 0, SEEK_SET) !== 0) { await perror("lseek"); return 1; }
  const buf = new Uint8Array(64);
  const n = await read(fd, buf, buf.length);
  if (n < 0) { await perror("read"); return 1; }
  await close(fd);
  await printf("%s\n", new TextDecoder().decode(buf.subarray(0, n)));
  return 0;
}
