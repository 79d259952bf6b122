// A host file error as a command prints it: strerror's words for the common codes, else Node's message.
export function hostErrorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case "ENOENT": return "No such file or directory";
    case "EACCES": return "Permission denied";
    case "EISDIR": return "Is a directory";
    case "ENOTDIR": return "Not a directory";
    case "ENOSPC": return "No space left on device";
    default: return err.message;
  }
}
