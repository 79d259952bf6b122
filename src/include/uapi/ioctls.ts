// ioctl request numbers (<asm-generic/ioctls.h>) and the _IO/_IOR/_IOW/_IOWR encoding.
export const TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404;
export const TIOCSCTTY = 0x540e, TIOCGPGRP = 0x540f, TIOCSPGRP = 0x5410, TIOCOUTQ = 0x5411;
export const TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, FIONREAD = 0x541b, TIOCINQ = FIONREAD;
export const TIOCNOTTY = 0x5422, TIOCGSID = 0x5429, FIONBIO = 0x5421, FIOCLEX = 0x5451, FIONCLEX = 0x5450;
export const TCFLSH = 0x540b, TCXONC = 0x540a;

export const _IOC_NRBITS = 8, _IOC_TYPEBITS = 8, _IOC_SIZEBITS = 14;
export const _IOC_NRSHIFT = 0, _IOC_TYPESHIFT = 8, _IOC_SIZESHIFT = 16, _IOC_DIRSHIFT = 30;
export const _IOC_NONE = 0, _IOC_WRITE = 1, _IOC_READ = 2;
export const _IOC = (dir: number, type: number, nr: number, size: number) =>
  ((dir << _IOC_DIRSHIFT) | (type << _IOC_TYPESHIFT) | (nr << _IOC_NRSHIFT) | (size << _IOC_SIZESHIFT)) >>> 0;
const typeCode = (t: number | string) => (typeof t === "string" ? t.charCodeAt(0) : t);
export const _IO = (type: number | string, nr: number) => _IOC(_IOC_NONE, typeCode(type), nr, 0);
export const _IOR = (type: number | string, nr: number, size: number) => _IOC(_IOC_READ, typeCode(type), nr, size);
export const _IOW = (type: number | string, nr: number, size: number) => _IOC(_IOC_WRITE, typeCode(type), nr, size);
export const _IOWR = (type: number | string, nr: number, size: number) =>
  _IOC(_IOC_READ | _IOC_WRITE, typeCode(type), nr, size);
export const _IOC_DIR = (nr: number) => (nr >>> _IOC_DIRSHIFT) & 3;
export const _IOC_TYPE = (nr: number) => (nr >>> _IOC_TYPESHIFT) & 0xff;
export const _IOC_NR = (nr: number) => (nr >>> _IOC_NRSHIFT) & 0xff;
export const _IOC_SIZE = (nr: number) => (nr >>> _IOC_SIZESHIFT) & 0x3fff;
