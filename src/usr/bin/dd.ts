// dd: convert and copy a file (GNU coreutils: if= of= bs= ibs= obs= count= skip= seek=
// conv=notrunc,noerror,sync,ucase,lcase,fsync status=none|noxfer|progress, and the record and
// transfer statistics on stderr).
import { read, write, close, lseek, ftruncate, fsync, SEEK_CUR, SEEK_SET } from "../../lib/libc/unistd.js";
import { open, O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC } from "../../lib/libc/fcntl.js";
import { Tool, quote, parseSize } from "../lib/common.js";
import { now } from "../lib/time.js";

const HELP = `Usage: dd [OPERAND]...
  or:  dd OPTION
Copy a file, converting and formatting according to the operands.

  bs=BYTES        read and write up to BYTES bytes at a time (default: 512);
                  overrides ibs and obs
  conv=CONVS      convert the file as per the comma separated symbol list
  count=N         copy only N input blocks
  ibs=BYTES       read up to BYTES bytes at a time (default: 512)
  if=FILE         read from FILE instead of stdin
  obs=BYTES       write BYTES bytes at a time (default: 512)
  of=FILE         write to FILE instead of stdout
  seek=N          skip N obs-sized blocks at start of output
  skip=N          skip N ibs-sized blocks at start of input
  status=LEVEL    The LEVEL of information to print to stderr;
                  'none' suppresses everything but error messages,
                  'noxfer' suppresses the final transfer statistics,
                  'progress' shows periodic transfer statistics
`;

/** SI or IEC size with one decimal below 10, rounded to nearest: "1.0 kB", "512 KiB". */
function human(n: number, base: number): string {
  const units = base === 1000 ? ["kB", "MB", "GB", "TB", "PB", "EB"] : ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
  if (n < base) return `${n} B`;
  let v = n, u = -1;
  while (v >= base && u < units.length - 1) { v /= base; u++; }
  if (v < 10) { const r = Math.round(v * 10) / 10; return r >= 10 ? `10 ${units[u]}` : `${r.toFixed(1)} ${units[u]}`; }
  const r = Math.round(v);
  return r >= base && u < units.length - 1 ? `1.0 ${units[u + 1]}` : `${r} ${units[u]}`;
}

const g = (x: number) => { const s = x.toPrecision(6); return String(Number(s)); };

export default async function main(argv: string[]): Promise<number> {
  const t = new Tool(argv[0], HELP);
  const ops: Record<string, string> = {};
  for (const a of argv.slice(1)) {
    if (a === "--help") { t.out.text(HELP); return t.finish(0); }
    if (a === "--") continue;
    const eq = a.indexOf("=");
    if (eq < 0) return t.usage(a.startsWith("-") ? (a.startsWith("--") ? `unrecognized option ${quote(a)}` : `invalid option -- '${a[1]}'`) : `unrecognized operand ${quote(a)}`);
    const k = a.slice(0, eq);
    if (!["if", "of", "bs", "ibs", "obs", "count", "skip", "seek", "conv", "status", "iflag", "oflag", "cbs"].includes(k)) return t.usage(`unrecognized operand ${quote(a)}`);
    ops[k] = a.slice(eq + 1);
  }
  const num = async (k: string, def: number): Promise<number | null> => {
    if (ops[k] === undefined) return def;
    const v = ops[k].split("x").reduce<number | null>((acc, part) => { const n = parseSize(part); return acc === null || n === null ? null : acc * n; }, 1);
    if (v === null || (["bs", "ibs", "obs"].includes(k) && v === 0)) { await t.error(`invalid number: ${quote(ops[k])}`); return null; }
    return v;
  };
  const bs = ops.bs !== undefined ? await num("bs", 512) : null;
  const ibs = bs ?? (await num("ibs", 512)), obs = bs ?? (await num("obs", 512));
  const count = await num("count", Infinity), skip = await num("skip", 0), seek = await num("seek", 0);
  if (ibs === null || obs === null || count === null || skip === null || seek === null) return 1;
  const conv = new Set((ops.conv ?? "").split(",").filter(Boolean));
  for (const c of conv) if (!["notrunc", "noerror", "sync", "ucase", "lcase", "fsync", "fdatasync", "excl", "nocreat"].includes(c)) { await t.error(`invalid conversion: ${quote(c)}`); return t.usage(); }
  const status = ops.status ?? "";
  if (status && !["none", "noxfer", "progress"].includes(status)) { await t.error(`invalid status level: ${quote(status)}`); return t.usage(); }
  const inFd = ops.if !== undefined ? await open(ops.if, O_RDONLY) : 0;
  if (inFd < 0) { await t.error(`failed to open ${quote(ops.if)}: ${t.errText}`); return 1; }
  const outFd = ops.of !== undefined ? await open(ops.of, O_WRONLY | (conv.has("nocreat") ? 0 : O_CREAT) | (conv.has("notrunc") || seek ? 0 : O_TRUNC), 0o666) : 1;
  if (outFd < 0) { await t.error(`failed to open ${quote(ops.of)}: ${t.errText}`); return 1; }
  if (seek && ops.of !== undefined) {
    await lseek(outFd, seek * obs, SEEK_SET);
    if (!conv.has("notrunc")) await ftruncate(outFd, seek * obs);
  }
  const start = await now();
  if (skip) {
    if ((await lseek(inFd, skip * ibs, SEEK_CUR)) < 0) {
      // Not seekable: read and drop.
      const tmp = new Uint8Array(ibs);
      for (let i = 0; i < skip; i++) if ((await read(inFd, tmp)) <= 0) break;
    }
  }
  let inFull = 0, inPart = 0, outFull = 0, outPart = 0, bytes = 0;
  const buf = new Uint8Array(ibs);
  let pending = new Uint8Array(0);
  const flushOut = async (final: boolean): Promise<boolean> => {
    while (pending.length >= obs || (final && pending.length)) {
      const n = Math.min(obs, pending.length);
      const w = await write(outFd, pending.subarray(0, n));
      if (w < 0) { await t.error(`error writing ${quote(ops.of ?? "standard output")}: ${t.errText}`); return false; }
      if (w === obs) outFull++; else outPart++;
      bytes += w;
      pending = pending.subarray(w);
    }
    return true;
  };
  let ok = true;
  for (let blocks = 0; blocks < count; blocks++) {
    let n = await read(inFd, buf);
    if (n < 0) {
      await t.error(`error reading ${quote(ops.if ?? "standard input")}: ${t.errText}`);
      if (!conv.has("noerror")) { ok = false; break; }
      n = 0;
    }
    if (n === 0) break;
    if (n === ibs) inFull++; else inPart++;
    let block = buf.slice(0, n);
    if (conv.has("sync") && n < ibs) { const b = new Uint8Array(ibs); b.set(block); block = b; }
    if (conv.has("ucase") || conv.has("lcase")) block = block.map((c) => (conv.has("ucase") ? (c >= 97 && c <= 122 ? c - 32 : c) : c >= 65 && c <= 90 ? c + 32 : c));
    if (bs !== null) {
      // With bs=, each input block is written as it was read.
      pending = block;
      if (!(await flushOut(true))) { ok = false; break; }
      continue;
    }
    const merged = new Uint8Array(pending.length + block.length);
    merged.set(pending);
    merged.set(block, pending.length);
    pending = merged;
    if (!(await flushOut(false))) { ok = false; break; }
  }
  if (ok && !(await flushOut(true))) ok = false;
  if (conv.has("fsync") || conv.has("fdatasync")) await fsync(outFd);
  if (ops.of !== undefined) await close(outFd);
  if (ops.if !== undefined) await close(inFd);
  if (status !== "none") {
    const end = await now();
    const secs = Math.max(1e-9, end.tv_sec - start.tv_sec + (end.tv_nsec - start.tv_nsec) / 1e9);
    let msg = `${inFull}+${inPart} records in\n${outFull}+${outPart} records out\n`;
    if (status !== "noxfer") {
      const amount = bytes === 1 ? "1 byte" : bytes < 1000 ? `${bytes} bytes` : `${bytes} bytes (${human(bytes, 1000)}, ${human(bytes, 1024)})`;
      msg += `${amount} copied, ${g(secs)} s, ${human(Math.round(bytes / secs), 1000)}/s\n`;
    }
    await write(2, msg);
  }
  return t.finish(ok ? 0 : 1);
}
