// The module loader (Linux's kernel/module/main.c): init_module(2), finit_module(2) and
// delete_module(2). Loading checks the container and its vermagic, taints the kernel for
// out-of-tree and non-GPL modules, resolves every import against the symbol table, refuses
// duplicate exports, runs the module's code to collect its declarations, parses its
// parameters, makes /sys/module/NAME, runs init and marks it Live. See README.md.
import type { Task } from "../task.js";
import { Errno } from "../errors.js";
import { WaitQueue } from "../wait.js";
import { current } from "../sched.js";
import { EPERM, EEXIST, ENOEXEC, ENOENT, EINVAL, EBUSY, EAGAIN, EBADF, EOPNOTSUPP, ENAMETOOLONG, EFBIG } from "../../include/uapi/errno.js";
import { capable } from "../cred.js";
import { printk, KERN } from "../printk.js";
import { addTaint, getTaint, TAINT_OOT_MODULE, TAINT_PROPRIETARY_MODULE } from "../taint.js";
import { oopsHooks } from "../panic.js";
import { copyFromUser, strncpyFromUser } from "../../mm/uaccess.js";
import { fdget } from "../../fs/fdget.js";
import { IovIter } from "../../fs/iov_iter.js";
import type { File } from "../../fs/file.js";
import { kernelReadAll } from "../exec.js";
import { readKo, VERMAGIC, type ModuleImage } from "./format.js";
import { Module, modules, findModule, moduleName, moduleTaintLetters, moduleListHooks } from "./internal.js";
import { exportSymbol, findSymbol, unexportModule } from "./ksyms.js";
import { parseModuleArgs } from "./params.js";
import { refModule, unrefModules } from "./refcount.js";
import { moduleSysfsSetup, moduleSysfsAddHolder, moduleSysfsTeardown } from "./sysfs.js";
import { moduleApi } from "./runtime.js";
import { CODE_PARAMS } from "./macros.js";
import { moduleCodeCompiler } from "./code_loader.js";
import { loadWasmCode } from "./wasm_code.js";
import { moduleFrame, moduleSourceLine, CODE_URL } from "./symbolize.js";
import { kmemleakModuleGone } from "../../mm/kmemleak.js";
import "./procfs.js";
import "./kmod.js";
import type { UserPtr } from "../../mm/mm.js";
import { addTaintUnreliable } from "../lockdep.js";

const MODULE_NAME_LEN = 56;
export const MODULE_INIT_IGNORE_MODVERSIONS = 1, MODULE_INIT_IGNORE_VERMAGIC = 2, MODULE_INIT_COMPRESSED_FILE = 4;
const GPL_COMPATIBLE = ["GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL"];

let nextBase = 0;

export function licenseIsGplCompatible(lic: string): boolean {
  return GPL_COMPATIBLE.includes(lic);
}

const warn = (s: string) => printk(KERN(4) + s + "\n");
const err = (s: string) => printk(KERN(3) + s + "\n");

/** check_modinfo: vermagic, then the out-of-tree taint. */
function checkModinfo(img: ModuleImage, name: string, flags: number): void {
  const magic = flags & MODULE_INIT_IGNORE_VERMAGIC ? undefined : img.modinfo.find(([k]) => k === "vermagic")?.[1];
  // Without CONFIG_MODULE_FORCE_LOAD a module without (or told to ignore) its vermagic is refused.
  if (magic === undefined) throw new Errno(ENOEXEC);
  if (magic !== VERMAGIC) {
    err(`${name}: version magic '${magic}' should be '${VERMAGIC}'`);
    throw new Errno(ENOEXEC);
  }
}

function taintModule(m: Module): void {
  if (m.info("intree") === undefined) {
    if (!(getTaint() & TAINT_OOT_MODULE)) warn(`${m.name}: loading out-of-tree module taints kernel.`);
    addTaint(TAINT_OOT_MODULE);
    m.taints |= TAINT_OOT_MODULE;
  }
}

function licenseTaint(m: Module): void {
  if (licenseIsGplCompatible(m.license)) return;
  if (!(getTaint() & TAINT_PROPRIETARY_MODULE)) warn(`${m.name}: module license '${m.license}' taints kernel.`);
  addTaintUnreliable(TAINT_PROPRIETARY_MODULE);
  m.taints |= TAINT_PROPRIETARY_MODULE;
}

/** simplify_symbols: every import, or "Unknown symbol" for each missing one and ENOENT. */
function resolveImports(m: Module): Record<string, unknown> {
  const gplOk = licenseIsGplCompatible(m.license);
  const out: Record<string, unknown> = Object.create(null);
  let failed = false;
  for (const name of m.image.imports) {
    const s = findSymbol(name);
    // A C module's export takes C's arguments (kernel-memory addresses), which TypeScript code
    // does not pass: as a C module refuses a TypeScript export (wasm_code.ts), this is unknown.
    if (!s || (s.gpl && !gplOk) || (s.value as { cAbi?: boolean } | undefined)?.cAbi) {
      warn(`${m.name}: Unknown symbol ${name} (err -2)`);
      failed = true;
      continue;
    }
    if (s.get) Object.defineProperty(out, name, { get: s.get, enumerable: true });
    else out[name] = s.value;
  }
  if (failed) throw new Errno(ENOENT);
  return out;
}

/** verify_exported_symbols */
function checkExports(m: Module): void {
  for (const e of m.image.exports) {
    const s = findSymbol(e.name);
    if (s) {
      err(`${m.name}: exports duplicate symbol ${e.name} (owned by ${s.owner ?? "kernel"})`);
      throw new Errno(EEXIST);
    }
  }
}

/** Run the module's top level with its symbols; its declarations fill m. */
function evaluate(m: Module, syms: Record<string, unknown>): void {
  if (m.image.text.format === "wasm") {
    loadWasmCode(m, m.image.text.code);
    return;
  }
  let body: (...args: unknown[]) => unknown;
  try {
    body = moduleCodeCompiler.compile(`${m.image.text.code}\n//# sourceURL=${CODE_URL}${m.name}`, CODE_PARAMS);
  } catch {
    throw new Errno(ENOEXEC);
  }
  body(syms, moduleApi(m), m);
  for (const e of m.image.exports) if (!m.exportValues.has(e.name)) throw new Errno(ENOEXEC);
}

/** Woken when a module leaves the Loading state (module_wq). */
const moduleWq = new WaitQueue();

/**
 * add_unformed_module's check: a module of the same name that is still Loading (its init is
 * running, or oopsed and never finished) is waited for, interruptibly; a Live or Unloading one
 * makes the load fail with EEXIST.
 */
async function waitForFormer(name: string): Promise<void> {
  for (;;) {
    const old = findModule(name);
    if (!old) return;
    const t = current;
    if (old.state !== "Loading" || !t) throw new Errno(EEXIST);
    await moduleWq.waitEvent(t, () => findModule(name)?.state !== "Loading");
  }
}

/** Undo a load that got as far as the module list. */
function freeModule(m: Module): void {
  m.state = "Unloading";
  moduleSysfsTeardown(m);
  unrefModules(m);
  unexportModule(m.name);
  kmemleakModuleGone(m.name);
  for (const f of m.onFree.splice(0)) f();
  const i = modules.indexOf(m);
  if (i >= 0) modules.splice(i, 1);
  moduleWq.wakeUp();
}

/** load_module: the whole path from a .ko's bytes to a Live module. */
export async function loadModule(buf: Uint8Array, args: string, flags = 0): Promise<number> {
  const img = readKo(buf);
  const raw = img.modinfo.find(([k]) => k === "name")?.[1];
  if (!raw || raw.length >= MODULE_NAME_LEN) throw new Errno(ENOEXEC);
  const name = moduleName(raw);
  checkModinfo(img, name, flags);
  const pages = (n: number) => Math.ceil(n / 4096) * 4096;
  const m = new Module(name, img, pages(buf.length) + 8192, 0);
  taintModule(m);
  await waitForFormer(name);
  licenseTaint(m);
  const syms = img.text.format === "js" ? resolveImports(m) : {};
  checkExports(m);
  try {
    evaluate(m, syms);
    if (m.init) m.initsize = 4096;
    parseModuleArgs(name, m.params, args);
    if (findModule(name)) throw new Errno(EEXIST);
  } catch (e) {
    for (const f of m.onFree.splice(0)) f(); // what placing its code took (a C module's memory)
    throw e;
  }
  m.base = nextBase;
  nextBase += m.coresize;
  modules.push(m);
  for (const e of img.exports) exportSymbol({ name: e.name, value: m.exportValues.get(e.name), gpl: e.gpl, owner: name });
  for (const s of img.imports) {
    const owner = findSymbol(s)?.owner;
    const b = owner ? findModule(owner) : undefined;
    if (b) refModule(m, b);
  }
  moduleSysfsSetup(m);
  for (const b of m.uses) moduleSysfsAddHolder(b, m);
  moduleListHooks.changed();
  return doInitModule(m);
}

/**
 * do_init_module: run init; a failure frees the module. An init that oopses never returns, as
 * on Linux: the module stays Loading (in lsmod, its name, regions and devices taken; rmmod says
 * it is busy; a new load of the name waits) until reboot.
 */
async function doInitModule(m: Module): Promise<number> {
  let ret: number | void = 0;
  try {
    if (m.init) ret = await m.init();
  } catch (e) {
    if (!(e instanceof Errno)) throw e; // an oops: the dispatcher reports it and kills the task
    freeModule(m);
    return -e.errno;
  }
  if (typeof ret === "number" && ret < 0) {
    freeModule(m);
    return ret;
  }
  if (typeof ret === "number" && ret > 0) {
    warn(`${m.name}: '${m.name}'->init suspiciously returned ${ret}, it should follow 0/-E convention`);
  }
  m.state = "Live";
  moduleWq.wakeUp();
  return 0;
}

/** The result of a load as a syscall return: 0 or -errno. */
async function load(t: Task, buf: Uint8Array, uargs: UserPtr, flags: number): Promise<number> {
  const args = strncpyFromUser(t.mm!, uargs, 1 << 20);
  return loadModule(buf, args, flags);
}

/** implements init_module(2) */
function sys_init_module(t: Task, umod: number, len: number, uargs: number): Promise<number> {
  if (!capable(t.cred)) throw new Errno(EPERM);
  if (len < 0 || len > 64 << 20) throw new Errno(ENOEXEC);
  return load(t, copyFromUser(t.mm!, umod as UserPtr, len).slice(), uargs as UserPtr, 0);
}

/**
 * kernel_read_file: the whole file, read from offset 0 through the descriptor's own open file
 * (a host-mounted file needs the handle its open made), its position left alone.
 */
async function kernelReadFile(t: Task, file: File): Promise<Uint8Array> {
  const read = file.fop.readIter;
  if (!read) return kernelReadAll(t, file.path);
  const chunks: Uint8Array[] = [];
  const pos = { value: 0 };
  let total = 0;
  for (;;) {
    const buf = new Uint8Array(Math.max(4096, Math.min(file.inode.size - pos.value, 1 << 24)));
    const n = await read(file, IovIter.kernel(buf), pos, t);
    if (n <= 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
    if (total > 64 << 20) throw new Errno(EFBIG);
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}

/** implements finit_module(2) */
async function sys_finit_module(t: Task, fd: number, uargs: number, flags: number): Promise<number> {
  if (!capable(t.cred)) throw new Errno(EPERM);
  if (flags & ~(MODULE_INIT_IGNORE_MODVERSIONS | MODULE_INIT_IGNORE_VERMAGIC | MODULE_INIT_COMPRESSED_FILE)) throw new Errno(EINVAL);
  // No decompressor is built in (CONFIG_MODULE_DECOMPRESS off).
  if (flags & MODULE_INIT_COMPRESSED_FILE) throw new Errno(EOPNOTSUPP);
  const file = fdget(t, fd);
  if (!file.readable) throw new Errno(EBADF);
  const buf = await kernelReadFile(t, file);
  return load(t, buf, uargs as UserPtr, flags);
}

/** The module's removal once nothing holds it (free_module). */
export async function unloadModule(name: string): Promise<number> {
  const m = findModule(name);
  if (!m) throw new Errno(ENOENT);
  // Other modules depend on it, or it is in use: EWOULDBLOCK, as Linux's try_stop_module.
  if (m.holders.size) throw new Errno(EAGAIN);
  if (m.state !== "Live") throw new Errno(EBUSY);
  // A module with init but no exit is permanent (no CONFIG_MODULE_FORCE_UNLOAD).
  if (m.init && !m.exit) throw new Errno(EBUSY);
  if (m.refcnt !== 0) throw new Errno(EAGAIN);
  m.state = "Unloading";
  try {
    if (m.exit) await m.exit();
  } finally {
    freeModule(m);
  }
  return 0;
}

/** implements delete_module(2) */
function sys_delete_module(t: Task, uname: number, _flags: number): Promise<number> {
  if (!capable(t.cred)) throw new Errno(EPERM);
  let name: string;
  try {
    name = strncpyFromUser(t.mm!, uname as UserPtr, MODULE_NAME_LEN - 1);
  } catch (e) {
    // A longer name is cut at MODULE_NAME_LEN - 1, which no module has.
    if (e instanceof Errno && e.errno === ENAMETOOLONG) throw new Errno(ENOENT);
    throw e;
  }
  return unloadModule(name);
}

export const syscalls = { sys_init_module, sys_finit_module, sys_delete_module };

// The oops splat names module frames "fn+0xoff/0xlen [module]" and lists the loaded modules.
const coreFrame = oopsHooks.frame;
oopsHooks.frame = (fn, file, line, column) => moduleFrame(fn, file, line, column ?? 1) ?? coreFrame(fn, file, line, column);
oopsHooks.sourceLine = moduleSourceLine;
oopsHooks.modulesLinkedIn = () => [...modules].reverse().map((m) => {
  const t = moduleTaintLetters(m);
  return m.name + (t ? `(${t})` : "");
}).join(" ");
