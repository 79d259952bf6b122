// Bundles the kernel's thread (dist/host/kernel_thread.js and everything it imports) into
// dist/kernel/, so that a machine boots from a few files instead of a hundred modules: Node
// loads each module file separately, and that, not the kernel, is most of the cost of boot().
// Programs stay in chunks of their own, loaded on first use. Names are kept for oops traces.
import { build } from "esbuild";

await build({
  entryPoints: ["dist/host/kernel_thread.js"],
  outdir: "dist/kernel",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  keepNames: true,
  logLevel: "warning",
});
