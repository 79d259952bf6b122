// The default seek of files with a size (generic_file_llseek) and of files without a position.
import type { File } from "./file.js";
import { Errno } from "../kernel/errors.js";
import { EINVAL, ENXIO, ESPIPE } from "../include/uapi/errno.js";
import { SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA, SEEK_HOLE } from "../include/uapi/fcntl.js";

export function genericFileLlseek(file: File, offset: number, whence: number): number {
  const size = file.inode.size;
  let pos: number;
  switch (whence) {
    case SEEK_SET: pos = offset; break;
    case SEEK_CUR: pos = file.pos + offset; break;
    case SEEK_END: pos = size + offset; break;
    case SEEK_DATA: if (offset >= size) throw new Errno(ENXIO); pos = offset; break;
    case SEEK_HOLE: if (offset >= size) throw new Errno(ENXIO); pos = size; break;
    default: throw new Errno(EINVAL);
  }
  if (pos < 0) throw new Errno(EINVAL);
  file.pos = pos;
  return pos;
}

/** Seeking a device with no position (ttys, /dev/null): always 0, as Linux's noop_llseek. */
export function noopLlseek(file: File): number {
  return file.pos;
}

export function noLlseek(): number {
  throw new Errno(ESPIPE);
}
