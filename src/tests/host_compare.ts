// Running one shell command line on the host (its GNU tools) and in a Typix machine, in
// directories holding the same files, and comparing what both print and their statuses.
// Timestamps in diff's headers are masked: the two sides' files were written at different times.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { boot, type Machine } from "../index.js";

const stamp = (s: string) => s.replace(/\t(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000|\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4})$/gm, "\tTIME");

export class HostCompare {
  m!: Machine;
  readonly root = mkdtempSync(join(tmpdir(), "typix-cmp-"));
  constructor(readonly guestRoot: string) {}
  async start(): Promise<void> { this.m = await boot(); }
  async stop(): Promise<void> { await this.m.shutdown(); rmSync(this.root, { recursive: true, force: true }); }

  /** Writes FILES under DIR on both sides and runs CMD there (LC_ALL=C); returns both results. */
  async both(dir: string, files: Record<string, string>, cmd: string, stdin = "") {
    const g = `${this.guestRoot}/${dir}`;
    mkdirSync(join(this.root, dir), { recursive: true });
    await this.m.run(`mkdir -p ${g}`);
    for (const [name, text] of Object.entries(files)) {
      const h = join(this.root, dir, name);
      mkdirSync(dirname(h), { recursive: true });
      writeFileSync(h, text);
      await this.m.writeFile(`${g}/${name}`, text, { mkdir: true });
    }
    const h = spawnSync("/bin/sh", ["-c", cmd], { cwd: join(this.root, dir), encoding: "utf8", input: stdin, env: { PATH: "/usr/bin:/bin", LC_ALL: "C" } });
    await this.m.writeFile(`${g}/.stdin`, stdin);
    const r = await this.m.run(`export LC_ALL=C; cd ${g} && (${cmd}) < .stdin`);
    return { host: { out: stamp(h.stdout), err: h.stderr, status: h.status }, typix: { out: stamp(r.stdout), err: r.stderr, status: r.status } };
  }

  /** Asserts that CMD prints the same and ends the same on both sides. */
  async same(dir: string, files: Record<string, string>, cmd: string, stdin = ""): Promise<void> {
    const r = await this.both(dir, files, cmd, stdin);
    assert.deepEqual(r.typix, r.host, `${cmd} in ${dir}`);
  }
}
