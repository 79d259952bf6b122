// The messages between a C driver's Worker (host/compiler_client.ts) and the machine's compiler
// Worker (host/compiler_worker.ts). Files are absolute paths in the tool's own file system.
/**
 * "wasm-guard" is Typix's NULL-access and stack guard (usr/toolchain/wasm_guard.ts), "wasm-kmod"
 * kbuild's last step over a C module: NULL checks, and Asyncify if it sleeps (usr/toolchain/wasm_asyncify.ts): args [in], outputs [out].
 */
export type ToolName = "clang" | "wasm-ld" | "ar" | "wasm-guard" | "wasm-kmod";

export interface ToolRequest {
  id: number;
  tool: ToolName;
  args: string[];
  /** Every file the tool may read. */
  files: Record<string, Uint8Array>;
  /** The files to hand back when the tool has written them. */
  outputs: string[];
}

export interface ToolResult {
  id: number;
  /** The tool's exit status; -1 when it did not exit (see crash). */
  code: number;
  stdout: Uint8Array;
  stderr: Uint8Array;
  files: Record<string, Uint8Array>;
  /** Why the tool or its Worker died instead of exiting. */
  crash?: string;
}
