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
}

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
  /** Fixed input, or "pipe": fed while the program runs with Process.writeStdin/closeStdin. */
  stdin?: string | Uint8Array | "pipe";
  /** Output as it is written (it is collected in the result as well, unless collect is false). */
  onOutput?: (fd: 1 | 2, data: Uint8Array) => void;
  collect?: boolean;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  /** The exit status (0-255), or 128+N for a process killed by signal N, as shells report it. */
  status: number;
  /** The raw wait status word. */
  waitStatus: number;
}

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
let embeddedImage: Uint8Array | null = null;

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

type Launch = (next?: LaunchOverride) => Promise<{ worker: Worker; bootMs: number }>;

export class Machine {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private exited = false;
  private worker!: Worker;
  private powerListeners = new Set<(e: PowerEvent) => void>();
  private consoleListeners = new Set<(data: Uint8Array) => void>();
  /** Console output before anyone listened (boot messages), handed to the first listener. */
  private consoleBacklog: Uint8Array[] = [];

  constructor(worker: Worker, public bootMs: number, private readonly launch: Launch, private readonly cmdline = "") {
    this.attach(worker);
  }

  private attach(worker: Worker): void {
    this.worker = worker;
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
      void this.power(worker, "reboot");
    });
    worker.once("exit", stop);
  }

  private failPending(why: string): void {
    for (const p of this.pending.values()) p.reject(new Error(why));
    this.pending.clear();
  }

  /** reboot(2) was called: restart the kernel on a fresh thread, or stop for good. */
  private async power(worker: Worker, event: PowerEvent, next?: NextBoot): Promise<void> {
    if (worker !== this.worker) return;
    if (event !== "reboot") {
      this.exited = true;
      this.failPending(`typix: the machine was ${event === "halt" ? "halted" : "powered off"}`);
      await worker.terminate();
    } else {
      this.worker = null as unknown as Worker;
      this.failPending("typix: the machine rebooted");
      await worker.terminate();
      // The bootloader: the default kernel of the menu, with the root filesystem as it was.
      const booted = await bootNext(next, this.launch, (line) => this.bootMessage(line));
      this.bootMs = booted.bootMs;
      this.attach(booted.worker);
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

  private request<T>(req: Omit<HostRequest, "id">, out?: Pending["out"], started?: Pending["started"]): Promise<T> {
    if (this.exited) return Promise.reject(new Error("typix: the machine has stopped"));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, out, started });
      this.worker.postMessage({ ...req, id });
    });
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
    const id = this.nextId;
    const done = this.execute(argv, opts, onPid);
    done.catch(() => {});
    const stdinMsg = (data: Uint8Array | null) => {
      if (!this.exited) this.worker.postMessage({ id: 0, op: "stdin", target: id, data });
    };
    return {
      pid, done, kill: async (signal = 15) => this.kill(await pid, signal),
      writeStdin: (data) => stdinMsg(typeof data === "string" ? new TextEncoder().encode(data) : data),
      closeStdin: () => stdinMsg(null),
    };
  }

  private async execute(argv: string[], opts: RunOptions, onPid: (pid: number) => void): Promise<RunResult> {
    const root = opts.user === "root";
    const stdout: Uint8Array[] = [];
    const stderr: Uint8Array[] = [];
    const env = {
      PATH: root ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" : "/usr/local/bin:/usr/bin:/bin",
      HOME: root ? "/root" : "/home/user", USER: root ? "root" : "user", LOGNAME: root ? "root" : "user",
      SHELL: "/bin/sh", TERM: "xterm", LANG: "C.UTF-8", ...opts.env,
    };
    const stream = opts.stdin === "pipe";
    const stdin = stream ? null : typeof opts.stdin === "string" ? new TextEncoder().encode(opts.stdin) : opts.stdin ?? null;
    const collect = opts.collect ?? true;
    const waitStatus = await this.request<number>(
      { op: "spawn", argv, env, cwd: opts.cwd ?? env.HOME, uid: root ? 0 : 1000, gid: root ? 0 : 1000, groups: root ? [0] : [1000, 27], stdin, stdinStream: stream } as any,
      (fd, d) => {
        opts.onOutput?.(fd as 1 | 2, d);
        if (collect) (fd === 1 ? stdout : stderr).push(d);
      },
      onPid,
    );
    const dec = (parts: Uint8Array[]) => Buffer.concat(parts).toString("utf8");
    const sig = waitStatus & 0x7f;
    return { stdout: dec(stdout), stderr: dec(stderr), waitStatus, status: sig ? 128 + sig : (waitStatus >> 8) & 0xff };
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
  writeFile(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    return this.request({ op: "writeFile", path, data: bytes, mode } as any);
  }

  /** The kernel log, as `dmesg` prints it. */
  dmesg(): Promise<string> {
    return this.request({ op: "dmesg" } as any);
  }

  /** Bytes typed on the console's keyboard (the line discipline echoes and edits them). */
  consoleInput(data: string | Uint8Array): void {
    if (this.exited) return;
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    this.worker.postMessage({ id: 0, op: "consoleInput", data: bytes });
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
    if (!this.exited) this.worker.postMessage({ id: 0, op: "consoleResize", cols, rows });
  }

  /**
   * Start a program on the console (by default the user's shell, as after a login): its own
   * session, the console as its controlling terminal and standard input, output and error.
   */
  openConsole(opts: ConsoleOptions = {}): ConsoleSession {
    const root = opts.user === "root";
    const home = root ? "/root" : "/home/user";
    const env = {
      PATH: root ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" : "/usr/local/bin:/usr/bin:/bin",
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
    await this.worker.terminate();
  }
}

/** Start a kernel thread and wait until it has booted. */
async function launchKernel(config: BootConfig, next: LaunchOverride = {}): Promise<{ worker: Worker; bootMs: number }> {
  const image = next.image ?? config.image ?? (embeddedImage ??= new Uint8Array(readFileSync(IMAGE_PATH)));
  const kernelImage = next.kernel !== undefined ? next.kernel : config.kernel ?? null;
  const kernel = kernelImage ? loadKernelImage(kernelImage) : null;
  const heartbeat = new SharedArrayBuffer(HEARTBEAT_BYTES);
  const worker = new Worker(kernel?.thread ?? KERNEL_THREAD, {
    workerData: {
      image, heartbeat, cmdline: config.cmdline ?? "", hostname: config.hostname, runtime: (kernel?.runtime ?? USER_RUNTIME).href,
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
  if (booted.mountErrors?.length) {
    await worker.terminate();
    throw new Error(`typix: cannot mount ${booted.mountErrors[0]}`);
  }
  return { worker, bootMs: booted.bootMs };
}

/** Boot a Typix machine. */
export async function boot(config: BootConfig = {}): Promise<Machine> {
  const launch = (next?: LaunchOverride) => launchKernel(config, next);
  const { worker, bootMs } = await launch();
  return new Machine(worker, bootMs, launch, config.cmdline ?? "");
}
