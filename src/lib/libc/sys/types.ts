// <sys/types.h>: the integer types, as TypeScript aliases (all are numbers at run time).
export type pid_t = number;
export type uid_t = number;
export type gid_t = number;
export type mode_t = number;
export type off_t = number;
export type ssize_t = number;
export type size_t = number;
export type dev_t = number;
export type ino_t = number;
export type nlink_t = number;
export type time_t = number;
export type blksize_t = number;
export type blkcnt_t = number;
