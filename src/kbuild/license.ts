// The licences modpost and the loader treat as GPL-compatible (license_is_gpl_compatible).
export const GPL_COMPATIBLE_LICENSES = ["GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL", "Dual MPL/GPL"];

export function licenseIsGplCompatibleName(lic: string): boolean {
  return GPL_COMPATIBLE_LICENSES.includes(lic);
}
