// Output helpers: whole-string writes to a descriptor, and dash's error format
// "sh: LINE: message" on standard error.
import { write } from "../../../lib/libc/unistd.js";
import type { ShellState } from "./state.js";

/** Whether a write to standard output failed since the builtin began (dash's outerr(out1)). */
export const stdoutError = { set: false };

/** Write all of s to fd; false when the write fails. */
export async function writeAll(fd: number, s: string | Uint8Array): Promise<boolean> {
  let b = typeof s === "string" ? new TextEncoder().encode(s) : s;
  while (b.length) {
    const n = await write(fd, b);
    if (n <= 0) {
      if (fd === 1) stdoutError.set = true;
      return false;
    }
    b = b.subarray(n);
  }
  return true;
}

export function errPrefix(sh: ShellState): string {
  return `${sh.arg0}: ${sh.lineno}: `;
}

/** Print "sh: LINE: msg" on standard error. */
export async function shError(sh: ShellState, msg: string): Promise<void> {
  await writeAll(2, errPrefix(sh) + msg + "\n");
}
