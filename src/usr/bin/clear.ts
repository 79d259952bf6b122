// clear: clear the terminal screen and its scrollback (ncurses' clear for TERM=xterm and
// linux: home the cursor, erase the display, erase the saved lines).
import { write } from "../../lib/libc/unistd.js";

export default async function main(argv: string[]): Promise<number> {
  const keepScrollback = argv.slice(1).includes("-x");
  const bad = argv.slice(1).find((a) => a !== "-x");
  if (bad !== undefined) {
    await write(2, `clear: invalid option -- '${bad.replace(/^-/, "")[0] ?? ""}'\nUsage: clear [options]\n`);
    return 1;
  }
  await write(1, "\x1b[H\x1b[2J" + (keepScrollback ? "" : "\x1b[3J"));
  return 0;
}
