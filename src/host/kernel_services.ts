// What the host may ask of a running kernel (on the kernel's thread): run a program with its
// output captured, read and write guest files, read the log, and drive the console (typed
// bytes in, a shell on it, its size). Console output goes back as "console" messages. Requests and replies are plain
// messages so that the same services work from Node's main thread or a browser tab.
import { callUsermodehelper } from "../kernel/umh.js";
import { sourceFile, sinkFile } from "../fs/anon_files.js";
import { logRecords, formatTimestamp } from "../kernel/printk.js";
import { findTask } from "../kernel/pid.js";
import { sendSignal } from "../kernel/signal.js";
import { hostFileRead, hostFileWrite } from "./guest_files.js";
import { StdinStream } from "./stdin_stream.js";
import { fget } from "../fs/file_table.js";
import { getInitTask } from "../kernel/exit.js";
import { consoleTty, consoleInput, consoleResize, openConsoleFile } from "../drivers/tty/console.js";
import { defaultTermios } from "../drivers/tty/termios.js";

export type HostRequest =
  | { id: number; op: "spawn"; argv: string[]; env: Record<string, string>; cwd: string; uid: number; gid: number; groups?: number[]; stdin: Uint8Array | null; stdinStream?: boolean }
  | { id: number; op: "stdin"; target: number; data: Uint8Array | null }
  | { id: number; op: "consoleInput"; data: Uint8Array }
  | { id: number; op: "consoleResize"; cols: number; rows: number }
  | { id: number; op: "openConsole"; argv: string[]; env: Record<string, string>; cwd: string; uid: number; gid: number; groups?: number[]; cols: number; rows: number }
  | { id: number; op: "readFile"; path: string }
  | { id: number; op: "writeFile"; path: string; data: Uint8Array; mode: number }
  | { id: number; op: "dmesg" }
  | { id: number; op: "kill"; pid: number; sig: number };

export type HostReply =
  | { id: number; type: "reply"; ok: boolean; value?: unknown; error?: string }
  | { id: number; type: "output"; fd: number; data: Uint8Array }
  | { id: number; type: "started"; pid: number }
  | { id: 0; type: "console"; data: Uint8Array };

/** Standard inputs the host is still feeding, by the id of the spawn request. */
const stdinStreams = new Map<number, StdinStream>();

export function serveHostRequest(req: HostRequest, send: (m: HostReply) => void): void {
  const reply = (value: unknown) => send({ id: req.id, type: "reply", ok: true, value });
  const fail = (e: unknown) => send({ id: req.id, type: "reply", ok: false, error: String((e as Error)?.message ?? e) });
  try {
    switch (req.op) {
      case "spawn": {
        const envp = Object.entries(req.env).map(([k, v]) => `${k}=${v}`);
        let stream: StdinStream | null = null;
        if (req.stdinStream) stdinStreams.set(req.id, (stream = new StdinStream()));
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
        else { s?.close(); stdinStreams.delete(req.target); }
        return;
      }
      case "consoleInput": consoleInput(req.data); return;
      case "consoleResize": consoleResize(req.cols, req.rows); return;
      case "openConsole": openConsoleSession(req, send); return;
      case "readFile": hostFileRead(req.path).then(reply, fail); return;
      case "writeFile": hostFileWrite(req.path, req.data, req.mode).then(reply, fail); return;
      case "kill": {
        const t = findTask(req.pid);
        if (!t || !t.isAlive()) throw new Error(`kill: (${req.pid}) - No such process`);
        sendSignal(t, req.sig, { pid: 0, uid: 0, code: 0 });
        reply(0);
        return;
      }
      case "dmesg": reply(logRecords().map((r) => formatTimestamp(r.usec) + r.text).join("\n") + "\n"); return;
    }
  } catch (e) {
    fail(e);
  }
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
