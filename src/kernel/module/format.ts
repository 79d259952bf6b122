// The kernel's side of the .ko container (its layout and writer are the uapi header
// include/uapi/linux/ko.ts, shared with userland): reading a module is strict, and anything
// malformed, foreign or unknown is ENOEXEC ("Invalid module format"), never an exception.
import { Errno } from "../errors.js";
import { ENOEXEC } from "../../include/uapi/errno.js";
import { TYPIX_RELEASE } from "../utsname.js";
import { parseKo, vermagicOf, type ModuleImage } from "../../include/uapi/linux/ko.js";

export { writeKo, KO_MAGIC, KO_VERSION, CODE_FORMATS } from "../../include/uapi/linux/ko.js";
export type { ModuleImage, KoExport, CodeFormat } from "../../include/uapi/linux/ko.js";

/** VERMAGIC_STRING: the release and the options a module must be built for. */
export const VERMAGIC = vermagicOf(TYPIX_RELEASE);

/** Read a .ko; ENOEXEC (as an Errno) for anything that is not a well-formed one. */
export function readKo(buf: Uint8Array): ModuleImage {
  const img = parseKo(buf);
  if (!img) throw new Errno(ENOEXEC);
  return img;
}

/** The first value of a .modinfo tag (get_modinfo). */
export function modinfoGet(img: ModuleImage, key: string): string | undefined {
  return img.modinfo.find(([k]) => k === key)?.[1];
}
