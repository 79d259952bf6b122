// waitq-read: one read(2) from /dev/waitq, to try the driver's blocking read.
//   waitq-read        block until a writer comes, print what was read
//   waitq-read -n     open with O_NONBLOCK: with nothing to read, read fails with EAGAIN
//   waitq-read -a N   let SIGALRM (a handler without SA_RESTART) interrupt the read after
//                     N seconds: read fails with EINTR
// Prints "read N bytes: TEXT" and exits 0, or prints perror's line and exits 1.
import { open, O_RDONLY, O_NONBLOCK } from "fcntl";
import { read, close, alarm } from "unistd";
import { sigaction, SIGALRM } from "signal";
import { printf, perror } from "stdio";

export default async function main(argv: string[]): Promise<number> {
  let flags = O_RDONLY, seconds = 0;
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === "-n") flags |= O_NONBLOCK;
    else if (argv[i] === "-a") seconds = Number(argv[++i]);
  }
  const fd = await open("/dev/waitq", flags);
  if (fd < 0) { await perror("open /dev/waitq"); return 1; }
  if (seconds > 0) {
    await sigaction(SIGALRM, { sa_handler: () => {}, sa_flags: 0 });
    await alarm(seconds);
  }
  const buf = new Uint8Array(1024);
  const n = await read(fd, buf, buf.length);
  if (n < 0) { await perror("read"); return 1; }
  await close(fd);
  await printf("read %d bytes: %s\n", n, new TextDecoder().decode(buf.subarray(0, n)));
  return 0;
}
