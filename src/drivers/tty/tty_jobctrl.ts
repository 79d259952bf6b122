// Job control on a terminal: signals to process groups, background reads and writes
// (SIGTTIN, SIGTTOU), orphaned groups, and a session leader's going away (the foreground
// group gets SIGHUP and SIGCONT, and the session loses its terminal).
import type { Task } from "../../kernel/task.js";
import { sigbit } from "../../kernel/task.js";
import { allTasks } from "../../kernel/pid.js";
import { sendSignal, SI_KERNEL } from "../../kernel/signal.js";
import { exitHooks } from "../../kernel/exit.js";
import { Errno } from "../../kernel/errors.js";
import { EIO, ERESTARTSYS } from "../../include/uapi/errno.js";
import { SIGHUP, SIGCONT, SIGTTIN, SIGTTOU, SIG_IGN } from "../../include/uapi/signal.js";
import type { Tty } from "./tty.js";

/** Send sig to every live member of process group pgid (kill_pgrp). */
export function killPgrp(pgid: number, sig: number): void {
  if (pgid <= 0) return;
  for (const t of [...allTasks()]) {
    if (t.pgid === pgid && t.isAlive() && !t.exiting) sendSignal(t, sig, { pid: 0, uid: 0, code: SI_KERNEL });
  }
}

/** POSIX: a group is orphaned when no member has a parent in another group of the same session. */
export function isPgrpOrphaned(pgid: number): boolean {
  for (const p of allTasks()) {
    if (p.pgid !== pgid || !p.isAlive() || p.exiting) continue;
    const parent = p.parent;
    if (!parent || parent.pid === 1) continue;
    if (parent.pgid !== pgid && parent.sid === p.sid) return false;
  }
  return true;
}

function ignoredOrBlocked(t: Task, sig: number): boolean {
  return t.sighand[sig].handler === SIG_IGN || (t.blocked & sigbit(sig)) !== 0n;
}

/**
 * tty_check_change: may t change (or, with TOSTOP, write to) tty? A member of a background
 * group is sent SIGTTOU and its call restarts after the stop; one that ignores or blocks
 * SIGTTOU goes ahead; an orphaned group gets EIO.
 */
export function ttyCheckChange(t: Task, tty: Tty, sig = SIGTTOU): void {
  if (t.tty !== tty || !tty.pgrp || t.pgid === tty.pgrp) return;
  if (ignoredOrBlocked(t, sig)) {
    if (sig === SIGTTIN) throw new Errno(EIO);
    return;
  }
  if (isPgrpOrphaned(t.pgid)) throw new Errno(EIO);
  killPgrp(t.pgid, sig);
  throw new Errno(ERESTARTSYS);
}

/** A background read: SIGTTIN to the reader's group, or EIO when it cannot be stopped. */
export function ttyCheckRead(t: Task, tty: Tty): void {
  ttyCheckChange(t, tty, SIGTTIN);
}

/** Every task of the session forgets its controlling terminal. */
export function clearSessionTty(tty: Tty, sid: number): void {
  for (const x of allTasks()) if (x.sid === sid && x.tty === tty) x.tty = null;
  if (tty.session === sid) {
    tty.session = 0;
    tty.pgrp = 0;
  }
}

/**
 * disassociate_ctty: the session leader leaves its terminal (exit or TIOCNOTTY). The
 * foreground group is hung up (SIGHUP, then SIGCONT so that stopped members see it).
 */
export function disassociateCtty(leader: Task): void {
  const tty = leader.tty as Tty | null;
  if (!tty) return;
  if (tty.session === leader.sid) {
    const fg = tty.pgrp;
    clearSessionTty(tty, leader.sid);
    for (const x of [...allTasks()]) {
      if (x === leader || x.pgid !== fg || !x.isAlive() || x.exiting) continue;
      sendSignal(x, SIGHUP, { pid: 0, uid: 0, code: SI_KERNEL });
      sendSignal(x, SIGCONT, { pid: 0, uid: 0, code: SI_KERNEL });
    }
  } else {
    leader.tty = null;
  }
}

exitHooks.push((t) => {
  if (t.tty && t.sid === t.pid) disassociateCtty(t);
});
