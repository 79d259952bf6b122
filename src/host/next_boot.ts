// What a reboot hands to the host, on the kernel's thread: the root filesystem (as a cpio
// archive, to come back as the next kernel's initramfs) and the kernel to boot, the default
// entry of the bootloader's menu (/boot/grub/grub.cfg, written by `make install`).
import { exportRootfs } from "../init/rootfs_export.js";
import { rootPath } from "../fs/mount.js";
import { pathLookup } from "../fs/namei.js";
import { getInitTask } from "../kernel/exit.js";
import { S_IFMT, S_IFREG } from "../include/uapi/stat.js";
import type { FileData } from "../fs/tmpfs.js";
import { readGrubCfg, GRUB_CFG } from "../usr/toolchain/kernel_install.js";

export interface NextBoot {
  rootfs: Uint8Array;
  /** The menu's default kernel: its path, release and image (null when the file cannot be read); null without a menu. */
  kernel: { path: string; release: string; image: Uint8Array | null } | null;
  /** What the host fed to running commands' standard input and they had not read, by request id. */
  unreadStdin?: Record<number, Uint8Array>;
}

/** A regular file of the root filesystem, or null. */
function readRootFile(path: string): Uint8Array | null {
  try {
    const p = pathLookup(getInitTask()!, rootPath(), path, { follow: true });
    const i = p.dentry.inode;
    if ((i.mode & S_IFMT) !== S_IFREG || !(i.priv && "data" in i.priv)) return null;
    const fd = i.priv as FileData;
    return fd.data.slice(0, fd.size);
  } catch {
    return null;
  }
}

export function nextBoot(): NextBoot {
  const rootfs = exportRootfs();
  const cfg = readRootFile(GRUB_CFG);
  if (!cfg) return { rootfs, kernel: null };
  const menu = readGrubCfg(new TextDecoder().decode(cfg));
  const entry = menu.entries[menu.default] ?? menu.entries[0];
  if (!entry) return { rootfs, kernel: null };
  return { rootfs, kernel: { path: entry.kernel, release: entry.release, image: readRootFile(entry.kernel) } };
}
