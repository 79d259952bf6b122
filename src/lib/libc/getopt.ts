// getopt(3) (declared in <unistd.h>): POSIX option parsing with GNU's behaviour: arguments
// are permuted so that options may follow operands (unless the option string starts with '+'
// or POSIXLY_CORRECT is set), "--" ends the options, a leading ':' in the option string
// silences messages and reports a missing argument as ':'. Messages are GNU's:
//   prog: invalid option -- 'x'
//   prog: option requires an argument -- 'x'
// optind, optarg, opterr and optopt are per process (libc state); the exported bindings show
// the calling process's values right after each call, and setOptind/setOpterr change them.
import { libcState, then, type Sys } from "./internal/sys.js";
import { write } from "./unistd_io.js";

interface GetoptState {
  optind: number;
  optarg: string | null;
  opterr: number;
  optopt: string;
  /** Position inside a cluster of options ("-abc"), 0 when starting a new word. */
  nextchar: number;
  /** How many operands were moved from before the current word to just after it. */
  skipped: number;
}

export let optind = 1;
export let optarg: string | null = null;
export let opterr = 1;
export let optopt = "";

function gs(): GetoptState {
  const st = libcState();
  return (st.getopt ??= { optind: 1, optarg: null, opterr: 1, optopt: "", nextchar: 0, skipped: 0 }) as GetoptState;
}

function publish(g: GetoptState): void {
  optind = g.optind; optarg = g.optarg; opterr = g.opterr; optopt = g.optopt;
}

/** Set optind (0 or 1 restarts the scan, as GNU's optind = 0 does). */
export function setOptind(n: number): void {
  const g = gs();
  g.optind = n === 0 ? 1 : n;
  g.nextchar = 0;
  publish(g);
}
export function setOpterr(n: number): void { gs().opterr = n; publish(gs()); }

const isOption = (a: string | undefined) => a !== undefined && a.length > 1 && a[0] === "-";

/**
 * getopt(argv, optstring) — or getopt(argc, argv, optstring) as in C. Returns the option
 * character, "?" for an unknown option or missing argument (":" with a leading ':'), or -1
 * when the options are over (optind then indexes the first operand).
 */
export function getopt(argv: string[], optstring: string): Sys<string | -1>;
export function getopt(argc: number, argv: string[], optstring: string): Sys<string | -1>;
export function getopt(a: number | string[], b: string[] | string, c?: string): Sys<string | -1> {
  const argv = (typeof a === "number" ? b : a) as string[];
  const argc = typeof a === "number" ? Math.min(a, argv.length) : argv.length;
  let opts = (typeof a === "number" ? c : b) as string;
  const g = gs();
  g.optarg = null;
  let permute = !("POSIXLY_CORRECT" in envMap());
  if (opts.startsWith("+")) { permute = false; opts = opts.slice(1); }
  else if (opts.startsWith("-")) opts = opts.slice(1);
  const colon = opts.startsWith(":");

  // The operands skipped so far sit right after the word being parsed.
  let skipped = 0;
  if (g.nextchar === 0) {
    if (g.optind >= argc) return end(g);
    let i = g.optind;
    if (permute) while (i < argc && !isOption(argv[i])) i++;
    if (i >= argc || !isOption(argv[i])) return end(g);
    if (i > g.optind) {
      const [w] = argv.splice(i, 1);
      argv.splice(g.optind, 0, w);
      skipped = i - g.optind;
    }
    if (argv[g.optind] === "--") {
      g.optind++;
      return end(g);
    }
    g.nextchar = 1;
    g.skipped = skipped;
  } else {
    skipped = g.skipped;
  }
  const word = argv[g.optind];
  const ch = word[g.nextchar++];
  const k = ch === ":" ? -1 : opts.indexOf(ch);
  const finishWord = () => { if (g.nextchar >= word.length) { g.optind++; g.nextchar = 0; } };
  const prog = argv[0] ?? "";
  if (k < 0) {
    g.optopt = ch;
    finishWord();
    publish(g);
    return message(g, colon, `${prog}: invalid option -- '${ch}'\n`, "?");
  }
  if (opts[k + 1] === ":") {
    const optional = opts[k + 2] === ":";
    if (g.nextchar < word.length) {
      g.optarg = word.slice(g.nextchar);
      g.optind++;
    } else if (optional) {
      g.optind++;
    } else {
      // The argument is the next word; operands skipped over stay after it.
      const at = g.optind + 1 + skipped;
      if (at >= argc) {
        g.optopt = ch;
        g.optind++;
        g.nextchar = 0;
        publish(g);
        return message(g, colon, `${prog}: option requires an argument -- '${ch}'\n`, colon ? ":" : "?");
      }
      if (skipped) {
        const [w] = argv.splice(at, 1);
        argv.splice(g.optind + 1, 0, w);
      }
      g.optarg = argv[g.optind + 1];
      g.optind += 2;
    }
    g.nextchar = 0;
  } else {
    finishWord();
  }
  publish(g);
  return ch;
}

function end(g: GetoptState): -1 {
  g.nextchar = 0;
  publish(g);
  return -1;
}

function message(g: GetoptState, colon: boolean, text: string, ret: string): Sys<string> {
  if (!g.opterr || colon) return ret;
  return then(write(2, text), () => ret);
}

function envMap(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of (libcState().environ as string[] | undefined) ?? []) {
    const i = e.indexOf("=");
    if (i > 0) out[e.slice(0, i)] = e.slice(i + 1);
  }
  return out;
}
