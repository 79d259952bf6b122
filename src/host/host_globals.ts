// The globals of a Node thread that reach the host (its process, the network, channels to
// other threads) rather than the kernel. Threads that run guest-made code — a user program's
// Worker, the kernel's thread once modules can be loaded — remove them before that code runs.
const HOST_GLOBALS = [
  "process", "global", "fetch", "Request", "Response", "Headers", "FormData", "WebSocket", "EventSource",
  "BroadcastChannel", "navigator", "require", "module", "exports", "__filename", "__dirname",
] as const;

/** Delete the host's globals from this thread's global scope (or make them undefined for good). */
export function removeHostGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  for (const name of HOST_GLOBALS) {
    try {
      delete g[name];
    } catch { /* not configurable: shadowed below */ }
    if (name in g) Object.defineProperty(g, name, { value: undefined, writable: false, configurable: false });
  }
}
