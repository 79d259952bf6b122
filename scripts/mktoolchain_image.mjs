// The toolchain's part of the image: libc's headers at /usr/include (the C library's from
// dist/libc, made by mklibc.mjs, with crt1.o, libc.a, libm.a, libgcc.a and the empty libpthread.a, librt.a and libdl.a in /usr/lib), the kernel's build
// directory at /usr/src/linux-headers-RELEASE (with /lib/modules/RELEASE/build pointing at it)
// and its scripts/kbuild, and cc (also gcc, clang) and ar in /usr/bin. Made by mkheaders.mjs and mktools.mjs.
import { readFileSync } from "node:fs";

export async function addToolchain(entries, addDir, walk) {
  const { TYPIX_RELEASE } = await import("../dist/kernel/utsname.js");
  const headers = `/usr/src/linux-headers-${TYPIX_RELEASE}`;
  addDir("/usr/include");
  walk("dist/usr-include", "/usr/include");
  walk("dist/libc/include", "/usr/include"); // the C library's headers (scripts/mklibc.mjs)
  addDir(headers);
  walk("dist/linux-headers", headers);
  addDir(`${headers}/scripts`);
  addDir(`/lib/modules/${TYPIX_RELEASE}`);
  const exe = (data) => ({ mode: 0o100755, uid: 0, gid: 0, data });
  entries.set(`${headers}/scripts/kbuild`, exe(readFileSync("dist/toolchain/kbuild")));
  // The C driver, which hands .ts inputs to the TypeScript cc (src/usr/toolchain/gcc.ts's TS_CC).
  entries.set("/usr/bin/cc", exe(readFileSync("dist/toolchain/gcc")));
  addDir("/usr/lib/typix");
  entries.set("/usr/lib/typix/tscc", exe(readFileSync("dist/toolchain/cc")));
  const link = (to) => ({ mode: 0o120777, uid: 0, gid: 0, data: new TextEncoder().encode(to) });
  entries.set("/usr/bin/gcc", link("cc"));
  entries.set("/usr/bin/clang", link("cc"));
  entries.set("/usr/bin/ar", exe(readFileSync("dist/toolchain/ar")));
  addDir("/usr/lib");
  for (const name of ["crt1.o", "libc.a", "libm.a", "libgcc.a", "libpthread.a", "librt.a", "libdl.a"]) {
    entries.set(`/usr/lib/${name}`, { mode: 0o100644, uid: 0, gid: 0, data: readFileSync(`dist/libc/lib/${name}`) });
  }
  entries.set(`/lib/modules/${TYPIX_RELEASE}/build`, { mode: 0o120777, uid: 0, gid: 0, data: new TextEncoder().encode(headers) });
}
