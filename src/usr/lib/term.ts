// The terminal's width for column output: TIOCGWINSZ on stdout, then $COLUMNS, then 80.
import { sys, scoped, then, dv, type Sys } from "../../lib/libc/internal/sys.js";
import { getenv } from "../../lib/libc/stdlib.js";

const NR_ioctl = 16;
const TIOCGWINSZ = 0x5413;

export function termWidth(fd = 1): Sys<number> {
  return scoped((s) => {
    const p = s.buf(8);
    return then(sys(NR_ioctl, fd, TIOCGWINSZ, p), (r) => {
      const cols = r === 0 ? dv().getUint16(p + 2, true) : 0;
      if (cols > 0) return cols;
      const env = Number(getenv("COLUMNS"));
      return env > 0 ? env : 80;
    });
  });
}
