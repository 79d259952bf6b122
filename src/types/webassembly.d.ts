// The part of the WebAssembly JS API that Typix uses (lib.dom.d.ts has it, but the kernel
// does not load the DOM typings).
declare namespace WebAssembly {
  interface MemoryDescriptor { initial: number; maximum?: number; shared?: boolean }
  class Memory {
    constructor(descriptor: MemoryDescriptor);
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    grow(delta: number): number;
  }
  class Module {
    constructor(bytes: BufferSource);
    static imports(m: Module): { module: string; name: string; kind: string }[];
    static exports(m: Module): { name: string; kind: string }[];
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Global {
    constructor(descriptor: { value: string; mutable?: boolean }, v?: number);
    value: number;
  }
  class Table {
    constructor(descriptor: { element: "anyfunc" | "externref"; initial: number; maximum?: number });
    readonly length: number;
    grow(delta: number): number;
    get(index: number): unknown;
    set(index: number, value: unknown): void;
  }
  class RuntimeError extends Error {}
  class CompileError extends Error {}
  class LinkError extends Error {}
  function validate(bytes: BufferSource): boolean;
  function compile(bytes: BufferSource): Promise<Module>;
  function instantiate(module: Module, imports?: Record<string, Record<string, unknown>>): Promise<Instance>;
  function instantiate(bytes: BufferSource, imports?: Record<string, Record<string, unknown>>): Promise<{ module: Module; instance: Instance }>;
  namespace Module {
    function customSections(m: Module, name: string): ArrayBuffer[];
  }
}
type BufferSource = ArrayBufferView | ArrayBuffer;
