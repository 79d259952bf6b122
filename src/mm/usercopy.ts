// Hardened usercopy (Linux's mm/usercopy.c, written anew) and KASAN's check of a copy: before
// copy_to_user or copy_from_user touches a kernel heap buffer, the copy must lie inside the
// buffer's slab object (or vmalloc area). A NULL buffer, or a copy running past the object, is
// "usercopy: Kernel memory exposure attempt detected from ..." (to user space) or "overwrite
// attempt detected to ..." (from it), then BUG: an oops that kills the task. A copy inside the
// object but past what was allocated (kmalloc(50) lives in kmalloc-64), or into a freed
// object, is KASAN's to report; the copy then goes on within the buffer.
import { KBuffer } from "../include/linux/slab.js";
import { printk, KERN } from "../kernel/printk.js";
import { KernelBug } from "../kernel/panic.js";
import { kasanReportAccess } from "./kasan.js";

/** usercopy_abort: the message, then BUG() at mm/usercopy.c. */
export function usercopyAbort(name: string, detail: string | null, toUser: boolean, offset: number, len: number): never {
  const what = toUser ? "exposure" : "overwrite", dir = toUser ? "from" : "to";
  printk(KERN(0) + `usercopy: Kernel memory ${what} attempt detected ${dir} ${name}${detail ? ` '${detail}'` : ""} (offset ${offset}, size ${len})!\n`);
  throw new KernelBug("mm/usercopy.c:102");
}

/** check_object_size + KASAN's check: a copy of n bytes between user space and buf. */
export function checkObjectSize(buf: KBuffer | string | null | undefined, n: number, toUser: boolean): void {
  if (n <= 0 || typeof buf === "string") return;
  if (buf === null || buf === undefined) usercopyAbort("null address", null, toUser, 0, n);
  const obj = buf.object, off = buf.offset;
  const limit = obj.cache ? obj.cache.size : Math.ceil((obj.length || 1) / 4096) * 4096;
  if (off + n > limit) {
    if (obj.cache) usercopyAbort("SLUB object", obj.cache.name, toUser, off, n);
    usercopyAbort("vmalloc", null, toUser, off, n);
  }
  if (obj.freed || off + n > obj.length) kasanReportAccess(obj, off, n, !toUser);
}
