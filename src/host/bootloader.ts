// The machine's bootloader, on the host: after a reboot it starts the kernel the guest's menu
// names as default (/boot/grub/grub.cfg; src/host/next_boot.ts reads it on the old kernel's
// thread) with the root filesystem the old kernel handed over. The shipped kernel boots from
// the package's bundle; any other from its image (boot_image.ts). A kernel that cannot be read
// or fails to start is reported as GRUB reports it, and the previous kernel — the embedded
// one — boots instead, with the same root filesystem.
import type { Worker } from "node:worker_threads";
import { readKernelImageInfo } from "../usr/toolchain/kernel_image.js";
import { UTS_RELEASE, UTS_VERSION } from "../include/generated/utsrelease.js";
import type { NextBoot } from "./next_boot.js";

/** What a launch may replace: the root filesystem image, the kernel image (null: the embedded kernel). */
export interface LaunchOverride { image?: Uint8Array; kernel?: Uint8Array | null }
type Launch = (next?: LaunchOverride) => Promise<{ worker: Worker; bootMs: number }>;

/** How long a kernel loaded from an image may take to boot before it is taken as failed. */
const BOOT_TIMEOUT_MS = 30_000;

/** Wait for a kernel thread's "booted" message; reject if it fails, exits or takes too long. */
export function untilBooted(worker: Worker): Promise<{ bootMs: number; mountErrors?: string[] }> {
  return new Promise((resolve, reject) => {
    const done = (f: () => void) => { clearTimeout(timer); worker.off("exit", onExit); f(); };
    const timer = setTimeout(() => done(() => { void worker.terminate(); reject(new Error(`no sign of life after ${BOOT_TIMEOUT_MS / 1000} s`)); }), BOOT_TIMEOUT_MS);
    const onExit = (code: number) => done(() => reject(new Error(`its thread exited (code ${code})`)));
    worker.once("message", (m) => done(() => (m.type === "booted" ? resolve(m) : reject(new Error("boot failed")))));
    worker.once("error", (e) => done(() => { void worker.terminate(); reject(e); }));
    worker.once("exit", onExit);
  });
}

/** Is this image the embedded kernel (same release and build)? Then its bundle boots faster. */
function isEmbedded(image: Uint8Array): boolean {
  try {
    const info = readKernelImageInfo(image);
    return info.release === UTS_RELEASE && info.version === UTS_VERSION;
  } catch {
    return false;
  }
}

export async function bootNext(next: NextBoot | undefined, launch: Launch, say: (line: string) => void): Promise<{ worker: Worker; bootMs: number }> {
  if (!next) return launch(); // a reset: the embedded kernel and image
  const k = next.kernel;
  const fallback = (why: string[]) => {
    why.forEach(say);
    say(`Falling back to 'Typix GNU/Linux, with Linux ${UTS_RELEASE}'.`);
    return launch({ image: next.rootfs, kernel: null });
  };
  if (!k) return launch({ image: next.rootfs, kernel: null });
  if (!k.image) return fallback([`error: file '${k.path}' not found.`]);
  if (isEmbedded(k.image)) return launch({ image: next.rootfs, kernel: null });
  try {
    return await launch({ image: next.rootfs, kernel: k.image });
  } catch (e) {
    const msg = (e as Error)?.message ?? String(e);
    return fallback([`error: kernel '${k.path}' (Linux ${k.release}) failed to start: ${msg.split("\n")[0]}`]);
  }
}
