// mmap(2) protections and flags.
export const PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
export const MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20;
export const MAP_GROWSDOWN = 0x100, MAP_NORESERVE = 0x4000, MAP_POPULATE = 0x8000, MAP_FIXED_NOREPLACE = 0x100000;
export const MAP_FAILED = -1;
export const PAGE_SIZE = 4096;
