// What the host may ask of a running kernel (on the kernel's thread): run a program with its
// output captured, read and write guest files, read the log, and drive the console (typed
// bytes in, a shell on it, its size). Console output goes back as "console" messages. Requests and replies are plain
// messages so that the same services work from Node's main thread or a browser tab.
import { callUsermodehelper } from "../kernel/umh.js";
import { sourceFile, sinkFile } from "../fs/anon_files.js";
import { logRecords, formatTimestamp, nextLogSeq } from "../kernel/printk.js";
import { nextBoot } from "./next_boot.js";
import { findTask } from "../kernel/pid.js";
import { sendSignal } from "../kernel/signal.js";
import { hostFileRead, hostFileWrite, type WriteOptions } from "./guest_files.js";
import { StdinStream } from "./stdin_stream.js";
import { fget } from "../fs/file_table.js";
import { getInitTask } from "../kernel/exit.js";
import { consoleTty, consoleInput, consoleResize, openConsoleFile } from "../drivers/tty/console.js";
import { defaultTermios } from "../drivers/tty/termios.js";
import { killPgrp } from "../drivers/tty/tty_jobctrl.js";

export type HostRequest =
  | { id: number; op: "spawn"; argv: string[]; env: Record<string, string>; cwd: string; uid: number; gid: number; groups?: number[]; stdin: Uint8Array | null; stdinStream?: boolean | "lines" }
  | { id: number; op: "stdin"; target: number; data: Uint8Array | null }
  | { id: number; op: "consoleInput"; data: Uint8Array }
  | { id: number; op: "consoleResize"; cols: number; rows: number }
  | { id: number; op: "openConsole"; argv: string[]; env: Record<string, string>; cwd: string; uid: number; gid: number; groups?: number[]; cols: number; rows: number }
  | { id: number; op: "readFile"; path: string }
  | { id: number; op: "writeFile"; path: string; data: Uint8Array; opts: WriteOptions }
  | { id: number; op: "dmesg"; since?: number }
  | { id: number; op: "logCursor" }
  | { id: number; op: "snapshot" }
  | { id: number; op: "kill"; pid: number; sig: number };

export type HostReply =
  | { id: number; type: "reply"; ok: boolean; value?: unknown; error?: string }
  | { id: number; type: "output"; fd: number; data: Uint8Array }
  | { id: number; type: "started"; pid: number }
  | { id: 0; type: "console"; data: Uint8Array };

/** Standard inputs the host is still feeding, by the id of the spawn request. */
const stdinStreams = new Map<number, StdinStream>();

/** The bytes the host's commands have not read yet, by the id of their spawn request (for a reboot). */
export function unreadStdin(): Record<number, Uint8Array> {
  const out: Record<number, Uint8Array> = {};
  for (const [id, s] of stdinStreams) { const u = s.unread(); if (u.length) out[id] = u; }
  return out;
}

export function serveHostRequest(req: HostRequest, send: (m: HostReply) => void): void {
  const reply = (value: unknown) => send({ id: req.id, type: "reply", ok: true, value });
  const fail = (e: unknown) => send({ id: req.id, type: "reply", ok: false, error: String((e as Error)?.message ?? e) });
  try {
    switch (req.op) {
      case "spawn": {
        const envp = Object.entries(req.env).map(([k, v]) => `${k}=${v}`);
        let stream: StdinStream | null = null;
        if (req.stdinStream) stdinStreams.set(req.id, (stream = new StdinStream(req.stdinStream === "lines")));
        const pid = callUsermodehelper({
          argv: req.argv, envp, uid: req.uid, gid: req.gid, groups: req.groups, cwd: req.cwd,
          files: [
            stream ? stream.file : sourceFile(req.stdin ?? new Uint8Array(0)),
            sinkFile((data) => send({ id: req.id, type: "output", fd: 1, data })),
            sinkFile((data) => send({ id: req.id, type: "output", fd: 2, data })),
          ],
          onExit: (status) => { stdinStreams.delete(req.id); reply(status); },
        });
        send({ id: req.id, type: "started", pid });
        return;
      }
      case "stdin": {
        const s = stdinStreams.get(req.target);
        if (req.data) s?.push(req.data);
        else s?.close(); // kept until the command exits: a reboot hands on what it has not read
        return;
      }
      case "consoleInput": consoleInput(req.data); return;
      case "consoleResize": consoleResize(req.cols, req.rows); return;
      case "openConsole": openConsoleSession(req, send); return;
      case "readFile": hostFileRead(req.path).then(reply, fail); return;
      case "writeFile": hostFileWrite(req.path, req.data, req.opts).then(reply, fail); return;
      case "kill": {
        // A negative pid is a process group, as kill(2)'s.
        if (req.pid < 0) { killPgrp(-req.pid, req.sig); reply(0); return; }
        const t = findTask(req.pid);
        if (!t || !t.isAlive()) throw new Error(`kill: (${req.pid}) - No such process`);
        sendSignal(t, req.sig, { pid: 0, uid: 0, code: 0 });
        reply(0);
        return;
      }
      case "dmesg": reply(logText(req.since ?? 0)); return;
      case "logCursor": reply(nextLogSeq()); return;
      // What a snapshot keeps: the root filesystem and default kernel a reboot would hand on, the log.
      case "snapshot": { const { rootfs, kernel } = nextBoot(); reply({ rootfs, kernel, log: logText(0) }); return; }
    }
  } catch (e) {
    fail(e);
  }
}

/** The log from sequence number `since` on, as dmesg prints it. */
function logText(since: number): string {
  const recs = logRecords(since);
  return recs.length ? recs.map((r) => formatTimestamp(r.usec) + r.text).join("\n") + "\n" : "";
}

/**
 * A program (the login shell) on the console: a session of its own whose controlling
 * terminal is the console, its process group in the foreground, the console as fds 0-2.
 */
function openConsoleSession(req: Extract<HostRequest, { op: "openConsole" }>, send: (m: HostReply) => void): void {
  const leader = consoleTty.session ? findTask(consoleTty.session) : undefined;
  if (leader && leader.isAlive()) throw new Error("typix: the console already has a session");
  consoleTty.session = 0;
  consoleTty.pgrp = 0;
  consoleTty.termios = defaultTermios();
  consoleTty.ldisc.flushInput();
  consoleResize(req.cols, req.rows);
  const f = openConsoleFile(getInitTask()!);
  const envp = Object.entries(req.env).map(([k, v]) => `${k}=${v}`);
  const pid = callUsermodehelper({
    argv: req.argv, envp, uid: req.uid, gid: req.gid, groups: req.groups, cwd: req.cwd,
    files: [f, fget(f), fget(f)],
    tty: consoleTty,
    onStart: (t) => consoleTty.attach(t),
    onExit: (status) => send({ id: req.id, type: "reply", ok: true, value: status }),
  });
  send({ id: req.id, type: "started", pid });
}
