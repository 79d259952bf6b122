// include/linux/syscalls.d.ts: the prototypes of the system calls defined with SYSCALL_DEFINEn
// (Linux's include/linux/syscalls.h). One member per system call: its name, and its arguments
// as `name: "C type"`, in order. `asmlinkage long sys_hello_world(const char __user *msg,
// size_t len);` is written
//
//   hello_world: [msg: "const char __user *", len: "size_t"];
//
// The build refuses a SYSCALL_DEFINEn without a prototype here ("no previous prototype") or
// whose argument types differ from it ("conflicting types"). The older handler families
// (kernel/syscalls.ts's list) predate SYSCALL_DEFINE and have no entry here.
interface SyscallPrototypes {
}
