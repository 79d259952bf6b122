// start_kernel: bring the machine up. The log gets its banner, the filesystems are registered,
// the embedded root filesystem is unpacked into a tmpfs root, /dev, /proc and /sys are
// mounted, drivers register, and init (PID 1) is started from /sbin/init.
import { printk, pr_info, pr_notice, setBootTime, uptimeUsec } from "./printk.js";
import { utsname, linuxBanner } from "./utsname.js";
import { registerFilesystem, getFsType, mountRoot, mountAt, rootPath } from "../fs/mount.js";
import { tmpfsType, ramfsType } from "../fs/tmpfs.js";
import { Task } from "./task.js";
import { Cred } from "./cred.js";
import { FdTable } from "../fs/fdtable.js";
import { registerTask } from "./pid.js";
import { setInitTask } from "./exit.js";
import { enqueueTask, current, leaveCpu } from "./sched.js";
import { doExecve } from "./exec.js";
import { setSystemPrograms, type ProgramTable } from "./binfmt_system.js";
import { unpackRootfs } from "../init/initramfs.js";
import { pathLookup } from "../fs/namei.js";
import { runInitcalls } from "./initcall.js";
import { openPath } from "../fs/open.js";
import { O_RDWR, O_NOCTTY } from "../include/uapi/fcntl.js";
import { panic } from "./panic.js";
import { bootParams } from "./params.js";
import "./binfmt_system.js";
import { setTrapBackend } from "../lib/libc/arch/trap.js";
import { kthreadBackend } from "./kthread_entry.js";
import "./all_subsystems.js";

export interface BootOptions {
  /** The root filesystem image (newc cpio). */
  image: Uint8Array;
  /** The kernel command line ("loglevel=4 panic_on_oops=1 ..."). */
  cmdline?: string;
  /** The system programs the image's /bin files name. */
  programs: ProgramTable;
  hostname?: string;
}

let bootedAt = 0;
export function bootTimeMs(): number { return bootedAt; }

/** Boot the kernel. Returns the init task once it has been started. */
export function startKernel(opts: BootOptions): Task {
  setBootTime(performance.now());
  bootedAt = Date.now();
  const cmdline = opts.cmdline ?? "";
  bootParams.parse(cmdline);
  if (opts.hostname) utsname.nodename = opts.hostname;
  printk(`\x015${linuxBanner()}`);
  printk(`\x016Command line: ${cmdline}\n`);
  runInitcalls("core");

  registerFilesystem(tmpfsType);
  registerFilesystem(ramfsType);
  runInitcalls("fs");
  const rootSb = tmpfsType.mount("rootfs", 0, "mode=0755");
  mountRoot(rootSb, "rootfs");
  const root = rootPath();

  const init = new Task(1, new Cred(0, 0), { root, cwd: root, umask: 0o022, users: 1 }, new FdTable(), null, 0);
  init.comm = "swapper/0";
  init.pgid = 1;
  init.sid = 1;
  registerTask(init);
  setInitTask(init);

  unpackRootfs(init, opts.image);
  pr_info(`Unpacking initramfs... done (${opts.image.length} bytes)`);
  for (const [fs, at] of [["devtmpfs", "/dev"], ["proc", "/proc"], ["sysfs", "/sys"]] as const) {
    try {
      const type = getFsType(fs);
      mountAt(pathLookup(init, root, at, { follow: true, directory: true }), type.mount(fs, 0, ""), fs === "devtmpfs" ? "devtmpfs" : fs, 0, "");
    } catch {
      printk(`\x013Failed to mount ${fs} on ${at}\n`);
    }
  }
  runInitcalls("device");
  runInitcalls("late");
  setSystemPrograms(opts.programs);
  setTrapBackend(kthreadBackend);

  // Logged before boot returns (init runs when the scheduler first picks it), so that a log
  // cursor taken after boot never sees it.
  pr_info(`Run /sbin/init as init process`);
  enqueueTask(init, () => {
    void (async () => {
      try {
        const console = pathLookup(init, root, "/dev/console", { follow: true });
        for (let fd = 0; fd < 3; fd++) init.files.install(await openPath(init, console, O_RDWR | O_NOCTTY));
      } catch {
        pr_notice("Warning: unable to open an initial console.");
      }
      try {
        await doExecve(init, root, "/sbin/init", ["/sbin/init"], ["HOME=/", "TERM=linux"]);
      } catch {
        panic("No working init found.  Try passing init= option to kernel.");
      }
      if (current === init) leaveCpu();
    })();
  });
  return init;
}

export { uptimeUsec };
