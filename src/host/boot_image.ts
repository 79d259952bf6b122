// Loading a kernel image (src/usr/toolchain/kernel_image.ts: a built /usr/src/linux's bzImage)
// for a kernel thread: its modules are written once to a directory of the host's temporary
// directory named by the image's digest, which Node imports them from, with the host's
// libraries that user programs link to (typescript) reachable from there. The image's own user
// runtime and libc go with it, so programs always run on the ABI of the kernel they call.
import { mkdirSync, writeFileSync, existsSync, symlinkSync, renameSync, rmSync, readdirSync, statSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { readKernelImage } from "../usr/toolchain/kernel_image.js";

export interface LoadedKernel {
  release: string;
  version: string;
  /** The kernel thread's entry module. */
  thread: URL;
  /** The user programs' runtime. */
  runtime: URL;
}

/** The directory of the host's `typescript` package, for programs of the loaded kernel. */
function typescriptDir(): string | null {
  try {
    const main = fileURLToPath(import.meta.resolve("typescript"));
    let d = dirname(main);
    while (!existsSync(join(d, "package.json")) && d !== dirname(d)) d = dirname(d);
    return d;
  } catch {
    return null;
  }
}

/** Unpacked kernels not booted for a day are removed (booting one touches its .complete). */
const KEEP_MS = 24 * 3600 * 1000;
function prune(root: string, keep: string): void {
  try {
    for (const name of readdirSync(root)) {
      const p = join(root, name);
      const used = existsSync(join(p, ".complete")) ? join(p, ".complete") : p;
      if (p !== keep && Date.now() - statSync(used).mtimeMs > KEEP_MS) rmSync(p, { recursive: true, force: true });
    }
  } catch { /* another process pruned first */ }
}

/** Unpack an image for booting; throws Error("not a Typix kernel image ...") and the like. */
export function loadKernelImage(image: Uint8Array): LoadedKernel {
  const img = readKernelImage(image);
  const hash = createHash("sha256").update(image).digest("hex").slice(0, 24);
  const dir = join(tmpdir(), "typix-kernels", `${img.release}-${hash}`);
  if (!existsSync(join(dir, ".complete"))) {
    const tmp = `${dir}.${process.pid}.${Date.now()}`;
    for (const [path, text] of img.modules) {
      if (path.split("/").includes("..") || path.startsWith("/")) throw new Error(`kernel image member '${path}' is outside the tree`);
      mkdirSync(dirname(join(tmp, path)), { recursive: true });
      writeFileSync(join(tmp, path), text);
    }
    writeFileSync(join(tmp, "package.json"), '{ "type": "module" }\n');
    const ts = typescriptDir();
    if (ts) {
      mkdirSync(join(tmp, "node_modules"), { recursive: true });
      symlinkSync(ts, join(tmp, "node_modules", "typescript"), "dir");
    }
    writeFileSync(join(tmp, ".complete"), "");
    try {
      renameSync(tmp, dir);
    } catch {
      rmSync(tmp, { recursive: true, force: true }); // another process unpacked it first
    }
    prune(dirname(dir), dir);
  }
  try { writeFileSync(join(dir, ".complete"), ""); } catch { /* read-only: fine */ }
  return {
    release: img.release, version: img.version, runtime: pathToFileURL(join(dir, img.runtime)),
    thread: pathToFileURL(join(dir, img.entry)),
  };
}
