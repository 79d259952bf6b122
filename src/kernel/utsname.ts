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
