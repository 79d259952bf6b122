// The Typix library: boot a machine and drive it.
export { boot, Machine, type BootConfig, type RunOptions, type RunResult, type Process, type PowerEvent, type ConsoleOptions, type ConsoleSession, type HostDirMount, type WriteFileOptions, type LogCursor } from "./host/machine.js";
export { readSnapshot, writeSnapshot, type Snapshot } from "./host/snapshot.js";
