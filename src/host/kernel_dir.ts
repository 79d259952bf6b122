// `typix --kernel DIR`: build the kernel of a host copy of the source tree (a copy of the
// machine's /usr/src/linux, or of the package's dist/linux) with the same build program that
// `make` runs inside Typix, and hand the image to boot(). The shipped kernel image, from which
// unchanged sources' objects are taken, is the package's dist/vmlinuz.
import { readFileSync, existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { hostFiles } from "../kbuild/host_files.js";
import { buildKernel, buildDate } from "../usr/toolchain/kernel_build.js";
import { readManifest, MANIFEST } from "../usr/toolchain/kernel_tree.js";

export const SHIPPED_IMAGE = fileURLToPath(new URL("../vmlinuz", import.meta.url));
/** The source tree the package ships (what the machine's /usr/src/linux holds). */
export const SHIPPED_TREE = fileURLToPath(new URL("../linux", import.meta.url));

/** Build DIR's kernel; the image, or an Error whose message says why (build output already printed). */
export async function buildKernelDir(dir: string, print: (l: string) => void, printErr: (l: string) => void): Promise<Uint8Array | Error> {
  const src = resolve(dir);
  if (!existsSync(src) || !statSync(src).isDirectory()) return new Error(`typix: ${dir}: No such directory`);
  if (!existsSync(`${src}/Makefile`)) return new Error(`typix: ${dir}: not a kernel source tree (no Makefile)`);
  const memory = new Map<string, string | Uint8Array>();
  const manifest = readManifest(existsSync(`${src}/${MANIFEST}`) ? readFileSync(`${src}/${MANIFEST}`, "utf8") : null);
  if (manifest.image && existsSync(SHIPPED_IMAGE) && !existsSync(manifest.image)) memory.set(manifest.image, readFileSync(SHIPPED_IMAGE));
  const image = await buildKernel({ files: hostFiles(memory), src, print, printErr, date: buildDate() });
  return image ?? new Error(`typix: ${dir}: the kernel build failed`);
}
