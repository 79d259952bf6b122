// A user program: writes to stdout through libc and exits with a status.
import { write, getpid } from "unistd";

export default async function main(argv: string[]): Promise<number> {
  const pid = await getpid();
  await write(1, `hello from ${argv[0]} pid>0:${pid > 0} args:${argv.slice(1).join(",")}\n`);
  return 3;
}
