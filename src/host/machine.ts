// The library's face: boot() starts a Typix machine (its kernel on a thread of its own) and
// returns a Machine to run commands in, move files in and out, and read the kernel log; and a
// console: a terminal whose bytes the host exchanges (consoleInput, onConsoleOutput) with a
// shell on it (openConsole).
import { Worker } from "node:worker_threads";
import { readFileSync, existsSync, statSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { HostReply, HostRequest } from "./kernel_services.js";
import { loadKernelImage } from "./boot_image.js";
import { bootNext, untilBooted, type LaunchOverride } from "./bootloader.js";
import type { NextBoot } from "./next_boot.js";
import { HEARTBEAT_BYTES, heartbeats, watchKernel, lockupLimitMs } from "./heartbeat.js";
import { defaultPath } from "../usr/lib/paths.js";
import { LOG_MIRROR_BYTES, logMirrors, readMirroredLog } from "./log_mirror.js";
import { prepareSpare, takeSpare, EMBEDDED, type Snapshot, type Launched } from "./snapshot.js";

export interface BootConfig {
  /** Kernel command line, e.g. "loglevel=7 panic_on_oops=1". */
  cmdline?: string;
  hostname?: string;
  /** A root filesystem image to use instead of the embedded one. */
  image?: Uint8Array;
  /** A kernel image (a kernel tree's arch/x86/boot/bzImage) to boot instead of the embedded kernel. */
  kernel?: Uint8Array;
  /** Host directories to mount (hostfs) once the root filesystem is unpacked. */
  mounts?: HostDirMount[];
  /**
   * Boot from a snapshot (Machine.snapshot(), readSnapshot): its root filesystem and default
   * kernel, its log as `dmesg({ previous: true })`. Processes and loaded modules are not kept.
   */
  from?: Snapshot;
  /**
   * Boot the next machine in the background, so that the next boot with the same options takes
   * about a millisecond: with `from`, from the same snapshot (default true); without, of the
   * embedded image (default false; not with `image` or `kernel`).
   */
  keepWarm?: boolean;
}

/** A position in a machine's kernel log (Machine.logCursor): `dmesg({ since })` prints what came after it. */
export type LogCursor = string;

export interface HostDirMount {
  /** The host directory. */
  host: string;
  /** Where it appears in the machine (created if missing). */
  guest: string;
  /** Mounted read-only: writes fail with EROFS. */
  readonly?: boolean;
  /** The owner its files appear to have: "user" (uid 1000, the default) or "root". */
  owner?: "user" | "root";
}

export interface ConsoleOptions {
  /** The session's user: "user" (uid 1000, the default) or "root". */
  user?: "user" | "root";
  /** The terminal's size. */
  cols?: number;
  rows?: number;
  /** The program to run (default: a login shell, /bin/sh). */
  argv?: string[];
  env?: Record<string, string>;
  cwd?: string;
}

export interface RunOptions {
  /** Run as this user: "user" (uid 1000, the default) or "root". */
  user?: "user" | "root";
  cwd?: string;
  env?: Record<string, string>;
  /**
   * Fixed input, or "pipe": fed while the program runs with Process.writeStdin/closeStdin;
   * "lines": the same, each read returning at most one line, as from a terminal.
   */
  stdin?: string | Uint8Array | "pipe" | "lines";
  /** Output as it is written (it is collected in the result as well, unless collect is false). */
  onOutput?: (fd: 1 | 2, data: Uint8Array) => void;
  collect?: boolean;
  /** Kill the program with SIGKILL after this many milliseconds (the result says timedOut; status 137). */
  timeout?: number;
  /** At most this many bytes of stdout and stderr together are kept (default 64 MiB); the result says truncated. */
  outputLimit?: number;
}

export interface WriteFileOptions {
  /** The file's mode, set exactly (the umask does not apply). */
  mode?: number;
  uid?: number | "user" | "root";
  gid?: number | "user" | "root";
  /** Create missing directories on the way (mode 0755, owned as the file). */
  mkdir?: boolean;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** The exit status (0-255), or 128+N for a process killed by signal N, as shells report it. */
  status: number;
  /** The raw wait status word. */
  waitStatus: number;
  /** Killed because it ran longer than the run's timeout. */
  timedOut?: boolean;
  /** Output past the run's outputLimit was dropped. */
  truncated?: boolean;
  /** The kernel locked up while it ran and the machine was reset: the soft-lockup report. */
  lockup?: string[];
}

const DEFAULT_OUTPUT_LIMIT = 64 << 20;

const IMAGE_PATH = fileURLToPath(new URL("../rootfs.cpio", import.meta.url));
/**
 * The kernel thread: the bundle the build makes (scripts/bundle.mjs), unless the compiled modules
 * are newer than it (a `tsc` without the rest of the build), then the modules themselves.
 */
const BUNDLE = new URL("../kernel/kernel_thread.js", import.meta.url);
const KERNEL_THREAD = bundleIsFresh() ? BUNDLE : new URL("./kernel_thread.js", import.meta.url);

function bundleIsFresh(): boolean {
  const bundle = fileURLToPath(BUNDLE);
  if (!existsSync(bundle)) return false;
  const built = statSync(bundle).mtimeMs;
  const dist = fileURLToPath(new URL("..", import.meta.url));
  const newer = (dir: string): boolean => readdirSync(dir, { withFileTypes: true }).some((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name !== "kernel" && newer(p);
    return e.name.endsWith(".js") && statSync(p).mtimeMs > built;
  });
  return !newer(dist);
}
const USER_RUNTIME = new URL("./user_runtime.js", import.meta.url);
/** The machine's C compiler Worker (host/compiler_worker.ts), started by the kernel thread on the first compile. */
const COMPILER_WORKER = new URL("./compiler_worker.js", import.meta.url);
let embeddedImage: Uint8Array | null = null;
/** The digests of the JavaScript programs the image ships (scripts/mkimage.mjs): only they link the host's libraries. */
const TRUSTED_PROGRAMS = new URL("../trusted_programs.json", import.meta.url);
let trusted: string[] | null = null;
function trustedPrograms(): string[] {
  if (trusted === null) {
    try {
      trusted = JSON.parse(readFileSync(TRUSTED_PROGRAMS, "utf8")) as string[];
    } catch {
      trusted = [];
    }
  }
  return trusted;
}

type Pending = {
  resolve: (v: any) => void;
  reject: (e: Error) => void;
  out?: (fd: number, d: Uint8Array) => void;
  started?: (pid: number) => void;
};

/** A process started with Machine.start(): its pid, and its result when it ends. */
export interface Process {
  pid: Promise<number>;
  done: Promise<RunResult>;
  kill(signal?: number): Promise<void>;
  /** With stdin "pipe": more input, and its end. */
  writeStdin(data: string | Uint8Array): void;
  closeStdin(): void;
}

/** The program on the console: its pid, and its wait status when it ends. */
export interface ConsoleSession {
  pid: Promise<number>;
  /** The exit status as a shell reports it (128+N for signal N). */
  done: Promise<number>;
}

/** What happened to a machine's power: reboot(2) or the reboot and poweroff commands. */
export type PowerEvent = "reboot" | "poweroff" | "halt";

type Launch = (next?: LaunchOverride) => Promise<Launched>;

export class Machine {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private exited = false;
  /** The kernel thread; null while a reboot starts the next one. */
  private worker: Worker | null = null;
  /** While a reboot is under way: settles when the next kernel is up (or could not start). */
  private rebooting: Promise<void> | null = null;
  private powerListeners = new Set<(e: PowerEvent) => void>();
  private consoleListeners = new Set<(data: Uint8Array) => void>();
  /** Console output before anyone listened (boot messages), handed to the first listener. */
  private consoleBacklog: Uint8Array[] = [];

  private readonly cmdline: string;
  /** Boots of this machine so far: a log cursor belongs to one. */
  private boots = 0;

  constructor(worker: Worker, public bootMs: number, private readonly launch: Launch, private readonly config: BootConfig = {}, previousLog = "") {
    this.cmdline = config.cmdline ?? "";
    this.previousLog = previousLog;
    this.attach(worker);
  }

  private attach(worker: Worker): void {
    this.worker = worker;
    this.boots++;
    this.watchLockup(worker);
    worker.on("message", (m: HostReply | { type: "power"; event: PowerEvent; next?: NextBoot }) => {
      if (m.type === "power") { void this.power(worker, m.event, m.next); return; }
      if (m.type === "console") { this.emitConsole(m.data); return; }
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === "output") { p.out?.(m.fd, m.data); return; }
      if (m.type === "started") { p.started?.(m.pid); return; }
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    worker.on("exit", () => {
      if (worker !== this.worker) return;
      this.exited = true;
      this.failPending("typix: the machine has stopped");
    });
  }

  /** A kernel thread that stops answering is reported on the console and the machine reset. */
  private watchLockup(worker: Worker): void {
    const sab = heartbeats.get(worker), limit = lockupLimitMs(this.cmdline);
    if (!sab || limit === 0) return;
    const stop = watchKernel(sab, limit, (lines) => {
      if (worker !== this.worker) return;
      this.emitConsole(new TextEncoder().encode(lines.map((l) => l + "\r\n").join("")));
      void this.power(worker, "reboot", undefined, lines);
    });
    worker.once("exit", stop);
  }

  private failPending(why: string): void {
    for (const p of this.pending.values()) p.reject(new Error(why));
    this.pending.clear();
  }

  /** reboot(2) was called: restart the kernel on a fresh thread, or stop for good. */
  private async power(worker: Worker, event: PowerEvent, next?: NextBoot, lockup?: string[]): Promise<void> {
    if (worker !== this.worker) return;
    // The log of the boot that ends, from its mirror (the kernel thread may be stuck).
    const mirror = logMirrors.get(worker);
    if (mirror) this.previousLog = readMirroredLog(mirror) + (lockup ? lockup.join("\n") + "\n" : "");
    if (event !== "reboot") {
      this.exited = true;
      this.failPending(`typix: the machine was ${event === "halt" ? "halted" : "powered off"}`);
      await worker.terminate();
    } else {
      this.worker = null;
      const unread = next?.unreadStdin ?? {};
      const why = lockup ? "typix: the kernel locked up; the machine was reset" : "typix: the machine rebooted";
      for (const [id, p] of this.pending) p.reject(Object.assign(new Error(why), { unreadStdin: unread[id], lockup }));
      this.pending.clear();
      let up!: () => void;
      this.rebooting = new Promise<void>((r) => (up = r));
      try {
        await worker.terminate();
        // The bootloader: the default kernel of the menu, with the root filesystem as it was.
        const booted = await bootNext(next, this.launch, (line) => this.bootMessage(line));
        this.bootMs = booted.bootMs;
        if (this.exited) { await booted.worker.terminate(); return; } // shut down meanwhile
        this.attach(booted.worker);
      } catch (e) {
        this.exited = true;
        this.bootMessage(`typix: the machine could not boot again: ${(e as Error).message}`);
        event = "halt";
      } finally {
        this.rebooting = null;
        up();
      }
    }
    for (const fn of this.powerListeners) fn(event);
  }

  private bootListeners = new Set<(line: string) => void>();
  private bootMessage(line: string): void {
    this.emitConsole(new TextEncoder().encode(line + "\r\n"));
    for (const fn of this.bootListeners) fn(line);
  }
  /** Be told what the bootloader says on a reboot (a kernel that failed to start, the fallback). */
  onBootMessage(fn: (line: string) => void): () => void {
    this.bootListeners.add(fn);
    return () => this.bootListeners.delete(fn);
  }

  /** Be told when the machine reboots (it is running again) or powers off (it has stopped). */
  onPower(fn: (e: PowerEvent) => void): () => void {
    this.powerListeners.add(fn);
    return () => this.powerListeners.delete(fn);
  }

  private async request<T>(req: Omit<HostRequest, "id">, out?: Pending["out"], started?: Pending["started"], id = this.nextId++): Promise<T> {
    // A request made during a reboot goes to the next kernel, once it is up.
    while (this.rebooting) await this.rebooting;
    if (this.exited || !this.worker) throw new Error("typix: the machine has stopped");
    const worker = this.worker;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, out, started });
      worker.postMessage({ ...req, id });
    });
  }

  /** A message for the running kernel; dropped while there is none (a reboot in progress, or stopped). */
  private post(msg: object): void {
    if (!this.exited && this.worker) this.worker.postMessage(msg);
  }

  /** Run a program (argv[0] is a path or a name looked up in PATH by the shell: use run() for that). */
  spawn(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
    return this.start(argv, opts).done;
  }

  /** Send a signal to a process, as root would. */
  kill(pid: number, signal = 15): Promise<void> {
    return this.request({ op: "kill", pid, sig: signal } as any);
  }

  /** Start a program and return at once: its pid, and a promise of its result. */
  start(argv: string[], opts: RunOptions = {}): Process {
    let onPid: (pid: number) => void = () => {};
    const pid = new Promise<number>((r) => (onPid = r));
    const id = this.nextId++;
    const done = this.execute(argv, opts, onPid, id);
    done.catch(() => {});
    const stdinMsg = (data: Uint8Array | null) => this.post({ id: 0, op: "stdin", target: id, data });
    return {
      pid, done, kill: async (signal = 15) => this.kill(await pid, signal),
      writeStdin: (data) => stdinMsg(typeof data === "string" ? new TextEncoder().encode(data) : data),
      closeStdin: () => stdinMsg(null),
    };
  }

  private async execute(argv: string[], opts: RunOptions, onPid: (pid: number) => void, id: number): Promise<RunResult> {
    const root = opts.user === "root";
    const stdout: Uint8Array[] = [];
    const stderr: Uint8Array[] = [];
    const env = {
      PATH: defaultPath(root ? 0 : 1000),
      HOME: root ? "/root" : "/home/user", USER: root ? "root" : "user", LOGNAME: root ? "root" : "user",
      SHELL: "/bin/sh", TERM: "xterm", LANG: "C.UTF-8", ...opts.env,
    };
    const stream = opts.stdin === "pipe" ? true : opts.stdin === "lines" ? "lines" : false;
    const stdin = stream ? null : typeof opts.stdin === "string" ? new TextEncoder().encode(opts.stdin) : opts.stdin ?? null;
    const collect = opts.collect ?? true;
    const limit = opts.outputLimit ?? DEFAULT_OUTPUT_LIMIT;
    let collected = 0, truncated = false, timedOut = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const started = (pid: number) => {
      onPid(pid);
      if (opts.timeout !== undefined) {
        // The program's whole process group (it leads one), so what it started dies with it.
        timer = setTimeout(() => { timedOut = true; this.kill(-pid, 9).catch(() => {}); }, opts.timeout);
      }
    };
    let waitStatus: number;
    try {
      waitStatus = await this.request<number>(
        { op: "spawn", argv, env, cwd: opts.cwd ?? env.HOME, uid: root ? 0 : 1000, gid: root ? 0 : 1000, groups: root ? [0] : [1000, 27], stdin, stdinStream: stream } as any,
        (fd, d) => {
          opts.onOutput?.(fd as 1 | 2, d);
          if (!collect) return;
          // Past the limit the output is dropped: a program printing for ever costs bounded memory.
          const room = limit - collected;
          if (room <= 0) { truncated = true; return; }
          if (d.length > room) { truncated = true; d = d.subarray(0, room); }
          collected += d.length;
          (fd === 1 ? stdout : stderr).push(d);
        },
        started,
        id,
      );
    } catch (e) {
      // The kernel locked up and the machine was reset: the program is gone, as if killed.
      const lockup = (e as { lockup?: string[] }).lockup;
      if (!lockup) throw e;
      const dec = (parts: Uint8Array[]) => Buffer.concat(parts).toString("utf8");
      return { stdout: dec(stdout), stderr: dec(stderr), waitStatus: 9, status: 137, lockup };
    } finally {
      clearTimeout(timer);
    }
    const dec = (parts: Uint8Array[]) => Buffer.concat(parts).toString("utf8");
    const sig = waitStatus & 0x7f;
    const r: RunResult = { stdout: dec(stdout), stderr: dec(stderr), waitStatus, status: sig ? 128 + sig : (waitStatus >> 8) & 0xff };
    if (timedOut) r.timedOut = true;
    if (truncated) r.truncated = true;
    return r;
  }

  /** Run a shell command line with /bin/sh -c. */
  run(commandLine: string, opts: RunOptions = {}): Promise<RunResult> {
    return this.spawn(["/bin/sh", "-c", commandLine], opts);
  }

  readFile(path: string): Promise<Uint8Array> {
    return this.request({ op: "readFile", path } as any);
  }
  async readTextFile(path: string): Promise<string> {
    return new TextDecoder().decode(await this.readFile(path));
  }
  /**
   * Write a guest file, as root. A number is the mode a new file gets (default 0644, less
   * nothing); options: `mode` (set exactly, new file or not), `uid`/`gid` (the owner, as the
   * student would own the file; "user" and "root" stand for 1000 and 0), `mkdir` (create the
   * missing directories, owned likewise).
   */
  writeFile(path: string, data: string | Uint8Array, modeOrOptions: number | WriteFileOptions = 0o644): Promise<void> {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    const id = (u: number | "user" | "root" | undefined) => (u === "user" ? 1000 : u === "root" ? 0 : u);
    const o = modeOrOptions;
    const opts = typeof o === "number" ? { createMode: o }
      : { createMode: o.mode ?? 0o644, mode: o.mode, uid: id(o.uid), gid: id(o.gid), mkdir: o.mkdir };
    return this.request({ op: "writeFile", path, data: bytes, opts } as any);
  }

  /** The log of the boot before the last reboot or reset (ending with the lockup report after a reset). */
  private previousLog: string;

  /**
   * The kernel log, as `dmesg` prints it; with `since` (a logCursor()), only the records logged
   * after it (all of this boot's when the cursor is from an earlier boot); with `previous`, the
   * log of the boot that the last reboot or reset ended (or of the machine a snapshot was taken of).
   */
  async dmesg(opts: { previous?: boolean; since?: LogCursor } = {}): Promise<string> {
    if (opts.previous) return this.previousLog;
    let since = 0;
    if (opts.since !== undefined) {
      const m = /^(\d+):(\d+)$/.exec(opts.since);
      if (!m) throw new TypeError(`typix: not a log cursor: ${JSON.stringify(opts.since)}`);
      while (this.rebooting) await this.rebooting;
      if (Number(m[1]) === this.boots) since = Number(m[2]);
    }
    return this.request({ op: "dmesg", since } as any);
  }

  /** Where the kernel log is now: `dmesg({ since: cursor })` later prints only what was logged after this. */
  async logCursor(): Promise<LogCursor> {
    const seq = await this.request<number>({ op: "logCursor" } as any);
    return `${this.boots}:${seq}`;
  }

  /**
   * A snapshot of the machine as a saved disk image: its root filesystem, the bootloader's
   * default kernel and the kernel log. boot({ from: snap }) starts a machine with those files
   * (running processes and loaded modules are not kept: a built module is there to load).
   * A machine from it is prepared in the background at once, so that the first boot({ from })
   * with this machine's options is fast too (unless keepWarm is false).
   */
  async snapshot(opts: { keepWarm?: boolean } = {}): Promise<Snapshot> {
    const s = await this.request<Snapshot>({ op: "snapshot" } as any);
    if (opts.keepWarm ?? true) keepWarm(s, this.config);
    return s;
  }

  /** Bytes typed on the console's keyboard (the line discipline echoes and edits them). */
  consoleInput(data: string | Uint8Array): void {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    this.post({ id: 0, op: "consoleInput", data: bytes });
  }

  /** Get the console's output (the terminal's screen). Returns a function to stop listening. */
  onConsoleOutput(fn: (data: Uint8Array) => void): () => void {
    this.consoleListeners.add(fn);
    if (this.consoleBacklog.length) {
      const backlog = this.consoleBacklog;
      this.consoleBacklog = [];
      for (const d of backlog) fn(d);
    }
    return () => this.consoleListeners.delete(fn);
  }

  /** The console's terminal has a new size (its foreground processes get SIGWINCH). */
  resizeConsole(cols: number, rows: number): void {
    this.post({ id: 0, op: "consoleResize", cols, rows });
  }

  /**
   * Start a program on the console (by default the user's shell, as after a login): its own
   * session, the console as its controlling terminal and standard input, output and error.
   */
  openConsole(opts: ConsoleOptions = {}): ConsoleSession {
    const root = opts.user === "root";
    const home = root ? "/root" : "/home/user";
    const env = {
      PATH: defaultPath(root ? 0 : 1000),
      HOME: home, USER: root ? "root" : "user", LOGNAME: root ? "root" : "user",
      SHELL: "/bin/sh", TERM: "xterm-256color", LANG: "C.UTF-8", ...opts.env,
    };
    let onPid: (pid: number) => void = () => {};
    const pid = new Promise<number>((r) => (onPid = r));
    const done = this.request<number>({
      op: "openConsole", argv: opts.argv ?? ["/bin/sh"], env, cwd: opts.cwd ?? home,
      uid: root ? 0 : 1000, gid: root ? 0 : 1000, groups: root ? [0] : [1000, 27], cols: opts.cols ?? 80, rows: opts.rows ?? 24,
    } as any, undefined, onPid).then((ws) => ((ws & 0x7f) ? 128 + (ws & 0x7f) : (ws >> 8) & 0xff));
    done.catch(() => {});
    return { pid, done };
  }

  private emitConsole(data: Uint8Array): void {
    if (this.consoleListeners.size === 0) {
      this.consoleBacklog.push(data);
      return;
    }
    for (const fn of this.consoleListeners) fn(data);
  }

  /** Stop the machine. */
  async shutdown(): Promise<void> {
    if (this.exited) return;
    this.exited = true;
    this.failPending("typix: the machine has stopped");
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
    // A reboot under way sees exited and stops the kernel it started.
    if (this.rebooting) await this.rebooting;
  }
}

/** Start a kernel thread and wait until it has booted. */
async function launchKernel(config: BootConfig, next: LaunchOverride = {}): Promise<{ worker: Worker; bootMs: number }> {
  const image = next.image ?? config.image ?? (embeddedImage ??= new Uint8Array(readFileSync(IMAGE_PATH)));
  const kernelImage = next.kernel !== undefined ? next.kernel : config.kernel ?? null;
  const kernel = kernelImage ? loadKernelImage(kernelImage) : null;
  const heartbeat = new SharedArrayBuffer(HEARTBEAT_BYTES);
  const logMirror = new SharedArrayBuffer(LOG_MIRROR_BYTES);
  const worker = new Worker(kernel?.thread ?? KERNEL_THREAD, {
    workerData: {
      image, heartbeat, logMirror, cmdline: config.cmdline ?? "", hostname: config.hostname, runtime: (kernel?.runtime ?? USER_RUNTIME).href,
      compiler: COMPILER_WORKER.href, trusted: trustedPrograms(),
      mounts: (config.mounts ?? []).map((m) => ({
        host: m.host, guest: m.guest, readonly: m.readonly ?? false,
        uid: m.owner === "root" ? 0 : 1000, gid: m.owner === "root" ? 0 : 1000,
      })),
    },
  });
  const booted = await (kernel ? untilBooted(worker) : new Promise<{ bootMs: number; mountErrors?: string[] }>((resolve, reject) => {
    worker.once("message", (m) => (m.type === "booted" ? resolve(m) : reject(new Error("typix: boot failed"))));
    worker.once("error", reject);
  }));
  heartbeats.set(worker, heartbeat);
  logMirrors.set(worker, logMirror);
  if (booted.mountErrors?.length) {
    await worker.terminate();
    throw new Error(`typix: cannot mount ${booted.mountErrors[0]}`);
  }
  return { worker, bootMs: booted.bootMs };
}

/** The options a spare machine must have been booted with to stand for a boot({ from }). */
function spareKey(config: BootConfig): string {
  return JSON.stringify([config.cmdline ?? "", config.hostname ?? null, config.mounts ?? [], config.image ? config.image.length : null]);
}

/** A machine booted from a snapshot: its root filesystem (a reset comes back to it) and kernel. */
function snapshotLaunch(s: Snapshot, config: BootConfig): { launch: Launch; first: () => Promise<Launched> } {
  const launch = (next?: LaunchOverride) => launchKernel({ ...config, image: s.rootfs, kernel: undefined }, next);
  return { launch, first: () => bootNext({ rootfs: s.rootfs, kernel: s.kernel }, launch, () => {}) };
}

function keepWarm(s: Snapshot, config: BootConfig): void {
  const { first } = snapshotLaunch(s, config);
  prepareSpare(s, spareKey(config), first);
}

/** Boot a Typix machine. */
export async function boot(config: BootConfig = {}): Promise<Machine> {
  const s = config.from;
  if (!s) {
    const launch = (next?: LaunchOverride) => launchKernel(config, next);
    const warm = config.keepWarm === true && !config.image && !config.kernel;
    const { worker, bootMs } = (warm && await takeSpare(EMBEDDED, spareKey(config))) || await launch();
    if (warm) setImmediate(() => prepareSpare(EMBEDDED, spareKey(config), () => launch()));
    return new Machine(worker, bootMs, launch, config);
  }
  const { launch, first } = snapshotLaunch(s, config);
  const warm = config.keepWarm ?? true;
  const { worker, bootMs } = (warm && await takeSpare(s, spareKey(config))) || await first();
  // The next spare is started after this boot has returned: starting a thread takes a few ms.
  if (warm) setImmediate(() => keepWarm(s, config));
  return new Machine(worker, bootMs, launch, config, s.log);
}
