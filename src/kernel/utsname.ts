// The system's identity, as uname(2) and /proc/sys/kernel report it.
import { UTS_RELEASE, UTS_VERSION } from "../include/generated/utsrelease.js";
export const TYPIX_RELEASE = UTS_RELEASE;
export const utsname = {
  sysname: "Linux",
  nodename: "typix",
  release: TYPIX_RELEASE,
  version: UTS_VERSION,
  machine: "x86_64",
  domainname: "(none)",
};

/** What the kernel runs on: Node's version where there is one (a browser has none). Read once,
 *  when this file loads: the kernel's thread removes the host's globals after boot. */
const HOST_VERSION = (globalThis as { process?: { version?: string } }).process?.version ?? "unknown";

/** The kernel's banner (Linux's linux_banner): the first line of the log and /proc/version. */
export function linuxBanner(): string {
  return `${utsname.sysname} version ${utsname.release} (typix@typix) (tsc (TypeScript) 5, node ${HOST_VERSION}) ${utsname.version}\n`;
}
