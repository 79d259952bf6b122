// Atomics.waitAsync (ES2024; Node 20 has it, TypeScript's ES2022 library does not).
interface Atomics {
  waitAsync(typedArray: Int32Array, index: number, value: number, timeout?: number):
    { async: false; value: "not-equal" | "timed-out" } | { async: true; value: Promise<"ok" | "timed-out"> };
}
