// The user side of the system-call channel, shared by the runtimes of JavaScript programs
// (host/user_runtime.ts) and C programs (host/wasm_runtime.ts): write the call, spin briefly
// for the answer, then sleep on Atomics.wait; collect the signal frames the kernel hands back.
import { ProcessExit, type SignalFrameInfo } from "../lib/libc/arch/trap.js";
import {
  channelViews, CTL_STATE, CTL_FLAGS, CTL_NFRAMES, IDLE, REQUEST, REPLY, F_SIGNALS, F_RESTART, F_GONE_EXIT, F_GONE_EXEC, F_RELEASED,
} from "./channel_layout.js";

const SPIN_ITERATIONS = 20000;

export interface PendingSignals { frames: SignalFrameInfo[]; restart: boolean }

export interface UserChannel {
  /** Make a call: returns rax. Throws ProcessExit when a vfork child borrowing it is gone. */
  enter(nr: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): number;
  /** The handlers the last call's answer asked for (once), or null. */
  takeSignals(): PendingSignals | null;
}

/**
 * The channel over sab. `Exit` is the ProcessExit of the libc the program runs on (a sandboxed
 * program has its own instance of libc, whose code tests `instanceof` its own class).
 */
export function userChannel(sab: SharedArrayBuffer, Exit: typeof ProcessExit = ProcessExit): UserChannel {
  const { ctl, regs, frames } = channelViews(sab);
  let signals: PendingSignals | null = null;
  return {
    enter(nr, a0, a1, a2, a3, a4, a5) {
      regs[0] = nr; regs[1] = a0; regs[2] = a1; regs[3] = a2; regs[4] = a3; regs[5] = a4; regs[6] = a5;
      Atomics.store(ctl, CTL_STATE, REQUEST);
      Atomics.notify(ctl, CTL_STATE);
      let i = 0;
      while (Atomics.load(ctl, CTL_STATE) !== REPLY) {
        if (++i > SPIN_ITERATIONS) Atomics.wait(ctl, CTL_STATE, REQUEST);
      }
      const flags = Atomics.load(ctl, CTL_FLAGS);
      const ret = regs[7];
      if (flags & F_SIGNALS || flags & F_RESTART) {
        const n = Atomics.load(ctl, CTL_NFRAMES);
        const list: SignalFrameInfo[] = [];
        for (let k = 0; k < n; k++) list.push({ sig: frames[k * 3], handler: frames[k * 3 + 1], flags: frames[k * 3 + 2] });
        signals = { frames: list, restart: (flags & F_RESTART) !== 0 };
      }
      Atomics.store(ctl, CTL_STATE, IDLE);
      if (flags & F_RELEASED) throw new Exit("released");
      if (flags & F_GONE_EXEC) throw new Exit("exec");
      if (flags & F_GONE_EXIT) throw new Exit("exit");
      return ret;
    },
    takeSignals() {
      const s = signals;
      signals = null;
      return s;
    },
  };
}
