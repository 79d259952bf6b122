// The normalisation both sides of the golden strace comparison go through: keep the lines
// between the two marker calls and replace only what legitimately differs between two runs or
// two machines — addresses, process ids, the node name — then re-pad "= " to column 40 as
// strace does, since a replaced value changes a line's length.

export const BEGIN = 'access("/golden/begin", F_OK)';
export const END = 'access("/golden/end", F_OK)';

/** strace's layout: the call, then "= " at column 40 (or after one space when longer). */
export function pad(call: string, ret: string): string {
  return `${(call + " ").padEnd(40)}= ${ret}`;
}

/** A line split into its call and return value, or null (a signal or exit line). */
export function splitLine(line: string): { call: string; ret: string } | null {
  const m = /^(.*\))( +)= (.*)$/.exec(line);
  return m ? { call: m[1], ret: m[3] } : null;
}

/** The lines from the begin marker to the end marker, normalised. */
export function normalise(log: string): string[] {
  const lines = log.split("\n");
  const from = lines.findIndex((l) => l.startsWith(BEGIN));
  const to = lines.findIndex((l) => l.startsWith(END));
  if (from < 0 || to < from) throw new Error("strace log without both golden markers");
  return lines.slice(from, to + 1).map(normaliseLine);
}

export function normaliseLine(line: string): string {
  const parts = splitLine(line);
  if (!parts) return line;
  let { call, ret } = parts;
  const sub = (s: string) => s
    .replace(/0x[0-9a-f]{5,}/g, "ADDR")
    .replace(/nodename="[^"]*"/, 'nodename="NODE"')
    .replace(/^kill\(\d+, /, "kill(PID, ");
  call = sub(call);
  ret = sub(ret);
  if (/^(getpid|gettid)\(\)$/.test(call)) ret = ret.replace(/^\d+$/, "PID");
  if (call === "getppid()") ret = ret.replace(/^\d+$/, "PPID");
  return pad(call, ret);
}
