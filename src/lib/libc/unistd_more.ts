// Kept for older imports: pause now lives in unistd_proc.ts (re-exported by unistd.ts).
export { pause } from "./unistd_proc.js";
