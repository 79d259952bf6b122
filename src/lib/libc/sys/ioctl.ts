// <sys/ioctl.h>: ioctl, the request numbers of the ABI, and struct winsize helpers.
import { sys, scoped, then, dv, type Sys, type Ptr } from "../internal/sys.js";
import { TIOCGWINSZ, TIOCSWINSZ } from "../../../include/uapi/ioctls.js";
import * as NR from "../../../include/uapi/asm/unistd_64.gen.js";
export * from "../../../include/uapi/ioctls.js";

/** ioctl(fd, request, arg): arg is an integer or an address. */
export function ioctl(fd: number, request: number, arg: number | Ptr = 0): Sys { return sys(NR.__NR_ioctl, fd, request, arg); }

/** struct winsize: four unsigned shorts. */
export interface Winsize { ws_row: number; ws_col: number; ws_xpixel: number; ws_ypixel: number }

/** TIOCGWINSZ into a Winsize object: 0, or -1 with errno. */
export function getWinsize(fd: number, ws: Winsize): Sys {
  return scoped((s) => {
    const p = s.buf(8);
    return then(sys(NR.__NR_ioctl, fd, TIOCGWINSZ, p), (r) => {
      if (r === 0) {
        const v = dv();
        ws.ws_row = v.getUint16(p, true); ws.ws_col = v.getUint16(p + 2, true);
        ws.ws_xpixel = v.getUint16(p + 4, true); ws.ws_ypixel = v.getUint16(p + 6, true);
      }
      return r;
    });
  });
}

/** TIOCSWINSZ from a Winsize object. */
export function setWinsize(fd: number, ws: Winsize): Sys {
  return scoped((s) => {
    const p = s.buf(8);
    const v = dv();
    v.setUint16(p, ws.ws_row, true); v.setUint16(p + 2, ws.ws_col, true);
    v.setUint16(p + 4, ws.ws_xpixel, true); v.setUint16(p + 6, ws.ws_ypixel, true);
    return sys(NR.__NR_ioctl, fd, TIOCSWINSZ, p);
  });
}
