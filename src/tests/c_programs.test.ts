// C programs as the books and courses print them, built with gcc inside Typix and run there, and
// built with the host's gcc and run natively: stdout, stderr and the exit status must be the same
// (Linux's, not a guess). The texts: a write(2) hello, syscall(__NR_write, ...) and syscall(999)
// from Extreme C chapter 11, errno and perror, vfork + exec + waitpid, setjmp and longjmp,
// signal handlers, system and popen, stdio's buffering on a pipe, abort, assert, a NULL
// dereference, getopt, and numbers read with scanf from standard input.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { boot, type Machine } from "../index.js";

interface Program { name: string; source: string; args?: string[]; stdin?: string; libs?: string[] }
interface Outcome { stdout: string; stderr: string; status: number }

const PROGRAMS: Program[] = [
  {
    name: "write_hello", source: `#include <unistd.h>
#include <string.h>

int main() {
    const char* message = "Hello, System Call!\\n";
    ssize_t bytes_written = write(STDOUT_FILENO, message, strlen(message));
    return 0;
}
`,
  },
  {
    name: "ex11_1", source: `// We need to have this to be able to use non-POSIX stuff
#define _GNU_SOURCE
#include <unistd.h>
// This is not part of POSIX!
#include <sys/syscall.h>
int main(int argc, char** argv) {
  char message[20] = "Hello World!\\n";
  // Invokes the 'write' system call that writes
  // some bytes into the standard output.
  syscall(__NR_write, 1, message, 13);
  return 0;
}
`,
  },
  {
    name: "ex11_2", source: `#define _GNU_SOURCE
#include <stdio.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
int main(int argc, char** argv) {
  char str[20] = "Kam";
  char message[64] = "";
  int ret_val = syscall(999, str, 4, message, 64);
  if (ret_val < 0) {
    printf("[ERR] Ret val: %d (%s)\\n", ret_val, strerror(errno));
    return 1;
  }
  printf("Message: %s\\n", message);
  return 0;
}
`,
  },
  {
    name: "errors", source: `#include <stdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
int main(void) {
    int fd = open("/no/such/file", O_RDONLY);
    if (fd < 0) perror("open");
    printf("fd=%d errno=%d (%s)\\n", fd, errno, strerror(errno));
    if (close(1234) < 0) printf("close: %m\\n");
    if (write(-1, "x", 1) < 0) printf("write: errno %d\\n", errno);
    if (unlink("/") < 0) perror("unlink /");
    return 2;
}
`,
  },
  {
    name: "vfork_exec", source: `#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
int main(void) {
    fflush(stdout);
    pid_t pid = vfork();
    if (pid < 0) { perror("vfork"); return 1; }
    if (pid == 0) {
        char *argv[] = { "sh", "-c", "echo child says hi; exit 7", NULL };
        execvp("sh", argv);
        _exit(127);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid) { perror("waitpid"); return 1; }
    printf("exited=%d status=%d\\n", WIFEXITED(status), WEXITSTATUS(status));
    pid = vfork();
    if (pid == 0) { execlp("/no/such/program", "x", (char *)0); _exit(42); }
    waitpid(pid, &status, 0);
    printf("failed exec: status=%d\\n", WEXITSTATUS(status));
    return 0;
}
`,
  },
  {
    name: "jumps", source: `#include <stdio.h>
#include <setjmp.h>
#include <signal.h>
static jmp_buf env;
static sigjmp_buf senv;
static int depth(int n) { if (n == 0) longjmp(env, 42); return depth(n - 1) + 1; }
static void on_usr1(int sig) { siglongjmp(senv, sig); }
int main(void) {
    volatile int round = 0;
    int r = setjmp(env);
    printf("setjmp returned %d (round %d)\\n", r, round);
    if (round++ < 2) depth(5);
    signal(SIGUSR1, on_usr1);
    if ((r = sigsetjmp(senv, 1)) == 0) { raise(SIGUSR1); printf("not reached\\n"); }
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    printf("siglongjmp %d, SIGUSR1 blocked after it: %d\\n", r, sigismember(&cur, SIGUSR1));
    return 0;
}
`,
  },
  {
    name: "signals", source: `#include <stdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
static volatile sig_atomic_t got;
static void handler(int sig) { got = sig; }
static void info(int sig, siginfo_t *si, void *uc) { got = si->si_signo * 100 + sig; }
int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("handled %d (%s)\\n", got, strsignal(got));
    sa.sa_sigaction = info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    kill(getpid(), SIGUSR2);
    printf("siginfo %d\\n", got);
    sigset_t set, pending;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    sigpending(&pending);
    printf("pending USR1=%d USR2=%d\\n", sigismember(&pending, SIGUSR1), sigismember(&pending, SIGUSR2));
    got = 0;
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    printf("after unblock %d\\n", got);
    signal(SIGALRM, handler);
    alarm(1);
    pause();
    printf("alarm: %d\\n", got);
    signal(SIGTERM, SIG_IGN);
    raise(SIGTERM);
    printf("SIGTERM ignored\\n");
    return 0;
}
`,
  },
  {
    name: "shell_cmds", source: `#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
int main(void) {
    fflush(stdout);
    int s = system("echo from system; exit 3");
    printf("system: exited=%d code=%d\\n", WIFEXITED(s), WEXITSTATUS(s));
    FILE *p = popen("echo one; echo two", "r");
    char line[64];
    while (fgets(line, sizeof line, p)) printf("popen read: %s", line);
    printf("pclose: %d\\n", WEXITSTATUS(pclose(p)));
    p = popen("tr a-z A-Z", "w");
    fputs("shout\\n", p);
    fflush(stdout);
    pclose(p);
    printf("system(NULL)=%d\\n", system(NULL));
    return 0;
}
`,
  },
  {
    name: "buffering", source: `#include <stdio.h>
#include <unistd.h>
int main(void) {
    printf("a");
    write(1, "b", 1);
    printf("c\\n");
    fprintf(stderr, "E");
    write(1, "d", 1);
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("e");
    write(1, "f\\n", 2);
    return 0;
}
`,
  },
  {
    name: "aborts", source: `#include <stdlib.h>
#include <stdio.h>
int main(void) { printf("before abort\\n"); abort(); }
`,
  },
  {
    name: "asserts", source: `#include <assert.h>
#include <stdio.h>
int main(void) { int x = 2; assert(x == 2); printf("first passed\\n"); assert(x == 3); return 0; }
`,
  },
  {
    name: "segv", source: `#include <stdio.h>
int main(void) { int *p = NULL; printf("about to crash\\n"); fflush(stdout); *p = 1; return 0; }
`,
  },
  {
    name: "options", args: ["-v", "file1", "-n", "5", "--", "-x"], source: `#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
int main(int argc, char *argv[]) {
    int opt, verbose = 0, n = 0;
    while ((opt = getopt(argc, argv, "vn:")) != -1) {
        switch (opt) {
        case 'v': verbose = 1; break;
        case 'n': n = atoi(optarg); break;
        default: fprintf(stderr, "Usage: %s [-v] [-n num] file\\n", argv[0]); exit(EXIT_FAILURE);
        }
    }
    printf("verbose=%d n=%d optind=%d\\n", verbose, n, optind);
    for (int i = optind; i < argc; i++) printf("arg: %s\\n", argv[i]);
    opterr = 1; optind = 1;
    char *bad[] = { argv[0], "-q", "-n", NULL };
    while ((opt = getopt(3, bad, "vn:")) != -1) printf("got '%c'\\n", opt);
    return 0;
}
`,
  },
  {
    name: "sum", stdin: "3\n10 20 30\nrest of the line\n", source: `#include <stdio.h>
int main(void) {
    int n, x, sum = 0;
    if (scanf("%d", &n) != 1) return 1;
    for (int i = 0; i < n; i++) { scanf("%d", &x); sum += x; }
    char word[16];
    int k = scanf("%15s", word);
    printf("sum of %d numbers: %d, then %d word: %s\\n", n, sum, k, word);
    char line[64];
    fgets(line, sizeof line, stdin);
    printf("rest: [%s]\\n", line);
    printf("at end: %d\\n", scanf("%d", &x));
    return 0;
}
`,
  },
];

/** The image's C examples (rootfs/usr/src/examples/syscalls), as the tests build them. */
const EXAMPLES = new URL("../../rootfs/usr/src/examples/syscalls/", import.meta.url);
for (const name of ["raw-syscall", "ioctl"]) PROGRAMS.push({ name, source: readFileSync(new URL(`${name}.c`, EXAMPLES), "utf8") });

let m: Machine;
let hostDir: string;
const D = "/home/user/book";

/** Build and run the program with the host's gcc (argv[0] "./NAME", as in the machine). */
function native(p: Program): Outcome {
  const src = join(hostDir, `${p.name}.c`);
  writeFileSync(src, p.source);
  const cc = spawnSync("gcc", ["-w", "-o", p.name, `${p.name}.c`, ...(p.libs ?? [])], { cwd: hostDir, encoding: "utf8" });
  assert.equal(cc.status, 0, cc.stderr);
  const r = spawnSync(`./${p.name}`, p.args ?? [], { cwd: hostDir, input: p.stdin ?? "", encoding: "utf8", timeout: 10000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? 128 + (signalNumber(r.signal) ?? 0) };
}
function signalNumber(s: NodeJS.Signals | null): number | undefined {
  return s ? ({ SIGABRT: 6, SIGSEGV: 11, SIGKILL: 9 } as Record<string, number>)[s] : undefined;
}

const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/** Build and run it in Typix: gcc in the machine, then the program alone in a shell. */
async function inTypix(p: Program): Promise<Outcome> {
  await m.writeFile(`${D}/${p.name}.c`, p.source);
  const cc = await m.run(`gcc -w -o ${p.name} ${p.name}.c ${(p.libs ?? []).join(" ")}`, { cwd: D });
  assert.equal(cc.stderr, "");
  if (p.stdin !== undefined) await m.writeFile(`${D}/${p.name}.in`, p.stdin);
  const input = p.stdin !== undefined ? ` < ${p.name}.in` : " < /dev/null";
  // The program's status as the shell reports it, kept apart from the shell's own message.
  const r = await m.run(`./${p.name} ${(p.args ?? []).map(quote).join(" ")}${input} 2>${p.name}.err; echo "status=$?" > ${p.name}.st`, { cwd: D });
  const stderr = new TextDecoder().decode(await m.readFile(`${D}/${p.name}.err`));
  const status = Number(/status=(\d+)/.exec(new TextDecoder().decode(await m.readFile(`${D}/${p.name}.st`)))![1]);
  return { stdout: r.stdout, stderr, status };
}

before(async () => {
  hostDir = mkdtempSync(join(tmpdir(), "typix-c-"));
  m = await boot();
  await m.run(`mkdir -p ${D} && chown user:user ${D}`, { user: "root" });
});
after(async () => {
  await m?.shutdown();
  rmSync(hostDir, { recursive: true, force: true });
});

for (const p of PROGRAMS) {
  test(`${p.name}: the same output, errors and status as on Linux`, async () => {
    const want = native(p);
    const got = await inTypix(p);
    assert.equal(got.stdout, want.stdout);
    assert.equal(got.stderr, want.stderr);
    assert.equal(got.status, want.status);
  });
}
