// Snapshots of a machine, as a saved disk image: the root filesystem (a newc cpio, as a reboot
// hands it on), the bootloader's default kernel when it is not the embedded one, and the kernel
// log at the time it was taken. Processes and loaded modules are not kept: a machine booted from
// a snapshot starts fresh from those files (a module built before is there as its .ko, to load).
// The file form (`typix --save`, writeSnapshot) is a header line, a JSON description and the
// images; a kernel kept warm per snapshot (a spare, booted in the background) is what makes a
// restore take milliseconds.
import { readFileSync, writeFileSync } from "node:fs";
import type { Worker } from "node:worker_threads";
import type { NextBoot } from "./next_boot.js";
import { hostErrorText } from "./host_errors.js";

export interface Snapshot {
  /** The root filesystem as a newc cpio archive (what the machine unpacks as its initramfs). */
  readonly rootfs: Uint8Array;
  /** The bootloader menu's default kernel (/boot/grub/grub.cfg), as a reboot would boot it; null without a menu. */
  readonly kernel: NextBoot["kernel"];
  /** The kernel log when the snapshot was taken, as dmesg prints it: the restored machine's `dmesg({ previous: true })`. */
  readonly log: string;
}

const MAGIC = "TYPIX-SNAPSHOT 1\n";

/** The snapshot as the bytes of a file. */
export function encodeSnapshot(s: Snapshot): Uint8Array {
  const kernelImage = s.kernel?.image ?? null;
  const head = JSON.stringify({
    log: s.log, rootfs: s.rootfs.length,
    kernel: s.kernel ? { path: s.kernel.path, release: s.kernel.release, image: kernelImage?.length ?? null } : null,
  });
  const enc = new TextEncoder();
  const parts = [enc.encode(MAGIC), enc.encode(head + "\n"), s.rootfs, ...(kernelImage ? [kernelImage] : [])];
  return Buffer.concat(parts);
}

/** A snapshot from a file's bytes; an Error saying what is wrong with them otherwise. */
export function decodeSnapshot(bytes: Uint8Array): Snapshot | Error {
  const bad = new Error("not a Typix snapshot");
  const magic = new TextDecoder().decode(bytes.subarray(0, MAGIC.length));
  if (magic !== MAGIC) return bad;
  const nl = bytes.indexOf(10, MAGIC.length);
  if (nl < 0) return bad;
  let head: { log: string; rootfs: number; kernel: { path: string; release: string; image: number | null } | null };
  try {
    head = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length, nl)));
  } catch {
    return bad;
  }
  let at = nl + 1;
  const take = (n: number) => { const b = bytes.slice(at, at + n); at += n; return b; };
  const kernelBytes = head.kernel?.image ?? 0;
  if (typeof head.rootfs !== "number" || typeof head.log !== "string" || bytes.length !== at + head.rootfs + kernelBytes) {
    return new Error("truncated or damaged Typix snapshot");
  }
  const rootfs = take(head.rootfs);
  const kernel = head.kernel ? { path: head.kernel.path, release: head.kernel.release, image: head.kernel.image === null ? null : take(head.kernel.image) } : null;
  return { rootfs, kernel, log: head.log };
}

/** Save a snapshot to a host file. */
export function writeSnapshot(file: string, s: Snapshot): void {
  writeFileSync(file, encodeSnapshot(s));
}

/** Read a snapshot from a host file (throws "typix: FILE: ..." when it cannot be read or is not one). */
export function readSnapshot(file: string): Snapshot {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new Error(`typix: ${file}: ${hostErrorText(e)}`);
  }
  const s = decodeSnapshot(bytes);
  if (s instanceof Error) throw new Error(`typix: ${file}: ${s.message}`);
  return s;
}

export type Launched = { worker: Worker; bootMs: number };

/**
 * A kernel booted ahead, for the next boot with the same options: of a snapshot, or of
 * the embedded image (EMBEDDED).
 */
interface Spare { key: string; booting: Promise<Launched | null> }
const spares = new WeakMap<object, Spare>();
export const EMBEDDED = {};

/**
 * Boot in the background a spare machine from the snapshot (replacing one with other options).
 * Its thread does not keep the host process alive while it waits.
 */
export function prepareSpare(s: object, key: string, launch: () => Promise<Launched>): void {
  const have = spares.get(s);
  if (have && have.key === key) return;
  if (have) void have.booting.then((l) => l?.worker.terminate());
  const booting = launch().then((l) => {
    l.worker.unref();
    let dead = false;
    l.worker.once("exit", () => { dead = true; });
    return { ...l, get alive() { return !dead; } } as Launched & { alive: boolean };
  }, () => null);
  spares.set(s, { key, booting });
}

/** The spare booted from this snapshot with these options, if there is one (it is taken: the next boot needs another). */
export async function takeSpare(s: object, key: string): Promise<Launched | null> {
  const have = spares.get(s);
  if (!have || have.key !== key) return null;
  spares.delete(s);
  const l = (await have.booting) as (Launched & { alive: boolean }) | null;
  if (!l || !l.alive) return null;
  l.worker.ref();
  return { worker: l.worker, bootMs: l.bootMs };
}
