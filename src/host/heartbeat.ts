// The host's watchdog on the kernel thread. The kernel thread beats a counter in shared memory
// as its event loop turns and keeps there what is on the CPU (pid and command, updated at each
// switch) and the taint and module list (at each beat). The host's main thread checks the
// counter; when it has not moved for 2 × watchdog_thresh seconds (a module looping for ever:
// the kernel cannot even run its own watchdog), the host prints what was running, in the soft
// lockup report's form, and resets the machine. Layout of the buffer (Int32 slots):
//   0 beat counter   1 pid on the CPU   2 length of comm   3 length of info
//   bytes 16..47 comm (UTF-8)   bytes 64.. info: JSON { taint, modules }
import type { Worker } from "node:worker_threads";

export const HEARTBEAT_BYTES = 4096;
const COMM_AT = 16, COMM_MAX = 32, INFO_AT = 64;
const BEAT_MS = 50;

/** The kernel side: beat, and publish the running task and the machine's state. */
export function startHeartbeat(sab: SharedArrayBuffer, info: () => { taint: string; modules: string; release: string }): { onCpu: (pid: number, comm: string) => void; publish: () => void } {
  const i32 = new Int32Array(sab);
  const bytes = new Uint8Array(sab);
  const enc = new TextEncoder();
  const publish = () => {
    const b = enc.encode(JSON.stringify(info())).subarray(0, HEARTBEAT_BYTES - INFO_AT);
    bytes.set(b, INFO_AT);
    Atomics.store(i32, 3, b.length);
  };
  const beat = () => {
    Atomics.add(i32, 0, 1);
    publish();
  };
  beat();
  setInterval(beat, BEAT_MS);
  let lastPid = -1;
  const onCpu = (pid: number, comm: string) => {
    if (pid === lastPid) return;
    lastPid = pid;
    i32[1] = pid;
    const n = Math.min(comm.length, COMM_MAX);
    for (let k = 0; k < n; k++) bytes[COMM_AT + k] = comm.charCodeAt(k) & 0x7f;
    i32[2] = n;
  };
  return { onCpu, publish };
}

export interface KernelSnapshot { beat: number; pid: number; comm: string; taint: string; modules: string; release: string }

function read(sab: SharedArrayBuffer): KernelSnapshot {
  const i32 = new Int32Array(sab);
  const bytes = new Uint8Array(sab);
  const dec = new TextDecoder();
  let info = { taint: "Not tainted", modules: "", release: "" };
  try { info = JSON.parse(dec.decode(bytes.slice(INFO_AT, INFO_AT + Atomics.load(i32, 3)))); } catch { /* a beat mid-write */ }
  return { beat: Atomics.load(i32, 0), pid: i32[1], comm: dec.decode(bytes.slice(COMM_AT, COMM_AT + i32[2])), ...info };
}

/**
 * The host side: watch a kernel thread; after limitMs without a beat, call stuck with the
 * report's lines. Returns the function that stops watching.
 */
export function watchKernel(sab: SharedArrayBuffer, limitMs: number, stuck: (lines: string[]) => void): () => void {
  let last = read(sab).beat, since = performance.now();
  const timer = setInterval(() => {
    const s = read(sab);
    const now = performance.now();
    if (s.beat !== last) { last = s.beat; since = now; return; }
    if (now - since < limitMs) return;
    clearInterval(timer);
    const secs = Math.floor((now - since) / 1000);
    const comm = s.pid === 0 ? "swapper/0" : s.comm;
    stuck([
      `watchdog: BUG: soft lockup - CPU#0 stuck for ${secs}s! [${comm}:${s.pid}]`,
      `Modules linked in:${s.modules ? " " + s.modules : ""}`,
      `CPU: 0 PID: ${s.pid} Comm: ${comm} ${s.taint} ${s.release}`,
      `typix: the kernel thread stopped answering; resetting the machine`,
    ]);
  }, Math.min(250, Math.max(20, limitMs / 4)));
  timer.unref();
  return () => clearInterval(timer);
}

/** The heartbeat buffer of each kernel thread. */
export const heartbeats = new WeakMap<Worker, SharedArrayBuffer>();

/** The host's limit from the kernel command line: 2 × watchdog_thresh seconds (0: off). */
export function lockupLimitMs(cmdline: string): number {
  const m = /(?:^|\s)watchdog_thresh=(\d+)(?:\s|$)/.exec(cmdline);
  const thresh = m && Number(m[1]) <= 60 ? Number(m[1]) : 10;
  if (/(?:^|\s)nosoftlockup(?:\s|$)/.test(cmdline)) return 0;
  return thresh * 2000;
}
