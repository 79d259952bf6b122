// The toolchain's part of the image: libc's headers at /usr/include, the kernel's build
// directory at /usr/src/linux-headers-RELEASE (with /lib/modules/RELEASE/build pointing at it)
// and its scripts/kbuild, and cc at /usr/bin/cc. Made by mkheaders.mjs and mktools.mjs.
import { readFileSync } from "node:fs";

export async function addToolchain(entries, addDir, walk) {
  const { TYPIX_RELEASE } = await import("../dist/kernel/utsname.js");
  const headers = `/usr/src/linux-headers-${TYPIX_RELEASE}`;
  addDir("/usr/include");
  walk("dist/usr-include", "/usr/include");
  addDir(headers);
  walk("dist/linux-headers", headers);
  addDir(`${headers}/scripts`);
  addDir(`/lib/modules/${TYPIX_RELEASE}`);
  const exe = (data) => ({ mode: 0o100755, uid: 0, gid: 0, data });
  entries.set(`${headers}/scripts/kbuild`, exe(readFileSync("dist/toolchain/kbuild")));
  entries.set("/usr/bin/cc", exe(readFileSync("dist/toolchain/cc")));
  entries.set(`/lib/modules/${TYPIX_RELEASE}/build`, { mode: 0o120777, uid: 0, gid: 0, data: new TextEncoder().encode(headers) });
}
