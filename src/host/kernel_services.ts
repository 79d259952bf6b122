// What the host may ask of a running kernel (on the kernel's thread): run a program with its
// output captured, read and write guest files, read the log. Requests and replies are plain
// messages so that the same services work from Node's main thread or a browser tab.
import { callUsermodehelper } from "../kernel/umh.js";
import { sourceFile, sinkFile } from "../fs/anon_files.js";
import { logRecords, formatTimestamp } from "../kernel/printk.js";
import { findTask } from "../kernel/pid.js";
import { sendSignal } from "../kernel/signal.js";
import { hostFileRead, hostFileWrite } from "./guest_files.js";

export type HostRequest =
  | { id: number; op: "spawn"; argv: string[]; env: Record<string, string>; cwd: string; uid: number; gid: number; stdin: Uint8Array | null }
  | { id: number; op: "readFile"; path: string }
  | { id: number; op: "writeFile"; path: string; data: Uint8Array; mode: number }
  | { id: number; op: "dmesg" }
  | { id: number; op: "kill"; pid: number; sig: number };

export type HostReply =
  | { id: number; type: "reply"; ok: boolean; value?: unknown; error?: string }
  | { id: number; type: "output"; fd: number; data: Uint8Array }
  | { id: number; type: "started"; pid: number };

export function serveHostRequest(req: HostRequest, send: (m: HostReply) => void): void {
  const reply = (value: unknown) => send({ id: req.id, type: "reply", ok: true, value });
  const fail = (e: unknown) => send({ id: req.id, type: "reply", ok: false, error: String((e as Error)?.message ?? e) });
  try {
    switch (req.op) {
      case "spawn": {
        const envp = Object.entries(req.env).map(([k, v]) => `${k}=${v}`);
        const pid = callUsermodehelper({
          argv: req.argv, envp, uid: req.uid, gid: req.gid, cwd: req.cwd,
          files: [
            sourceFile(req.stdin ?? new Uint8Array(0)),
            sinkFile((data) => send({ id: req.id, type: "output", fd: 1, data })),
            sinkFile((data) => send({ id: req.id, type: "output", fd: 2, data })),
          ],
          onExit: (status) => reply(status),
        });
        send({ id: req.id, type: "started", pid });
        return;
      }
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
