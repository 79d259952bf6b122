// The Typix library: boot a machine and drive it.
export { boot, Machine, type BootConfig, type RunOptions, type RunResult, type Process } from "./host/machine.js";
