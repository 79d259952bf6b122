// The layout of the shared memory through which a user program in a Worker makes system
// calls (one channel per Worker). Shared by both sides; see kernel/worker_syscall.ts and
// host/user_runtime.ts.
//
//   Int32 ctl[0]   state: IDLE, REQUEST (the program wrote a call), REPLY (the kernel answered)
//   Int32 ctl[1]   reply flags: HAS_SIGNALS, RESTART, GONE_EXIT, GONE_EXEC, RELEASED (the process
//                  is over: the Worker drops the program and may be given another)
//   Int32 ctl[2]   number of signal frames
//   Float64 regs[0..6]  nr, a0..a5;  regs[7] the return value (rax)
//   Float64 frames[...] (sig, handler, flags) triples
export const CTL_STATE = 0, CTL_FLAGS = 1, CTL_NFRAMES = 2;
export const IDLE = 0, REQUEST = 1, REPLY = 2;
export const F_SIGNALS = 1, F_RESTART = 2, F_GONE_EXIT = 4, F_GONE_EXEC = 8, F_RELEASED = 16;
export const MAX_FRAMES = 16;
export const CTL_BYTES = 16;
export const REGS_OFFSET = 16;
export const FRAMES_OFFSET = REGS_OFFSET + 8 * 8;
export const CHANNEL_BYTES = FRAMES_OFFSET + MAX_FRAMES * 3 * 8;

export interface ChannelViews { ctl: Int32Array; regs: Float64Array; frames: Float64Array }

export function channelViews(sab: SharedArrayBuffer): ChannelViews {
  return {
    ctl: new Int32Array(sab, 0, 4),
    regs: new Float64Array(sab, REGS_OFFSET, 8),
    frames: new Float64Array(sab, FRAMES_OFFSET, MAX_FRAMES * 3),
  };
}
