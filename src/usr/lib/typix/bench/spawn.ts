// bench spawn ROUNDS: posix_spawn of /bin/true and waitpid for it, ROUNDS times; prints the
// median time of one round in microseconds as "spawn_wait_us".
import { waitpid } from "../../../../lib/libc/sys/wait.js";
import { libc, val, type Spawn } from "./libc.js";
import { nowNs, median, intArg } from "./clock.js";

export async function benchSpawn(args: string[], _self: string, envp: string[]): Promise<string> {
  const rounds = intArg(args[0], 500);
  const spawn = await libc<Spawn>("spawn", ["posix_spawn"]);
  const us: number[] = [];
  const status = { value: 0 };
  for (let i = 0; i < rounds; i++) {
    const pid = { value: 0 };
    const t0 = nowNs();
    const e = await val(spawn.posix_spawn(pid, "/bin/true", null, null, ["true"], envp));
    if (e !== 0) throw new Error(`posix_spawn /bin/true failed (${e})`);
    if ((await waitpid(pid.value, status, 0)) !== pid.value) throw new Error("waitpid failed");
    us.push((nowNs() - t0) / 1e3);
    if (status.value !== 0) throw new Error(`/bin/true exited with status 0x${status.value.toString(16)}`);
  }
  return `spawn_wait_us ${median(us).toFixed(2)}\n`;
}
