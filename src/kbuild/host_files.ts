// The toolchain's file access (src/usr/toolchain/files.ts) on the host, through Node's fs,
// optionally with some files held in memory (sources given as text, as tests build them).
import { readFileSync, writeFileSync, statSync, rmSync, chmodSync } from "node:fs";
import type { ToolFiles } from "../usr/toolchain/files.js";

export function hostFiles(memory: Map<string, string> = new Map()): ToolFiles {
  const st = (p: string) => { try { return statSync(p); } catch { return null; } };
  return {
    readText(path) {
      if (memory.has(path)) return memory.get(path)!;
      try { return readFileSync(path, "utf8"); } catch { return null; }
    },
    writeFile(path, data, mode = 0o644) {
      writeFileSync(path, data);
      chmodSync(path, mode & ~0o022);
    },
    remove(path) { try { rmSync(path); return true; } catch { return false; } },
    isFile: (path) => memory.has(path) || (st(path)?.isFile() ?? false),
    isDirectory: (path) => st(path)?.isDirectory() ?? false,
    mtime: (path) => (memory.has(path) ? 0 : st(path)?.mtimeMs ?? null),
    cwd: () => process.cwd(),
  };
}
