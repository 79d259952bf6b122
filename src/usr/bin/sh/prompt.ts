// The interactive prompt: PS1's bash escapes (\u \h \H \w \W \$ \n \\ \e \[ \]), so that the
// default "\u@\h:\w\$ " reads user@typix:~$ (root@typix:/etc# for root).
import type { ShellState } from "./state.js";
import { passwd } from "./users.js";
import { geteuid, gethostname } from "../../../lib/libc/unistd.js";

export async function promptText(sh: ShellState, ps: string): Promise<string> {
  const uid = await geteuid();
  const user = (await passwd()).find((p) => p.uid === uid)?.name ?? sh.get("USER") ?? String(uid);
  const host = ((await gethostname()) as string | null) ?? "localhost";
  const pwd = sh.get("PWD") ?? "";
  const home = sh.get("HOME");
  const w = home && home !== "/" && (pwd === home || pwd.startsWith(home + "/")) ? "~" + pwd.slice(home.length) : pwd;
  return ps.replace(/\\(.)/g, (_m, c: string) => {
    switch (c) {
      case "u": return user; case "h": return host.split(".")[0]; case "H": return host;
      case "w": return w; case "W": return w === "~" || w === "/" ? w : w.slice(w.lastIndexOf("/") + 1);
      case "$": return uid === 0 ? "#" : "$"; case "n": return "\n"; case "\\": return "\\";
      case "e": return "\x1b"; case "[": case "]": return "";
    }
    return "\\" + c;
  });
}
