// The toolchain's file access (src/usr/toolchain/files.ts) on the host, through Node's fs,
// optionally with some files held in memory (sources given as text, as tests build them).
import { readFileSync, writeFileSync, statSync, rmSync, chmodSync } from "node:fs";
import type { ToolFiles } from "../usr/toolchain/files.js";

/**
 * Host files, with `memory` laid over them: files given as text are read from it, and when
 * `capture` is set, what the tool writes goes into `memory` (as text or bytes) instead of the
 * host's disk — how the image's examples are built from the source tree without touching it.
 */
export function hostFiles(memory: Map<string, string | Uint8Array> = new Map(), capture = false): ToolFiles {
  const st = (p: string) => { try { return statSync(p); } catch { return null; } };
  return {
    readText(path) {
      const m = memory.get(path);
      if (m !== undefined) return typeof m === "string" ? m : new TextDecoder().decode(m);
      try { return readFileSync(path, "utf8"); } catch { return null; }
    },
    writeFile(path, data, mode = 0o644) {
      if (capture) { memory.set(path, data); return; }
      writeFileSync(path, data);
      chmodSync(path, mode & ~0o022);
    },
    remove(path) { if (capture) return memory.delete(path); try { rmSync(path); return true; } catch { return false; } },
    isFile: (path) => memory.has(path) || (st(path)?.isFile() ?? false),
    isDirectory: (path) => st(path)?.isDirectory() ?? false,
    mtime: (path) => (memory.has(path) ? 0 : st(path)?.mtimeMs ?? null),
    cwd: () => process.cwd(),
  };
}
