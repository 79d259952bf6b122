// C user programs: WebAssembly modules (include/uapi/wasm_abi.ts) run each in its own Worker,
// as binfmt_elf runs ELF files. exec checks the module's magic, compiles it (once per file
// version: kernel/wasm_module.ts caches the Module), checks its imports and exports, lays out a
// 32-bit stack and hands the compiled Module to the Worker (host/wasm_runtime.ts).
import { registerBinfmt, beginNewExec } from "./exec.js";
import { startWorkerProgram, workerHostReady } from "./binfmt_js.js";
import { compileWasmProgram } from "./wasm_module.js";
import { Errno } from "./errors.js";
import { ENOEXEC } from "../include/uapi/errno.js";
import { isWasm } from "../include/uapi/wasm_abi.js";
import "./fork_wasm.js";

const stampOf = (ts: { sec: number; nsec: number }) => ts.sec * 1e9 + ts.nsec;

registerBinfmt({
  name: "wasm",
  match: isWasm,
  async load(t, img) {
    if (!workerHostReady()) throw new Error("no worker host");
    const inode = img.path.dentry.inode;
    const prog = await compileWasmProgram(inode, { size: inode.size, mtime: stampOf(inode.mtime), ctime: stampOf(inode.ctime) }, img.bytes);
    if (!prog) throw new Errno(ENOEXEC);
    const base = img.filename.split("/").pop() || img.filename;
    const sp = await beginNewExec(t, img, base, { dataEnd: prog.info.dataEnd });
    startWorkerProgram(t, { kind: "wasm", module: prog.mod }, sp);
  },
});
