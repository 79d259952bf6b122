// srcversion: a digest of a module's sources, 23 upper-case hex digits as Linux's modpost
// prints it (Linux uses MD4 over the source files; any stable digest serves the same purpose:
// telling two builds of different sources apart).
export function srcversion(sources: string[]): string {
  const seeds = [0x811c9dc5, 0x01000193, 0x9e3779b9];
  const words = seeds.map((seed) => {
    let h = seed >>> 0;
    for (const s of sources) {
      for (let i = 0; i < s.length; i++) {
        h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
      }
      h = (h ^ 0xff) >>> 0;
    }
    return h.toString(16).padStart(8, "0");
  });
  return words.join("").slice(0, 23).toUpperCase();
}
