// A hostile user program: it tries every way out of the JavaScript sandbox it knows (host
// modules, the host's globals, code generation, prototype chains of what the runtime hands in,
// channels to other Workers) and prints one line per attempt: "NAME: blocked" or "NAME: ESCAPED".
// argv[1] is a host path that an escape would create.
import { write } from "unistd";
// @ts-expect-error: libc's trap module, which the runtime links like a header
import * as trap from "arch/trap";

type Attempt = () => unknown;

/** Host capability the attempt got hold of: a module namespace or object with host powers. */
function powerful(x: any): boolean {
  return !!x && (typeof x.writeFileSync === "function" || typeof x.execSync === "function" ||
    typeof x.kill === "function" || typeof x.pid === "number" || typeof x.platform === "string");
}

export default async function main(argv: string[]): Promise<number> {
  const marker = argv[1] ?? "/tmp/typix-escape-marker";
  const g = globalThis as any;
  const use = async (x: any) => {
    if (powerful(x)) {
      try { (x.writeFileSync ?? x.default?.writeFileSync)?.(marker, "escaped"); } catch { /* still an escape */ }
      throw Object.assign(new Error("ESCAPED"), { escaped: true });
    }
    const m = await x;
    if (powerful(m) || powerful(m?.default)) {
      try { (m.writeFileSync ?? m.default?.writeFileSync)?.(marker, "escaped"); } catch { /* still an escape */ }
      throw Object.assign(new Error("ESCAPED"), { escaped: true });
    }
    return m;
  };
  const spec = (s: string) => s; // keeps the compiler from resolving the specifiers
  const attempts: Record<string, Attempt> = {
    "import node:fs": () => use(import(spec("node:fs"))),
    "import fs": () => use(import(spec("fs"))),
    "import node:child_process": () => use(import(spec("node:child_process"))),
    "import node:worker_threads": () => use(import(spec("node:worker_threads"))),
    "import data: URL": () => use(import(spec("data:text/javascript,export * from 'node:fs'"))),
    "import file: URL": () => use(import(spec("file:///etc/passwd"))),
    "import typescript": () => use(import(spec("typescript"))),
    "eval import": () => use((0, eval)("import('node:fs')")),
    "Function import": () => use(new Function("return import('node:fs')")()),
    "promise job import": () => use(Promise.resolve("return import('node:fs')").then(Function).then((f: any) => f())),
    "timer import": () => use(new Promise((res) => setTimeout(() => res(Function("return import('node:fs')")()), 0))),
    "process": () => use(g.process),
    "global.process": () => use(g.global?.process),
    "require": () => use(g.require?.("fs")),
    "constructor of a libc function": () => use(write.constructor("return globalThis.process")()),
    "constructor of the trap backend": () => use((trap as any).trapBackend().enter.constructor("return process")()),
    "constructor of argv": () => use((argv as any).constructor.constructor("return process")()),
    "prototype of an error": () => {
      try { (null as any).x; } catch (e: any) { return use(e.constructor.constructor("return process")()); }
    },
    "stack frames": () => {
      const saved = (Error as any).prepareStackTrace;
      let frames: any[] = [];
      (Error as any).prepareStackTrace = (_e: unknown, cs: any[]) => cs;
      frames = (new Error().stack as any) ?? [];
      (Error as any).prepareStackTrace = saved;
      for (const f of frames) {
        const self = f.getThis?.();
        const fn = f.getFunction?.();
        if (powerful(self) || powerful(self?.process) || (fn && powerful(fn("process")))) return use(self);
      }
      return null;
    },
    "fetch": () => use(g.fetch?.("http://127.0.0.1:1/")),
    "WebSocket": () => use(g.WebSocket && new g.WebSocket("ws://127.0.0.1:1/")),
    "BroadcastChannel": () => {
      if (typeof g.BroadcastChannel !== "function") return null;
      new g.BroadcastChannel("typix").postMessage("hello");
      throw Object.assign(new Error("ESCAPED"), { escaped: true });
    },
    "WebAssembly imports": async () => {
      // A module asking for an import it is not given cannot be instantiated: nothing is linked implicitly.
      const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 2, 9, 1, 2, 102, 115, 2, 114, 109, 0, 0]);
      return use(await WebAssembly.instantiate(bytes, {}));
    },
  };
  let out = "";
  for (const [name, attempt] of Object.entries(attempts)) {
    let line: string;
    try {
      await attempt();
      line = "blocked";
    } catch (e: any) {
      line = e?.escaped ? "ESCAPED" : "blocked";
    }
    out += `${name}: ${line}\n`;
  }
  console.log("console.log writes to stdout");
  await write(1, out);
  return 0;
}
