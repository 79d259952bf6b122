// The host environment the kernel runs in (a Node.js worker thread), as far as kernel code
// uses it: the globals beyond ES2022 and the node: modules (typed loosely). The kernel build
// type-checks the tree's changed files against this; the project's own build uses @types/node.
declare var performance: { now(): number; readonly timeOrigin: number };
declare var process: { readonly version: string; hrtime: { bigint(): bigint; (prev?: [number, number]): [number, number] } };
declare var crypto: { getRandomValues<T extends ArrayBufferView>(a: T): T };
declare function setTimeout(fn: (...args: any[]) => void, ms?: number, ...args: any[]): any;
declare function clearTimeout(id: any): void;
declare function setInterval(fn: (...args: any[]) => void, ms?: number, ...args: any[]): any;
declare function clearInterval(id: any): void;
declare function setImmediate(fn: (...args: any[]) => void, ...args: any[]): any;
declare function queueMicrotask(fn: () => void): void;
declare var console: { log(...a: unknown[]): void; error(...a: unknown[]): void; warn(...a: unknown[]): void };
declare class URL { constructor(url: string, base?: string | URL); readonly href: string; toString(): string }
interface ImportMeta { readonly url: string; resolve(specifier: string): string }
declare var Buffer: {
  from(data: ArrayBufferView | ArrayBuffer | string, encoding?: string): Uint8Array & { toString(encoding?: string): string };
  alloc(n: number): Uint8Array;
  concat(list: readonly Uint8Array[]): Uint8Array & { toString(encoding?: string): string };
};
// TextEncoder and TextDecoder come with the compiler (src/usr/toolchain/compiler.ts).
declare module "node:worker_threads";
declare module "node:fs";
declare module "node:path";
declare module "node:crypto";
declare module "node:url";
declare module "node:v8";
declare module "node:vm";
