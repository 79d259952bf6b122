// Builds the toolchain's user programs (src/usr/toolchain: cc and kbuild) into Typix
// executables, dist/toolchain/NAME: "\x7fTJS\n" and one ES module. Their own files are bundled
// in (gcc is the C driver, installed as cc, gcc and clang); libc stays an import by header name ("unistd", "sys/stat") that the program's Worker links
// to its libc, and "typescript" and "llvm" are the compiler libraries the host provides.
import { build } from "esbuild";
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve, relative } from "node:path";

const LIBC = resolve("dist/lib/libc");
const libcByName = {
  name: "libc-by-header-name",
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      if (args.path === "typescript" || args.path === "llvm") return { path: args.path, external: true };
      if (!args.path.startsWith(".")) return undefined;
      const target = resolve(args.resolveDir, args.path);
      if (!target.startsWith(LIBC + "/")) return undefined;
      return { path: relative(LIBC, target).replace(/\.js$/, ""), external: true };
    });
  },
};

mkdirSync("dist/toolchain", { recursive: true });
for (const [name, entry] of [["cc", "cc"], ["gcc", "gcc"], ["ar", "ar"], ["kbuild", "kbuild_main"], ["kernel_build", "kernel_build_main"]]) {
  const r = await build({
    entryPoints: [`dist/usr/toolchain/${entry}.js`],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    keepNames: true,
    plugins: [libcByName],
    logLevel: "warning",
  });
  writeFileSync(`dist/toolchain/${name}`, "\x7fTJS\n" + r.outputFiles[0].text);
}
