// How a module's code becomes a function of its symbols: by default `new Function`; the host
// may supply a compiler that confines it (host/kernel_thread.ts: node:vm's compileFunction, under
// which the code cannot import() the host's modules). Call traces need the lines the compiler
// puts before the code.
export interface ModuleCodeCompiler {
  compile(code: string, params: readonly string[]): (...args: unknown[]) => unknown;
  /** Lines before the module's first line in the compiled function's source. */
  wrapperLines: number;
}

export const moduleCodeCompiler: ModuleCodeCompiler = {
  // `new Function` puts two lines ("function anonymous(...", ") {") before the code.
  compile: (code, params) => new Function(...params, code) as (...args: unknown[]) => unknown,
  wrapperLines: 2,
};
