// The kernel's release and build strings (Linux's include/generated/utsrelease.h and
// compile.h). This is the shipped kernel's; the kernel build (/usr/src/linux's make) writes its
// own with the tree's release ("6.6.0-typix+" for a modified tree) and the build's number.
export const UTS_RELEASE = "6.6.0-typix";
export const UTS_VERSION = "#1 SMP PREEMPT_DYNAMIC Typix";
