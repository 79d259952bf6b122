// A user program that never makes another system call after its first line: only a signal
// can end it.
import { write } from "unistd";

export default async function main(): Promise<number> {
  await write(1, "spinning\n");
  for (;;) {
    // busy
  }
}
