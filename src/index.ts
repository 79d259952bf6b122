// The Typix library: boot a machine and drive it.
export { boot, Machine, type BootConfig, type RunOptions, type RunResult, type Process, type PowerEvent, type ConsoleOptions, type ConsoleSession, type HostDirMount } from "./host/machine.js";
