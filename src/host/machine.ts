// The library's face: boot() starts a Typix machine (its kernel on a thread of its own) and
// returns a Machine to run commands in, move files in and out, and read the kernel log.
import { Worker } from "node:worker_threads";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { HostReply, HostRequest } from "./kernel_services.js";

export interface BootConfig {
  /** Kernel command line, e.g. "loglevel=7 panic_on_oops=1". */
  cmdline?: string;
  hostname?: string;
  /** A root filesystem image to use instead of the embedded one. */
  image?: Uint8Array;
}

export interface RunOptions {
  /** Run as this user: "user" (uid 1000, the default) or "root". */
  user?: "user" | "root";
  cwd?: string;
  env?: Record<string, string>;
  stdin?: string | Uint8Array;
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
}

export class Machine {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private exited = false;

  constructor(private readonly worker: Worker, readonly bootMs: number) {
    worker.on("message", (m: HostReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === "output") { p.out?.(m.fd, m.data); return; }
      if (m.type === "started") { p.started?.(m.pid); return; }
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    worker.on("exit", () => {
      this.exited = true;
      for (const p of this.pending.values()) p.reject(new Error("typix: the machine has stopped"));
      this.pending.clear();
    });
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
    const done = this.execute(argv, opts, onPid);
    done.catch(() => {});
    return { pid, done, kill: async (signal = 15) => this.kill(await pid, signal) };
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
    const stdin = typeof opts.stdin === "string" ? new TextEncoder().encode(opts.stdin) : opts.stdin ?? null;
    const waitStatus = await this.request<number>(
      { op: "spawn", argv, env, cwd: opts.cwd ?? env.HOME, uid: root ? 0 : 1000, gid: root ? 0 : 1000, stdin } as any,
      (fd, d) => (fd === 1 ? stdout : stderr).push(d),
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

  /** Stop the machine. */
  async shutdown(): Promise<void> {
    if (this.exited) return;
    await this.worker.terminate();
  }
}

/** Boot a Typix machine. */
export async function boot(config: BootConfig = {}): Promise<Machine> {
  const image = config.image ?? (embeddedImage ??= new Uint8Array(readFileSync(IMAGE_PATH)));
  const worker = new Worker(new URL("./kernel_thread.js", import.meta.url), {
    workerData: { image, cmdline: config.cmdline ?? "", hostname: config.hostname },
  });
  const bootMs = await new Promise<number>((resolve, reject) => {
    worker.once("message", (m) => (m.type === "booted" ? resolve(m.bootMs) : reject(new Error("typix: boot failed"))));
    worker.once("error", reject);
  });
  return new Machine(worker, bootMs);
}
