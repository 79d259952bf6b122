// stty: print or change terminal line settings (GNU coreutils). No operand: the settings that
// differ from "sane"; -a: all of them; -g: a form stty can read back. Operands: flags
// ([-]echo, [-]icanon, ...), combinations (raw, -raw, cooked, sane, cbreak), control
// characters (intr ^X, eof undef, min N, time N), rows N, cols N, size, speed, line N, and a
// baud rate. Works on standard input, or on -F DEVICE; TCGETS/TCSETS and TIOC[GS]WINSZ.
import { open, O_RDONLY, O_NONBLOCK } from "../../lib/libc/fcntl.js";
import { tcgetattr, tcsetattr, newTermios, TCSADRAIN, type Termios } from "../../lib/libc/termios.js";
import { getWinsize, setWinsize } from "../../lib/libc/sys/ioctl.js";
import { getenv } from "../../lib/libc/stdlib.js";
import { Tool, quote } from "../lib/common.js";

const HELP = `Usage: stty [-F DEVICE | --file=DEVICE] [SETTING]...
  or:  stty [-F DEVICE | --file=DEVICE] [-a|--all]
  or:  stty [-F DEVICE | --file=DEVICE] [-g|--save]
Print or change terminal characteristics.

  -a, --all          print all current settings in human-readable form
  -g, --save         print all current settings in a stty-readable form
  -F, --file=DEVICE  open and use the specified DEVICE instead of stdin
      --help        display this help and exit
      --version     output version information and exit
`;

type Word = "c" | "i" | "o" | "l";
const SANE_SET = 1, SANE_UNSET = 2, REV = 4;

/** A mode: its name, the flag word, GNU's sanity flags, the bits and the mask they live in. */
interface Mode { name: string; word: Word; flags: number; bits: number; mask: number }
const m = (name: string, word: Word, flags: number, bits: number, mask = bits): Mode => ({ name, word, flags, bits, mask });
const CSIZE = 0o60, NLDLY = 0o400, CRDLY = 0o3000, TABDLY = 0o14000, BSDLY = 0o20000, VTDLY = 0o40000, FFDLY = 0o100000;
const SS = SANE_SET | REV, SU = SANE_UNSET | REV;

/** GNU's table, in its display order. */
const MODES: Mode[] = [
  m("parenb", "c", REV, 0o400), m("parodd", "c", REV, 0o1000), m("cmspar", "c", REV, 0o10000000000),
  m("cs5", "c", 0, 0, CSIZE), m("cs6", "c", 0, 0o20, CSIZE), m("cs7", "c", 0, 0o40, CSIZE), m("cs8", "c", 0, 0o60, CSIZE),
  m("hupcl", "c", REV, 0o2000), m("cstopb", "c", REV, 0o100), m("cread", "c", SS, 0o200), m("clocal", "c", REV, 0o4000),
  m("crtscts", "c", REV, 0o20000000000),
  m("ignbrk", "i", SU, 0o1), m("brkint", "i", SS, 0o2), m("ignpar", "i", REV, 0o4), m("parmrk", "i", REV, 0o10),
  m("inpck", "i", REV, 0o20), m("istrip", "i", REV, 0o40), m("inlcr", "i", SU, 0o100), m("igncr", "i", SU, 0o200),
  m("icrnl", "i", SS, 0o400), m("ixon", "i", REV, 0o2000), m("ixoff", "i", SU, 0o10000), m("iuclc", "i", SU, 0o1000),
  m("ixany", "i", SU, 0o4000), m("imaxbel", "i", SS, 0o20000), m("iutf8", "i", SU, 0o40000),
  m("opost", "o", SS, 0o1), m("olcuc", "o", SU, 0o2), m("ocrnl", "o", SU, 0o10), m("onlcr", "o", SS, 0o4),
  m("onocr", "o", SU, 0o20), m("onlret", "o", SU, 0o40), m("ofill", "o", SU, 0o100), m("ofdel", "o", SU, 0o200),
  m("nl1", "o", SANE_UNSET, 0o400, NLDLY), m("nl0", "o", SANE_SET, 0, NLDLY),
  m("cr3", "o", SANE_UNSET, 0o3000, CRDLY), m("cr2", "o", SANE_UNSET, 0o2000, CRDLY), m("cr1", "o", SANE_UNSET, 0o1000, CRDLY),
  m("cr0", "o", SANE_SET, 0, CRDLY),
  m("tab3", "o", SANE_UNSET, 0o14000, TABDLY), m("tab2", "o", SANE_UNSET, 0o10000, TABDLY), m("tab1", "o", SANE_UNSET, 0o4000, TABDLY),
  m("tab0", "o", SANE_SET, 0, TABDLY),
  m("bs1", "o", SANE_UNSET, 0o20000, BSDLY), m("bs0", "o", SANE_SET, 0, BSDLY),
  m("vt1", "o", SANE_UNSET, 0o40000, VTDLY), m("vt0", "o", SANE_SET, 0, VTDLY),
  m("ff1", "o", SANE_UNSET, 0o100000, FFDLY), m("ff0", "o", SANE_SET, 0, FFDLY),
  m("isig", "l", SS, 0o1), m("icanon", "l", SS, 0o2), m("iexten", "l", SS, 0o100000), m("echo", "l", SS, 0o10),
  m("echoe", "l", SS, 0o20), m("echok", "l", SS, 0o40), m("echonl", "l", SU, 0o100), m("noflsh", "l", SU, 0o200),
  m("xcase", "l", SU, 0o4), m("tostop", "l", SU, 0o400), m("echoprt", "l", SU, 0o2000), m("echoctl", "l", SS, 0o1000),
  m("echoke", "l", SS, 0o4000), m("flusho", "l", SU, 0o10000), m("extproc", "l", SU, 0o200000),
];
/** Names accepted but not displayed. */
const ALIASES: Record<string, string> = { hup: "hupcl", tandem: "ixoff", crterase: "echoe", ctlecho: "echoctl", prterase: "echoprt", crtkill: "echoke" };

/** The control characters in display order: name, c_cc index, sane value (0: disabled). */
const CCHARS: [string, number, number][] = [
  ["intr", 0, 3], ["quit", 1, 28], ["erase", 2, 127], ["kill", 3, 21], ["eof", 4, 4], ["eol", 11, 0], ["eol2", 16, 0],
  ["swtch", 7, 0], ["start", 8, 17], ["stop", 9, 19], ["susp", 10, 26], ["rprnt", 12, 18], ["werase", 14, 23],
  ["lnext", 15, 22], ["discard", 13, 15],
];
const VMIN = 6, VTIME = 5;
const CBAUD = 0o10017;
const SPEEDS: [number, number][] = [[0, 0], [50, 1], [75, 2], [110, 3], [134, 4], [150, 5], [200, 6], [300, 7], [600, 8],
  [1200, 9], [1800, 10], [2400, 11], [4800, 12], [9600, 13], [19200, 14], [38400, 15], [57600, 0o10001],
  [115200, 0o10002], [230400, 0o10003], [460800, 0o10004], [500000, 0o10005], [576000, 0o10006], [921600, 0o10007],
  [1000000, 0o10010], [1152000, 0o10011], [1500000, 0o10012], [2000000, 0o10013], [2500000, 0o10014],
  [3000000, 0o10015], [3500000, 0o10016], [4000000, 0o10017]];

const word = (t: Termios, w: Word) => (w === "c" ? t.c_cflag : w === "i" ? t.c_iflag : w === "o" ? t.c_oflag : t.c_lflag);
function setWord(t: Termios, w: Word, v: number): void {
  v >>>= 0;
  if (w === "c") t.c_cflag = v; else if (w === "i") t.c_iflag = v; else if (w === "o") t.c_oflag = v; else t.c_lflag = v;
}
const isSet = (t: Termios, md: Mode) => ((word(t, md.word) & md.mask) >>> 0) === md.bits;
function apply(t: Termios, md: Mode, on: boolean): void {
  const w = word(t, md.word);
  setWord(t, md.word, on ? (w & ~md.mask) | md.bits : w & ~md.mask);
}

/** A control character as stty shows it: ^C, ^?, M-^C, <undef>. */
function visible(c: number): string {
  if (c === 0) return "<undef>";
  let s = "";
  if (c >= 128) { s = "M-"; c -= 128; }
  if (c < 32) return `${s}^${String.fromCharCode(c + 64)}`;
  if (c === 127) return `${s}^?`;
  return s + String.fromCharCode(c);
}

/** A control character operand: ^X, ^?, ^- or undef, a number, or one character; null if invalid. */
function parseCchar(s: string): number | null {
  if (s === "^-" || s === "undef") return 0;
  if (s.length === 2 && s[0] === "^") return s[1] === "?" ? 127 : s.charCodeAt(1) & 31;
  if (/^(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)$/i.test(s) && s.length > 1) { const n = Number(s.startsWith("0") && !/^0x/i.test(s) ? parseInt(s, 8) : s); return n < 256 ? n : null; }
  if ([...s].length === 1) return s.charCodeAt(0) < 256 ? s.charCodeAt(0) : null;
  return null;
}

/** GNU's output: items separated by a space, wrapped before the screen's last column. */
class Wrap {
  col = 0;
  text = "";
  constructor(readonly max: number) {}
  item(s: string): void {
    if (this.col > 0) {
      if (this.max - this.col <= s.length) { this.text += "\n"; this.col = 0; } else { this.text += " "; this.col++; }
    }
    this.text += s;
    this.col += s.length;
  }
  newline(): void { if (this.col > 0) { this.text += "\n"; this.col = 0; } }
}

function sane(t: Termios): void {
  for (const md of MODES) {
    if (md.flags & SANE_SET) apply(t, md, true);
    else if (md.flags & SANE_UNSET) apply(t, md, false);
  }
  for (const [, i, v] of CCHARS) t.c_cc[i] = v;
  t.c_cc[VMIN] = 1; t.c_cc[VTIME] = 0;
}

const IRAW = 0o1 | 0o2 | 0o4 | 0o10 | 0o20 | 0o40 | 0o100 | 0o200 | 0o400 | 0o2000 | 0o10000 | 0o1000 | 0o4000 | 0o20000;

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool("stty", HELP);
  let device: string | null = null, all = false, save = false;
  const ops: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-a" || a === "--all") all = true;
    else if (a === "-g" || a === "--save") save = true;
    else if (a === "-F" || a === "--file") { if (i + 1 >= argv.length) return t.usage(`option requires an argument -- 'F'`); device = argv[++i]; }
    else if (a.startsWith("-F") && a.length > 2) device = a.slice(2);
    else if (a.startsWith("--file=")) device = a.slice(7);
    else if (a === "--help") { t.out.text(HELP); return t.finish(0); }
    else if (a === "--version") { t.out.text("stty (GNU coreutils) 9.4\n"); return t.finish(0); }
    else ops.push(a);
  }
  if ((all || save) && ops.length) return t.usage("when specifying an output style, modes may not be set");
  if (all && save) return t.usage("the options for verbose and stty-readable output styles are\nmutually exclusive");
  const name = device ?? "standard input";
  let fd = 0;
  if (device !== null) {
    fd = await open(device, O_RDONLY | O_NONBLOCK);
    if (fd < 0) { await t.error(`${device}: ${t.errText}`); return 1; }
  }
  const tio = newTermios();
  if ((await tcgetattr(fd, tio)) < 0) { await t.error(`${quote(name)}: ${t.errText}`); return 1; }
  const ws = { ws_row: 0, ws_col: 0, ws_xpixel: 0, ws_ypixel: 0 };
  const haveWs = (await getWinsize(fd, ws)) === 0;

  if (!ops.length) {
    const cols = haveWs && ws.ws_col > 0 ? ws.ws_col : Number(getenv("COLUMNS")) > 0 ? Number(getenv("COLUMNS")) : 80;
    if (save) {
      const cc = Array.from({ length: 32 }, (_, i) => (i < tio.c_cc.length ? tio.c_cc[i] : 0).toString(16));
      t.out.text([tio.c_iflag, tio.c_oflag, tio.c_cflag, tio.c_lflag].map((v) => v.toString(16)).concat(cc).join(":") + "\n");
      return t.finish();
    }
    const w = new Wrap(cols);
    const speed = SPEEDS.find(([, code]) => code === (tio.c_cflag & CBAUD))?.[0] ?? 0;
    w.item(`speed ${speed} baud;`);
    if (all && haveWs) w.item(`rows ${ws.ws_row}; columns ${ws.ws_col};`);
    w.item(`line = ${tio.c_line};`);
    w.newline();
    const icanon = (tio.c_lflag & 0o2) !== 0;
    for (const [cname, i, saneVal] of CCHARS) if (all || tio.c_cc[i] !== saneVal) w.item(`${cname} = ${visible(tio.c_cc[i])};`);
    if (all || !icanon) w.item(`min = ${tio.c_cc[VMIN]}; time = ${tio.c_cc[VTIME]};`);
    w.newline();
    let prev: Word | null = null;
    for (const md of MODES) {
      if (md.word !== prev) { w.newline(); prev = md.word; }
      const on = isSet(tio, md);
      if (all) {
        if (on) w.item(md.name);
        else if (md.flags & REV) w.item(`-${md.name}`);
      } else if (on) {
        if (md.flags & SANE_UNSET) w.item(md.name);
      } else if ((md.flags & (SANE_SET | REV)) === (SANE_SET | REV)) w.item(`-${md.name}`);
    }
    w.newline();
    t.out.text(w.text);
    return t.finish();
  }

  let wsChanged = false, tioChanged = false;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    const arg = async (): Promise<string | null> => {
      if (i + 1 < ops.length) return ops[++i];
      await t.error(`missing argument to ${quote(op)}`);
      return null;
    };
    const neg = op.startsWith("-");
    const base = neg ? op.slice(1) : op;
    const md = MODES.find((x) => x.name === (ALIASES[base] ?? base));
    if (md && (!neg || md.flags & REV)) { apply(tio, md, !neg); tioChanged = true; continue; }
    const cc = CCHARS.find(([n]) => n === op);
    if (cc || op === "min" || op === "time" || op === "rows" || op === "cols" || op === "columns" || op === "line" || op === "ispeed" || op === "ospeed") {
      const v = await arg();
      if (v === null) return t.usage();
      if (cc) {
        const c = parseCchar(v);
        if (c === null) { await t.error(`invalid integer argument ${quote(v)}`); return 1; }
        tio.c_cc[cc[1]] = c; tioChanged = true;
      } else if (op === "ispeed" || op === "ospeed") {
        const sp = SPEEDS.find(([b]) => String(b) === v);
        if (!sp) { await t.error(`invalid ${op} ${quote(v)}`); return 1; }
        tio.c_cflag = ((tio.c_cflag & ~CBAUD) | sp[1]) >>> 0; tioChanged = true;
      } else {
        if (!/^\d+$/.test(v) || Number(v) > (op === "min" || op === "time" || op === "line" ? 255 : 65535)) { await t.error(`invalid integer argument ${quote(v)}`); return 1; }
        const n = Number(v);
        if (op === "min") tio.c_cc[VMIN] = n; else if (op === "time") tio.c_cc[VTIME] = n; else if (op === "line") tio.c_line = n;
        else if (op === "rows") { ws.ws_row = n; wsChanged = true; } else { ws.ws_col = n; wsChanged = true; }
        if (op === "min" || op === "time" || op === "line") tioChanged = true;
      }
      continue;
    }
    if (op === "size") {
      if (!haveWs) { await t.error(`${quote(name)}: unable to perform all requested operations`); return 1; }
      t.out.text(`${ws.ws_row} ${ws.ws_col}\n`);
      continue;
    }
    if (op === "speed") { t.out.text(`${SPEEDS.find(([, c]) => c === (tio.c_cflag & CBAUD))?.[0] ?? 0}\n`); continue; }
    const sp = SPEEDS.find(([b]) => String(b) === op);
    if (sp) { tio.c_cflag = ((tio.c_cflag & ~CBAUD) | sp[1]) >>> 0; tioChanged = true; continue; }
    tioChanged = true;
    if (op === "raw" || op === "-cooked") {
      tio.c_iflag = (tio.c_iflag & ~IRAW) >>> 0;
      tio.c_oflag = (tio.c_oflag & ~0o1) >>> 0;
      tio.c_lflag = (tio.c_lflag & ~(0o1 | 0o2 | 0o4)) >>> 0;
      tio.c_cflag = ((tio.c_cflag & ~(CSIZE | 0o400)) | 0o60) >>> 0;
      tio.c_cc[VMIN] = 1; tio.c_cc[VTIME] = 0;
    } else if (op === "-raw" || op === "cooked") {
      tio.c_iflag = (tio.c_iflag | 0o2 | 0o4 | 0o40 | 0o400 | 0o2000) >>> 0;
      tio.c_oflag = (tio.c_oflag | 0o1) >>> 0;
      tio.c_lflag = (tio.c_lflag | 0o1 | 0o2) >>> 0;
    } else if (op === "sane") sane(tio);
    else if (op === "cbreak") tio.c_lflag = (tio.c_lflag & ~0o2) >>> 0;
    else if (op === "-cbreak") tio.c_lflag = (tio.c_lflag | 0o2) >>> 0;
    else if (op === "nl") { tio.c_iflag = (tio.c_iflag & ~0o400) >>> 0; tio.c_oflag = (tio.c_oflag & ~0o4) >>> 0; }
    else if (op === "-nl") { tio.c_iflag = ((tio.c_iflag | 0o400) & ~(0o100 | 0o200)) >>> 0; tio.c_oflag = ((tio.c_oflag | 0o4) & ~(0o10 | 0o40)) >>> 0; }
    else if (op === "ek") { tio.c_cc[2] = 127; tio.c_cc[3] = 21; }
    else { await t.error(`invalid argument ${quote(op)}`); return t.usage(); }
  }
  if (tioChanged && (await tcsetattr(fd, TCSADRAIN, tio)) < 0) { await t.error(`${quote(name)}: ${t.errText}`); return 1; }
  if (wsChanged && (await setWinsize(fd, ws)) < 0) { await t.error(`${quote(name)}: ${t.errText}`); return 1; }
  return t.finish();
}
