// trigger: write three messages to /dev/leak, then read back the last one. Each write but the
// last leaks the buffer of the message before it.
import { open, O_RDWR } from "fcntl";
import { write, read, close } from "unistd";
import { printf, perror } from "stdio";

export default async function main(): Promise<number> {
  const fd = await open("/dev/leak", O_RDWR);
  if (fd < 0) { await perror("open /dev/leak"); return 1; }
  for (const msg of ["first message", "second message", "third message"]) {
    if (await write(fd, msg) !== msg.length) { await perror("write"); return 1; }
  }
  const buf = new Uint8Array(64);
  const n = await read(fd, buf, buf.length);
  if (n < 0) { await perror("read"); return 1; }
  await close(fd);
  await printf("last message: %s\n", new TextDecoder().decode(buf.subarray(0, n)));
  return 0;
}
