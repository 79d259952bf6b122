// <unistd.h>: the POSIX system-call wrappers. Each returns the result, or -1 with errno set,
// as glibc's do; one that slept returns a promise (Sys<number>), so callers always `await`.
// Buffers may be addresses in the process's memory (from malloc) or JavaScript values, which
// are copied through the process's scratch area. The wrappers live in unistd_*.ts by theme.
export * from "./unistd_io.js";
export * from "./unistd_fs.js";
export * from "./unistd_ids.js";
export * from "./unistd_proc.js";
export * from "./getopt.js";
