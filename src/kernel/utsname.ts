// The system's identity, as uname(2) and /proc/sys/kernel report it.
export const TYPIX_RELEASE = "6.6.0-typix";
export const utsname = {
  sysname: "Linux",
  nodename: "typix",
  release: TYPIX_RELEASE,
  version: "#1 SMP PREEMPT_DYNAMIC Typix",
  machine: "x86_64",
  domainname: "(none)",
};
