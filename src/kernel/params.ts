// Kernel command-line parameters (loglevel=, panic_on_oops=, quiet, ...): parsed at boot,
// each consumer registering the names it understands.
const handlers = new Map<string, (value: string | undefined) => void>();
let raw = "";

export const bootParams = {
  register(name: string, fn: (value: string | undefined) => void): void { handlers.set(name, fn); },
  parse(cmdline: string): void {
    raw = cmdline;
    for (const word of cmdline.split(/\s+/).filter(Boolean)) {
      const eq = word.indexOf("=");
      const name = eq < 0 ? word : word.slice(0, eq);
      handlers.get(name)?.(eq < 0 ? undefined : word.slice(eq + 1));
    }
  },
  /** /proc/cmdline */
  get cmdline(): string { return raw; },
};
