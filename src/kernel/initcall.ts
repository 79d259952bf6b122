// Initcalls: subsystems register their boot-time setup here, by level, and start_kernel runs
// them in order (Linux's core_initcall ... late_initcall).
export type InitLevel = "core" | "fs" | "device" | "late";
const order: InitLevel[] = ["core", "fs", "device", "late"];
const calls: { level: InitLevel; name: string; fn: () => void }[] = [];

export function initcall(level: InitLevel, name: string, fn: () => void): void {
  calls.push({ level, name, fn });
}

export function runInitcalls(level: InitLevel): void {
  for (const c of calls) if (c.level === level) c.fn();
}
export const INIT_LEVELS = order;
