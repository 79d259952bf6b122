// stty on the console: GNU's displays (changed settings, -a with its wrapping, -g), changing
// flags, combinations, control characters and the window size; the error off a terminal.
import { test } from "node:test";
import assert from "node:assert/strict";
import { boot } from "../index.js";

async function onConsole(script: string): Promise<string> {
  const m = await boot({ cmdline: "loglevel=1" });
  try {
    let out = "";
    m.onConsoleOutput((d) => { out += Buffer.from(d).toString(); });
    const s = m.openConsole({ argv: ["/bin/sh", "-c", script] });
    await s.done;
    const end = Date.now() + 5000;
    while (!out.endsWith("END\r\n") && !out.endsWith("END\n") && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    return out;
  } finally {
    await m.shutdown();
  }
}

test("stty prints the settings that differ from sane, and all of them with -a", async () => {
  const out = await onConsole("stty; stty -a; stty size; stty speed; stty -g; echo END");
  assert.equal(out,
    "speed 38400 baud; line = 0;\r\n-brkint -imaxbel\r\n" +
    "speed 38400 baud; rows 24; columns 80; line = 0;\r\n" +
    "intr = ^C; quit = ^\\; erase = ^?; kill = ^U; eof = ^D; eol = <undef>;\r\n" +
    "eol2 = <undef>; swtch = <undef>; start = ^Q; stop = ^S; susp = ^Z; rprnt = ^R;\r\n" +
    "werase = ^W; lnext = ^V; discard = ^O; min = 1; time = 0;\r\n" +
    "-parenb -parodd -cmspar cs8 hupcl -cstopb cread -clocal -crtscts\r\n" +
    "-ignbrk -brkint -ignpar -parmrk -inpck -istrip -inlcr -igncr icrnl ixon -ixoff\r\n" +
    "-iuclc -ixany -imaxbel -iutf8\r\n" +
    "opost -olcuc -ocrnl onlcr -onocr -onlret -ofill -ofdel nl0 cr0 tab0 bs0 vt0 ff0\r\n" +
    "isig icanon iexten echo echoe echok -echonl -noflsh -xcase -tostop -echoprt\r\n" +
    "echoctl echoke -flusho -extproc\r\n" +
    "24 80\r\n38400\r\n" +
    "500:5:4bf:8a3b:3:1c:7f:15:4:0:1:0:11:13:1a:0:12:f:17:16:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0:0\r\n" +
    "END\r\n");
});

test("stty changes modes, control characters and the window size", async () => {
  // In raw mode output is not post-processed: lines end in a bare "\n" until -raw.
  const out = await onConsole("stty raw; stty; stty -raw -echo iutf8; stty; stty sane; stty; " +
    "stty rows 30 cols 100; stty size; stty intr ^X eof undef; stty; stty cbreak; stty; echo END");
  assert.equal(out,
    "speed 38400 baud; line = 0;\nmin = 1; time = 0;\n-brkint -icrnl -imaxbel\n-opost\n-isig -icanon\n" +
    "speed 38400 baud; line = 0;\r\n-imaxbel iutf8\r\n-echo\r\n" +
    "speed 38400 baud; line = 0;\r\n" +
    "30 100\r\n" +
    "speed 38400 baud; line = 0;\r\nintr = ^X; eof = <undef>;\r\n" +
    "speed 38400 baud; line = 0;\r\nintr = ^X; eof = <undef>; min = 1; time = 0;\r\n-icanon\r\n" +
    "END\r\n");
});

test("stty's errors: not a terminal, bad operands", async () => {
  const m = await boot();
  try {
    const r = await m.spawn(["/bin/stty"]);
    assert.equal(r.stderr, "stty: 'standard input': Inappropriate ioctl for device\n");
    assert.equal(r.status, 1);
    assert.equal((await m.spawn(["/bin/stty", "-F", "/dev/null", "-a"])).stderr, "stty: '/dev/null': Inappropriate ioctl for device\n");
    assert.equal((await m.spawn(["/bin/stty", "-F", "/dev/console", "bogus"], { user: "root" })).stderr,
      "stty: invalid argument 'bogus'\nTry 'stty --help' for more information.\n");
    assert.equal((await m.spawn(["/bin/stty", "-F", "/dev/console", "rows"], { user: "root" })).stderr,
      "stty: missing argument to 'rows'\nTry 'stty --help' for more information.\n");
    assert.equal((await m.spawn(["/bin/stty", "-a", "echo"])).stderr,
      "stty: when specifying an output style, modes may not be set\nTry 'stty --help' for more information.\n");
  } finally {
    await m.shutdown();
  }
});
