// The module tools' error messages through the typix command, as a person sees them: modules
// built on the host, mounted into the machine, loaded by a plain user and by root; each
// refusal prints kmod's text, and the kernel logs its reasons.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildModule, type BuildInput } from "../kbuild/build.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TYPIX = join(ROOT, "bin/typix.js");

const lic = 'MODULE_LICENSE("GPL");\n';
const initOnly = (ret: string, extra = "") =>
  `import { module_init, MODULE_LICENSE } from "linux/module";\n${extra}module_init(() => ${ret});\n${lic}`;
const SOURCES: Record<string, string> = {
  hello: `import { module_init, module_exit, module_param, MODULE_LICENSE } from "linux/module";
let count = 1;
module_param(count, "int", 0o644);
module_init(() => 0);
module_exit(() => {});
${lic}`,
  ghost: `import { module_init, MODULE_LICENSE } from "linux/module";
declare function no_such_thing(): number;
module_init(() => no_such_thing());
${lic}`,
  einval: initOnly("-EINVAL", 'import { EINVAL } from "linux/errno";\n'),
  enomem: initOnly("-ENOMEM", 'import { ENOMEM } from "linux/errno";\n'),
  eperm: initOnly("-1"),
  forever: initOnly("0"),
  core: `import { module_init, module_exit, EXPORT_SYMBOL, MODULE_LICENSE } from "linux/module";
function core_get(): number { return 1; }
EXPORT_SYMBOL(core_get);
module_init(() => 0);
module_exit(() => {});
${lic}`,
};

/** Run a script in a fresh machine with dir mounted on /mnt/ko. */
function typix(dir: string, user: string, script: string) {
  const r = spawnSync(process.execPath, [TYPIX, "--user", user, "--mount", `${dir}:/mnt/ko`, "-c", script], { cwd: ROOT, encoding: "utf8", timeout: 60000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** Each line's command with its stderr and status: "out...\n= status". */
const script = (lines: string[]) => lines.map((l) => `${l} 2>&1; echo "= $?"`).join("\n");

test("insmod, rmmod, modprobe and modinfo refusals through the typix command", async () => {
  const dir = mkdtempSync(join(tmpdir(), "typix-ko-"));
  try {
    const build = async (input: BuildInput) => {
      const r = await buildModule(input);
      assert.ok(r.ko, r.messages.join("\n"));
      writeFileSync(join(dir, `${input.name}.ko`), r.ko!);
      return r;
    };
    const built: Record<string, Awaited<ReturnType<typeof build>>> = {};
    for (const [name, source] of Object.entries(SOURCES)) built[name] = await build({ name, source });
    await build({ name: "user", source: `import { module_init, module_exit, MODULE_LICENSE } from "linux/module";\ndeclare function core_get(): number;\nmodule_init(() => core_get() - 1);\nmodule_exit(() => {});\n${lic}`, symvers: built.core.exports });
    writeFileSync(join(dir, "bad.ko"), "\x7fELF\x02\x01\x01 not a Typix module");

    const user = typix(dir, "user", "cd /mnt/ko\n" + script([
      // A user's PATH has the sbin directories, as on Ubuntu: the tools are found by name.
      "insmod hello.ko", "rmmod hello", "modprobe nosuch", "modinfo -F license hello.ko", "modinfo /mnt/ko/none.ko",
    ]));
    assert.equal(user.stdout, [
      "insmod: ERROR: could not insert module hello.ko: Operation not permitted", "= 1",
      "rmmod: ERROR: Module hello is not currently loaded", "= 1",
      "modprobe: FATAL: Module nosuch not found in directory /lib/modules/6.6.0-typix", "= 1",
      "GPL", "= 0",
      "modinfo: ERROR: Module /mnt/ko/none.ko not found.", "= 1", "",
    ].join("\n"));

    const root = typix(dir, "root", "cd /mnt/ko\n" + script([
      "insmod none.ko", "insmod bad.ko", "insmod ghost.ko", "insmod hello.ko count=x", "insmod einval.ko", "insmod enomem.ko",
      "insmod eperm.ko", "insmod hello.ko count=3 bogus=1", "insmod hello.ko", "cat /sys/module/hello/parameters/count",
      "insmod core.ko", "insmod user.ko", "lsmod | grep core", "ls -l /sys/module/core/holders | grep -o \"user -> .*\"", "rmmod core",
      "insmod forever.ko", "rmmod forever", "rmmod user core hello", "rmmod hello", "modprobe nosuch", "modprobe -r nosuch",
      "lsmod", "dmesg -t | grep -e invalid -e Unknown",
    ]));
    const row = (name: string) => root.stdout.split("\n").find((l) => l.startsWith(name + " ")) ?? "";
    assert.equal(root.stdout, [
      "insmod: ERROR: could not load module none.ko: No such file or directory", "= 1",
      "insmod: ERROR: could not insert module bad.ko: Invalid module format", "= 1",
      "insmod: ERROR: could not insert module ghost.ko: Unknown symbol in module", "= 1",
      "insmod: ERROR: could not insert module hello.ko: Invalid parameters", "= 1",
      "insmod: ERROR: could not insert module einval.ko: Invalid parameters", "= 1",
      "insmod: ERROR: could not insert module enomem.ko: Cannot allocate memory", "= 1",
      "insmod: ERROR: could not insert module eperm.ko: Operation not permitted", "= 1",
      "= 0",
      "insmod: ERROR: could not insert module hello.ko: File exists", "= 1",
      "3", "= 0",
      "= 0", "= 0",
      row("core"), "= 0",
      "user -> ../../user", "= 0",
      "rmmod: ERROR: Module core is in use by: user", "= 1",
      "= 0",
      "rmmod: ERROR: could not remove module forever: Device or resource busy", "= 1",
      "= 0",
      "rmmod: ERROR: Module hello is not currently loaded", "= 1",
      "modprobe: FATAL: Module nosuch not found in directory /lib/modules/6.6.0-typix", "= 1",
      "modprobe: FATAL: Module nosuch not found.", "= 1",
      "Module                  Size  Used by", row("forever"), "= 0",
      "ghost: Unknown symbol no_such_thing (err -2)", "hello: `x' invalid for parameter `count'", "= 0", "",
    ].join("\n"));
    assert.match(row("core"), /^core +\d+  1 user$/);
    assert.match(row("forever"), /^forever +\d+  0$/);
    assert.equal(root.status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
