// How many arguments each system call takes (strace's syscallent nargs column, the x86_64
// ABI): a call with no decoder of its own prints that many arguments in hex, as strace's
// printargs does. Calls not listed print all six.
const BY_COUNT: Record<number, string> = {
  0: "sched_yield pause getpid getppid getuid geteuid getgid getegid gettid getpgrp setsid fork vfork "
    + "sync munlockall rt_sigreturn restart_syscall inotify_init vhangup",
  1: "close dup brk exit exit_group chdir fchdir rmdir unlink umask alarm uname times getpgid getsid "
    + "setuid setgid setfsuid setfsgid personality epoll_create epoll_create1 pipe mlockall sysinfo acct "
    + "swapoff iopl time fsync fdatasync shmdt set_tid_address timer_getoverrun timer_delete inotify_init1 "
    + "eventfd sched_get_priority_max sched_get_priority_min sched_getscheduler syncfs io_destroy unshare",
  2: "msgget fsopen ioprio_get getpriority rt_sigsuspend rt_sigpending access creat dup2 pipe2 link "
    + "symlink rename mkdir chmod fchmod truncate ftruncate getcwd kill tkill nanosleep gettimeofday "
    + "settimeofday getrlimit setrlimit getrusage setpgid setreuid setregid getgroups setgroups "
    + "sethostname setdomainname flock listen shutdown sigaltstack munmap mlock munlock umount2 swapon "
    + "utime utimes statfs fstatfs stat fstat lstat clock_gettime clock_settime clock_getres "
    + "sched_setparam sched_getparam sched_rr_get_interval capget capset pivot_root timerfd_gettime "
    + "inotify_rm_watch eventfd2 memfd_create delete_module io_setup getitimer timer_gettime",
  3: "shmctl read write open lseek mprotect ioctl readv writev madvise dup3 fcntl getdents getdents64 "
    + "readlink chown fchown lchown mknod mkdirat unlinkat symlinkat fchmodat faccessat futimesat "
    + "setresuid setresgid getresuid getresgid tgkill socket connect accept bind getsockname getpeername "
    + "setitimer msync mincore shmget shmat semget semop getrandom sched_setscheduler sched_getaffinity "
    + "sched_setaffinity execve poll setpriority rt_sigqueueinfo init_module finit_module "
    + "inotify_add_watch timer_create ioprio_set getcpu seccomp membarrier mlock2 close_range sendmsg "
    + "recvmsg",
  4: "faccessat2 rt_sigaction rt_sigprocmask pread64 pwrite64 openat mknodat newfstatat renameat "
    + "readlinkat utimensat wait4 sendfile socketpair accept4 epoll_ctl epoll_wait timerfd_settime "
    + "clock_nanosleep rt_tgsigqueueinfo signalfd4 fallocate prlimit64 timer_settime semctl reboot "
    + "quotactl request_key ptrace tee vmsplice sync_file_range msgsnd",
  5: "mremap select waitid prctl setsockopt getsockopt fchownat linkat renameat2 keyctl mount statx "
    + "perf_event_open add_key ppoll msgrcv kcmp clone execveat fsconfig io_getevents",
  6: "mmap sendto recvfrom pselect6 epoll_pwait futex splice copy_file_range process_vm_readv "
    + "process_vm_writev move_pages mbind preadv2 pwritev2 io_pgetevents",
};

export const NARGS = new Map<string, number>();
for (const [n, names] of Object.entries(BY_COUNT)) for (const name of names.split(/\s+/)) NARGS.set(name, Number(n));

/** The argument count strace shows for a call without a decoder of its own. */
export function nargsOf(name: string): number {
  return NARGS.get(name) ?? 6;
}
