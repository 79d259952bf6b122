// Running commands from a tool (xargs, find -exec): posix_spawnp and a wait, with the shell's
// status convention (126 cannot run, 127 not found, 128+N killed by signal N).
import { posix_spawnp } from "../../lib/libc/spawn.js";
import { waitpid, WIFEXITED, WEXITSTATUS, WTERMSIG } from "../../lib/libc/sys/wait.js";
import { strerror, ENOENT } from "../../lib/libc/errno.js";
import type { Tool } from "./common.js";

/** Run argv and wait; returns its exit status (or 128+signal), or 126/127 after a message. */
export async function runCommand(t: Tool, argv: string[]): Promise<number> {
  await t.out.flush();
  const pid = { value: 0 };
  const err = await posix_spawnp(pid, argv[0], null, null, argv, null);
  if (err) {
    await t.warn(`${argv[0]}: ${strerror(err)}`);
    return err === ENOENT ? 127 : 126;
  }
  const st = { value: 0 };
  await waitpid(pid.value, st, 0);
  return WIFEXITED(st.value) ? WEXITSTATUS(st.value) : 128 + WTERMSIG(st.value);
}
