// "llvm": the host library through which the C driver runs clang, wasm-ld and ar in the
// machine's compiler Worker (implemented by host/compiler_client.ts, which checks that it
// matches this declaration). Paths are absolute paths in the tool's own file system.
declare module "llvm" {
  export interface ToolResult {
    id: number;
    /** The tool's exit status; -1 when it did not exit (see crash). */
    code: number;
    stdout: Uint8Array;
    stderr: Uint8Array;
    files: Record<string, Uint8Array>;
    crash?: string;
  }
  export function runTool(tool: "clang" | "wasm-ld" | "ar" | "wasm-guard" | "wasm-kmod", args: string[], files: Record<string, Uint8Array>, outputs: string[]): Promise<ToolResult>;
}
