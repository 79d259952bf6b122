// A user program that starts others: posix_spawn with file actions, vfork + execve, a failed
// exec in a vfork child, and waitpid for each, printing what it saw.
import { posix_spawn, posix_spawn_file_actions_init, posix_spawn_file_actions_addopen } from "spawn";
import { vfork, execve, _exit, write, getpid, read, close } from "unistd";
import { waitpid, WEXITSTATUS, WIFEXITED } from "sys/wait";
import { open, O_WRONLY, O_CREAT, O_TRUNC, O_RDONLY } from "fcntl";

export default async function main(): Promise<number> {
  const me = await getpid();
  const fa = {};
  posix_spawn_file_actions_init(fa);
  posix_spawn_file_actions_addopen(fa, 1, "/tmp/spawned.txt", O_WRONLY | O_CREAT | O_TRUNC, 0o644);
  const pidBox = { value: 0 };
  const err = await posix_spawn(pidBox, "/bin/echo", fa, null, ["echo", "from", "spawn"], ["PATH=/bin"]);
  const st = { value: 0 };
  const w1 = await waitpid(pidBox.value, st, 0);
  const fd = await open("/tmp/spawned.txt", O_RDONLY);
  const buf = new Uint8Array(64);
  const n = await read(fd, buf);
  await close(fd);
  await write(1, `spawn err=${err} reaped=${w1 === pidBox.value} exited=${WIFEXITED(st.value)} status=${WEXITSTATUS(st.value)} file=${JSON.stringify(new TextDecoder().decode(buf.subarray(0, n)))}\n`);

  let childSawPid = 0;
  const pid2 = await vfork(async () => {
    childSawPid = await getpid();
    await execve("/bin/sh", ["sh", "-c", "exit 7"], []);
    await _exit(127);
  });
  const st2 = { value: 0 };
  await waitpid(pid2, st2, 0);
  await write(1, `vfork child-pid-differs=${childSawPid !== me && childSawPid === pid2} status=${WEXITSTATUS(st2.value)}\n`);

  const pid3 = await vfork(async () => {
    await execve("/nonexistent", ["x"], []);
    await _exit(127);
  });
  const st3 = { value: 0 };
  await waitpid(pid3, st3, 0);
  await write(1, `failed exec status=${WEXITSTATUS(st3.value)} parent-pid=${(await getpid()) === me}\n`);
  return 0;
}
