// The system programs of the image: where each is installed and how to load its code. The
// image builder (scripts/mkimage.mjs) writes a "\x7fTSP <name>" file at each path; exec looks
// the name up here. Programs are loaded on first use.
import { __libc_start_main, type Main } from "../lib/libc/crt0.js";

type Loader = () => Promise<{ default: Main }>;

/** name -> [install paths, loader, file mode (default 0o755; e.g. 0o4755 for set-user-ID root)] */
export const PROGRAMS: Record<string, [string[], Loader, number?]> = {
  init: [["/sbin/init"], () => import("./sbin/init.js")],
  echo: [["/bin/echo"], () => import("./bin/echo.js")],
  true: [["/bin/true"], () => import("./bin/true.js")],
  false: [["/bin/false"], () => import("./bin/false.js")],
  sh: [["/bin/sh", "/bin/dash"], () => import("./bin/sh/main.js")],
  printf: [["/bin/printf", "/usr/bin/printf"], () => import("./bin/printf.js")],
  cat: [["/bin/cat"], () => import("./bin/cat.js")],
  sleep: [["/bin/sleep"], () => import("./bin/sleep.js")],
  ls: [["/bin/ls"], () => import("./bin/ls/main.js")],
  rm: [["/bin/rm"], () => import("./bin/rm.js")],
  mkdir: [["/bin/mkdir"], () => import("./bin/mkdir.js")],
  rmdir: [["/bin/rmdir"], () => import("./bin/rmdir.js")],
  cp: [["/bin/cp"], () => import("./bin/cp.js")],
  mv: [["/bin/mv"], () => import("./bin/mv.js")],
  ln: [["/bin/ln"], () => import("./bin/ln.js")],
  touch: [["/bin/touch"], () => import("./bin/touch.js")],
  chmod: [["/bin/chmod"], () => import("./bin/chmod.js")],
  chown: [["/bin/chown"], () => import("./bin/chown.js")],
  stat: [["/usr/bin/stat"], () => import("./bin/stat.js")],
  id: [["/usr/bin/id"], () => import("./bin/id.js")],
  whoami: [["/usr/bin/whoami"], () => import("./bin/whoami.js")],
  groups: [["/usr/bin/groups"], () => import("./bin/groups.js")],
  uname: [["/bin/uname"], () => import("./bin/uname.js")],
  hostname: [["/bin/hostname"], () => import("./bin/hostname.js")],
  date: [["/bin/date"], () => import("./bin/date.js")],
  kill: [["/bin/kill"], () => import("./bin/kill.js")],
  sudo: [["/usr/bin/sudo"], () => import("./bin/sudo.js"), 0o4755],
  su: [["/bin/su"], () => import("./bin/su.js"), 0o4755],
  mount: [["/bin/mount"], () => import("./bin/mount.js")],
  umount: [["/bin/umount"], () => import("./bin/umount.js")],
  reboot: [["/sbin/reboot"], () => import("./sbin/reboot.js")],
  poweroff: [["/sbin/poweroff"], () => import("./sbin/poweroff.js")],
  insmod: [["/sbin/insmod"], () => import("./sbin/insmod.js")],
  rmmod: [["/sbin/rmmod"], () => import("./sbin/rmmod.js")],
  lsmod: [["/sbin/lsmod"], () => import("./sbin/lsmod.js")],
  modinfo: [["/sbin/modinfo"], () => import("./sbin/modinfo.js")],
  faddr2line: [["/usr/bin/faddr2line"], () => import("./bin/faddr2line.js")],
  gdb: [["/usr/bin/gdb"], () => import("./bin/gdb.js")],
  depmod: [["/sbin/depmod"], () => import("./sbin/depmod.js")],
  modprobe: [["/sbin/modprobe"], () => import("./sbin/modprobe.js")],
  clear: [["/usr/bin/clear"], () => import("./bin/clear.js")],
  tty: [["/usr/bin/tty"], () => import("./bin/tty.js")],
  nproc: [["/usr/bin/nproc"], () => import("./bin/nproc.js")],
  sync: [["/bin/sync"], () => import("./bin/sync.js")],
  printenv: [["/usr/bin/printenv"], () => import("./bin/printenv.js")],
  nice: [["/usr/bin/nice"], () => import("./bin/nice.js")],
  chrt: [["/usr/bin/chrt"], () => import("./bin/chrt.js")],
  nohup: [["/usr/bin/nohup"], () => import("./bin/nohup.js")],
  timeout: [["/usr/bin/timeout"], () => import("./bin/timeout.js")],
  head: [["/usr/bin/head"], () => import("./bin/head.js")],
  tail: [["/usr/bin/tail"], () => import("./bin/tail.js")],
  wc: [["/usr/bin/wc"], () => import("./bin/wc.js")],
  grep: [["/bin/grep"], () => import("./bin/grep.js")],
  sed: [["/bin/sed"], () => import("./bin/sed/main.js")],
  dmesg: [["/bin/dmesg"], () => import("./bin/dmesg.js")],
  sort: [["/usr/bin/sort"], () => import("./bin/sort.js")],
  uniq: [["/usr/bin/uniq"], () => import("./bin/uniq.js")],
  cut: [["/usr/bin/cut"], () => import("./bin/cut.js")],
  tr: [["/usr/bin/tr"], () => import("./bin/tr.js")],
  tee: [["/usr/bin/tee"], () => import("./bin/tee.js")],
  seq: [["/usr/bin/seq"], () => import("./bin/seq.js")],
  yes: [["/usr/bin/yes"], () => import("./bin/yes.js")],
  basename: [["/usr/bin/basename"], () => import("./bin/basename.js")],
  dirname: [["/usr/bin/dirname"], () => import("./bin/dirname.js")],
  pwd: [["/bin/pwd"], () => import("./bin/pwd.js")],
  env: [["/usr/bin/env"], () => import("./bin/env.js")],
  which: [["/usr/bin/which"], () => import("./bin/which.js")],
  uptime: [["/usr/bin/uptime"], () => import("./bin/uptime.js")],
  free: [["/usr/bin/free"], () => import("./bin/free.js")],
  mknod: [["/bin/mknod"], () => import("./bin/mknod.js")],
  xargs: [["/usr/bin/xargs"], () => import("./bin/xargs.js")],
  find: [["/usr/bin/find"], () => import("./bin/find.js")],
  od: [["/usr/bin/od"], () => import("./bin/od.js")],
  hexdump: [["/usr/bin/hexdump"], () => import("./bin/hexdump.js")],
  dd: [["/bin/dd"], () => import("./bin/dd.js")],
  ps: [["/bin/ps"], () => import("./bin/ps.js")],
  df: [["/bin/df"], () => import("./bin/df.js")],
  logname: [["/usr/bin/logname"], () => import("./bin/logname.js")],
  stty: [["/bin/stty"], () => import("./bin/stty.js")],
  make: [["/usr/bin/make"], () => import("./bin/make/main.js")],
  strace: [["/usr/bin/strace"], () => import("./bin/strace/main.js")],
  bench: [["/usr/lib/typix/bench"], () => import("./lib/typix/bench/main.js")], // the benchmark helper (npm run bench)
};

/** The table the kernel's system-program loader uses: name -> entry point. */
export function programTable(name: string): (() => Promise<(sp: number) => Promise<void>>) | undefined {
  const p = PROGRAMS[name];
  if (!p) return undefined;
  return async () => {
    const mod = await p[1]();
    return (sp: number) => __libc_start_main(mod.default, sp);
  };
}
