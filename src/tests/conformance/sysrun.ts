// sysrun: a user program that makes the system calls its standard input lists, one per line,
// through libc's syscall(), and prints what each returned: "= value" or "= -1 ENAME". The
// conformance tests (src/tests/conformance_*.test.ts) feed it tables of calls and compare the
// answers with what Linux gives for the same calls.
//
//   open "/etc/passwd" O_RDONLY 0      a string argument is copied into memory: its address
//   read $1 buf:16 16                  $N: what line N returned; buf:N: N zeroed bytes
//   dump 2 5                           print 5 bytes of argument 2 (a buffer) of the last call
//   field 2 24 u32                     print a field (offset, u32|i32|i64) of argument 2
//   words:1,0,2 is the address of those 64-bit values (a struct sigaction, a timespec, ...)
//   NULL is 0; BAD is an unmapped address; names are libc constants, joined with |.
import { syscall } from "sys/syscall";
import * as NR from "sys/syscall";
import { errno, errnoName } from "errno";
import { read, write } from "unistd";
import { calloc } from "stdlib";
import { memcpy } from "string";
import * as fcntl from "fcntl";
import * as signal from "signal";
import * as ioctl from "sys/ioctl";
import * as stat from "sys/stat";

const enc = new TextEncoder();
const dec = new TextDecoder();
const consts: Record<string, unknown> = { ...fcntl, ...signal, ...ioctl, ...stat };
const BAD = 0x1000;

function unescape(s: string): string {
  return s.replace(/\\(n|t|0|\\|")/g, (_m, c: string) => ({ n: "\n", t: "\t", "0": "\0", "\\": "\\", '"': '"' })[c]!);
}

function tokenize(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (let m; (m = re.exec(line)); ) out.push(m[1] !== undefined ? `"${m[1]}` : m[2]);
  return out;
}

async function readAll(): Promise<string> {
  let text = "";
  const b = new Uint8Array(65536);
  for (;;) {
    const n = await read(0, b);
    if (n <= 0) return text;
    text += dec.decode(b.subarray(0, n), { stream: true });
  }
}

function number(a: string): number | null {
  if (/^-?\d+$/.test(a)) return a.length > 1 && a.startsWith("0") ? parseInt(a, 8) : Number(a);
  if (/^0x[0-9a-f]+$/i.test(a)) return Number(a);
  return null;
}

/** The bytes at address p, copied out of the process's memory. */
async function peek(p: number, n: number): Promise<Uint8Array> {
  const out = new Uint8Array(n);
  await memcpy(out, p, n);
  return out;
}

async function field(p: number, off: number, kind: string): Promise<string> {
  const v = new DataView((await peek(p + off, 8)).buffer);
  if (kind === "u32") return String(v.getUint32(0, true));
  if (kind === "i32") return String(v.getInt32(0, true));
  return String(v.getBigInt64(0, true));
}

export default async function main(): Promise<number> {
  const results: number[] = [];
  let lastArgs: number[] = [];
  let out = "";
  let lineNo = 0;
  for (const raw of (await readAll()).split("\n")) {
    const line = raw.replace(/(^|\s)#.*/, "").trim();
    if (!line) continue;
    lineNo++;
    const [name, ...args] = tokenize(line);
    if (name === "dump" || name === "field") {
      const base = lastArgs[Number(args[0]) - 1];
      const text = name === "dump" ? JSON.stringify(dec.decode(await peek(base, Number(args[1]))))
        : await field(base, Number(args[1]), args[2]);
      out += `${lineNo} ${name} ${args.join(" ")} = ${text}\n`;
      results.push(0);
      continue;
    }
    const values: number[] = [];
    for (const a of args) {
      const n = number(a);
      if (n !== null) values.push(n);
      else if (a.startsWith('"')) {
        const s = enc.encode(unescape(a.slice(1)));
        const p = await calloc(s.length + 1, 1);
        await memcpy(p, s, s.length);
        values.push(p);
      } else if (a.startsWith("buf:")) values.push(await calloc(Number(a.slice(4)), 1));
      else if (a.startsWith("words:")) {
        const words = a.slice(6).split(",").map((w) => BigInt(w));
        const b = new Uint8Array(words.length * 8);
        words.forEach((w, i) => new DataView(b.buffer).setBigInt64(i * 8, w, true));
        const p = await calloc(b.length, 1);
        await memcpy(p, b, b.length);
        values.push(p);
      }
      else if (a === "NULL") values.push(0);
      else if (a === "BAD") values.push(BAD);
      else if (a.startsWith("$")) values.push(results[Number(a.slice(1)) - 1]);
      else {
        let v = 0;
        for (const part of a.split("|")) {
          const c = number(part) ?? consts[part];
          if (typeof c !== "number") out += `${lineNo} ${name}: unknown constant ${part}\n`;
          else v |= c;
        }
        values.push(v);
      }
    }
    const nr = /^nr\d+$/.test(name) ? Number(name.slice(2)) : (NR as Record<string, unknown>)[`__NR_${name}`];
    if (typeof nr !== "number") {
      out += `${lineNo} ${name}: unknown system call\n`;
      results.push(-1);
      continue;
    }
    const r = await syscall(nr, ...values);
    lastArgs = values;
    results.push(r);
    out += r === -1 ? `${lineNo} ${name} = -1 ${errnoName(errno)}\n` : `${lineNo} ${name} = ${r}\n`;
  }
  await write(1, out);
  return 0;
}
