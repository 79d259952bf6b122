// sleep: pause for NUMBER seconds (GNU coreutils: fractions and the suffixes s, m, h, d; the
// arguments add up).
import { write } from "../../lib/libc/unistd.js";
import { nanosleep } from "../../lib/libc/unistd_proc.js";

const UNITS: Record<string, number> = { "": 1, s: 1, m: 60, h: 3600, d: 86400 };

export default async function main(argv: string[]): Promise<number> {
  const args = argv.slice(1);
  if (args[0] === "--help") {
    await write(1, "Usage: sleep NUMBER[SUFFIX]...\n  or:  sleep OPTION\nPause for NUMBER seconds.  SUFFIX may be 's' for seconds (the default),\n'm' for minutes, 'h' for hours or 'd' for days.  NUMBER need not be an\ninteger.  Given two or more arguments, pause for the amount of time\nspecified by the sum of their values.\n");
    return 0;
  }
  if (args.length === 0) {
    await write(2, "sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  let total = 0;
  let bad = false;
  for (const a of args) {
    const m = /^\+?(\d+\.?\d*|\.\d+)(?:e([+-]?\d+))?([smhd]?)$/.exec(a) ?? /^(inf(?:inity)?)()([smhd]?)$/i.exec(a);
    if (!m) {
      await write(2, `sleep: invalid time interval '${a}'\n`);
      bad = true;
      continue;
    }
    const value = /^inf/i.test(m[1]) ? Infinity : Number(m[1]) * 10 ** Number(m[2] || 0);
    total += value * UNITS[m[3]];
  }
  if (bad) {
    await write(2, "Try 'sleep --help' for more information.\n");
    return 1;
  }
  while (total > 0) {
    const chunk = Math.min(total, 86400 * 365);
    const sec = Math.floor(chunk);
    const r = await nanosleep({ tv_sec: sec, tv_nsec: Math.round((chunk - sec) * 1e9) });
    if (r < 0) return 1;
    total -= chunk;
  }
  return 0;
}
