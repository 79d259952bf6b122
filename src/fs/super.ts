// Superblock helpers: anonymous device numbers for filesystems without a block device
// (major 0, as Linux gives tmpfs, proc and sysfs).
import { MKDEV } from "../include/uapi/stat.js";

let nextAnonMinor = 20;
export function allocAnonDev(): number {
  return MKDEV(0, nextAnonMinor++);
}
