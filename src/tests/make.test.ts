// End-to-end tests of make: one machine runs makefiles in their own directories and the
// output, messages and exit statuses are checked against GNU make 4.3's.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { boot, type Machine } from "../index.js";

let m: Machine;
before(async () => { m = await boot(); });
after(async () => { await m?.shutdown(); });

/** Write files (a directory created as the user first), then run a command line there. */
async function setup(dir: string, files: Record<string, string>): Promise<void> {
  await m.run(`mkdir -p ${dir}`);
  for (const [name, text] of Object.entries(files)) await m.writeFile(`${dir}/${name}`, text);
}
async function sh(dir: string, cmd: string): Promise<{ out: string; err: string; status: number }> {
  const r = await m.run(cmd, { cwd: dir });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

test("timestamps decide what is rebuilt; pattern rules and automatic variables", async () => {
  const d = "/tmp/mk_ts";
  await setup(d, {
    Makefile: "prog: a.o b.o\n\t@echo link $@ from $^ newer $? first $<\n\ttouch $@\n%.o: %.c\n\techo cc $< $@ $* $(@D) $(<F)\n\ttouch $@\n" +
      "all: prog\n.PHONY: all\n",
  });
  await sh(d, "echo a > a.c; echo b > b.c; touch -d '2020-01-01' a.c b.c");
  let r = await sh(d, "make");
  assert.equal(r.out, "echo cc a.c a.o a . a.c\ncc a.c a.o a . a.c\ntouch a.o\necho cc b.c b.o b . b.c\ncc b.c b.o b . b.c\ntouch b.o\n" +
    "link prog from a.o b.o newer a.o b.o first a.o\ntouch prog\n");
  assert.deepEqual([r.err, r.status], ["", 0]);
  r = await sh(d, "make; make all; make a.c");
  assert.equal(r.out, "make: 'prog' is up to date.\nmake: Nothing to be done for 'all'.\nmake: Nothing to be done for 'a.c'.\n");
  r = await sh(d, "make -q; echo q=$?; touch -d '2030-01-01' b.c; make -q; echo q=$?");
  assert.equal(r.out, "q=0\nq=1\n");
  r = await sh(d, "make");
  assert.equal(r.out, "echo cc b.c b.o b . b.c\ncc b.c b.o b . b.c\ntouch b.o\nlink prog from a.o b.o newer b.o first a.o\ntouch prog\n");
  r = await sh(d, "make -B a.o -s");
  assert.equal(r.out, "cc a.c a.o a . a.c\n");
});

test("missing rules, failing recipes and syntax errors give GNU make's messages and status 2", async () => {
  const d = "/tmp/mk_err";
  await setup(d, {
    Makefile: "all: one two\none:\n\t@echo one\ntwo:\n\t-false\n\t@echo after\n\texit 3\n\t@echo never\nneeds: missing.h\n\techo no\n",
    "sep.mk": "a = 1\n\nall:\n\techo x\nb = 2\n  echo bad\n",
    "tab.mk": "\n\techo hi\nall:\n",
    "err.mk": "x = 1\n$(warning careful $(x))\n$(error bad thing $(x))\nall:\n",
    "none.mk": "X = 1\n",
  });
  let r = await sh(d, "make");
  assert.deepEqual([r.out, r.err, r.status], ["one\nfalse\nafter\nexit 3\n", "make: [Makefile:5: two] Error 1 (ignored)\nmake: *** [Makefile:7: two] Error 3\n", 2]);
  r = await sh(d, "make -k -s two one");
  assert.deepEqual([r.out, r.err, r.status], ["after\none\n", "make: *** [Makefile:7: two] Error 3\nmake: Target 'two' not remade because of errors.\n", 2]);
  r = await sh(d, "make -i two");
  assert.deepEqual([r.out, r.status], ["false\nafter\nexit 3\nnever\n", 0]);
  assert.equal(r.err, "make: [Makefile:5: two] Error 1 (ignored)\nmake: [Makefile:7: two] Error 3 (ignored)\n");
  r = await sh(d, "make needs");
  assert.deepEqual([r.out, r.err, r.status], ["", "make: *** No rule to make target 'missing.h', needed by 'needs'.  Stop.\n", 2]);
  r = await sh(d, "make nosuch");
  assert.deepEqual([r.err, r.status], ["make: *** No rule to make target 'nosuch'.  Stop.\n", 2]);
  assert.deepEqual([(await sh(d, "make -f sep.mk")).err, (await sh(d, "make -f tab.mk")).err],
    ["sep.mk:6: *** missing separator.  Stop.\n", "tab.mk:2: *** recipe commences before first target.  Stop.\n"]);
  r = await sh(d, "make -f err.mk");
  assert.deepEqual([r.err, r.status], ["err.mk:2: careful 1\nerr.mk:3: *** bad thing 1.  Stop.\n", 2]);
  r = await sh(d, "make -f none.mk");
  assert.deepEqual([r.err, r.status], ["make: *** No targets.  Stop.\n", 2]);
  r = await sh("/", "make");
  assert.deepEqual([r.err, r.status], ["make: *** No targets specified and no makefile found.  Stop.\n", 2]);
  r = await sh(d, "make -f nofile.mk");
  assert.equal(r.err, "make: nofile.mk: No such file or directory\nmake: *** No rule to make target 'nofile.mk'.  Stop.\n");
});

test("-C and recursive make: Entering/Leaving lines, make[1], MAKELEVEL and Error 2", async () => {
  // The kernel-module book's Makefile, with a stand-in for the kbuild directory.
  await setup("/home/user/hello", {
    Makefile: "obj-m += hello.o\n\nall:\n\tmake -C /tmp/mk_kb M=$(PWD) modules\n\nclean:\n\tmake -C /tmp/mk_kb M=$(PWD) clean\n",
  });
  await setup("/tmp/mk_kb", {
    Makefile: "ifneq ($(KERNELRELEASE),)\nobj-m := pass2.o\nelse\nmodules:\n\t@echo level $(MAKELEVEL) M=$(M) rel=$(shell uname -r)\n" +
      "\t$(MAKE) -s KERNELRELEASE=$(shell uname -r) show\nclean:\n\t@exit 1\nendif\nshow:\n\t@echo obj-m=$(obj-m) level=$(MAKELEVEL) K=$(KERNELRELEASE)\n",
  });
  const rel = (await sh("/", "uname -r")).out.trim();
  let r = await sh("/home/user/hello", "make");
  assert.equal(r.out, "make -C /tmp/mk_kb M=/home/user/hello modules\nmake[1]: Entering directory '/tmp/mk_kb'\n" +
    `level 1 M=/home/user/hello rel=${rel}\nmake -s KERNELRELEASE=${rel} show\nobj-m=pass2.o level=2 K=${rel}\n` +
    "make[1]: Leaving directory '/tmp/mk_kb'\n");
  assert.deepEqual([r.err, r.status], ["", 0]);
  r = await sh("/home/user/hello", "make clean");
  assert.equal(r.out, "make -C /tmp/mk_kb M=/home/user/hello clean\nmake[1]: Entering directory '/tmp/mk_kb'\nmake[1]: Leaving directory '/tmp/mk_kb'\n");
  assert.deepEqual([r.err, r.status], ["make[1]: *** [Makefile:8: clean] Error 1\nmake: *** [Makefile:7: clean] Error 2\n", 2]);
  r = await sh("/", "make -C /tmp/mk_kb show; make -s -C /tmp/mk_kb show; make -C /nonexist");
  assert.equal(r.out, "make: Entering directory '/tmp/mk_kb'\nobj-m= level=0 K=\nmake: Leaving directory '/tmp/mk_kb'\nobj-m= level=0 K=\n");
  assert.deepEqual([r.err, r.status], ["make: *** /nonexist: No such file or directory.  Stop.\n", 2]);
});

test("-n prints without running, @ silences, - ignores, $(MAKE) lines run under -n", async () => {
  const d = "/tmp/mk_n";
  await setup(d, {
    Makefile: "all:\n\t@echo quiet\n\techo loud > made\n\t-@false\n\t+@echo plus\n\t$(MAKE) -f sub.mk\n",
    "sub.mk": "sub:\n\ttouch sub-ran\n",
  });
  let r = await sh(d, "make -n; ls");
  assert.equal(r.out, "echo quiet\necho loud > made\nfalse\necho plus\nplus\nmake -f sub.mk\nmake[1]: Entering directory '/tmp/mk_n'\n" +
    "touch sub-ran\nmake[1]: Leaving directory '/tmp/mk_n'\nMakefile\nsub.mk\n");
  r = await sh(d, "make; cat made");
  assert.equal(r.out, "quiet\necho loud > made\nplus\nmake -f sub.mk\nmake[1]: Entering directory '/tmp/mk_n'\ntouch sub-ran\n" +
    "make[1]: Leaving directory '/tmp/mk_n'\nloud\n");
  assert.deepEqual([r.err, r.status], ["make: [Makefile:4: all] Error 1 (ignored)\n", 0]);
});

test("variables, functions, conditionals, include and command-line overrides", async () => {
  const d = "/tmp/mk_vars";
  await setup(d, {
    Makefile: [
      "include defs.mk", "-include absent.mk",
      "A = hello world", "B := $(A) again", "C ?= cdef", "C ?= no", "D = one", "D += two", "X = file", "override O = ov",
      "SRCS = a.c b.c", "OBJS = $(SRCS:.c=.o)", "rev = $(2)$(1)",
      "E := $(subst o,0,$(A))|$(patsubst %.c,%.o,x.c y.h)|$(strip  a   b )|$(filter %.c,a.c b.h)|$(filter-out %.c,a.c b.h)",
      "F := $(sort c a b a)|$(word 2,a b c)|$(words a b c)|$(firstword x y)|$(lastword x y)|$(dir src/a.c b.c)|$(notdir src/a.c)|$(suffix a.c b)|$(basename src/b.c)",
      "G := $(addsuffix .o,a b)|$(addprefix s/,a b)|$(join a b,1 2)|$(foreach w,x y,<$(w)>)|$(if $(D),yes,no)|$(or ,z)|$(and a,b)|$(origin A) $(origin HOME) $(origin X) $(origin NOPE)",
      "H := $(call rev,a,b)|$(value rev)|$(abspath ./x/../y)|$(wildcard *.mk)|$(shell echo hi; echo there)|$(OBJS)",
      "ifeq ($(D),one two)", "I = eq", "else ifeq ($(D),x)", "I = elif", "else", "I = other", "endif",
      "ifneq \"$(C)\" \"cdef\"", "J = bad", "else", "J = good", "endif",
      "ifdef UNDEFINED", "K = def", "else", "  ifndef D", "  K = nodef", "  else", "  K = nested", "  endif", "endif",
      "all:", "\t@echo '$(A)|$(B)|$(C)|$(D)|$(INC)'", "\t@echo '$(E)'", "\t@echo '$(F)'", "\t@echo '$(G)'", "\t@echo '$(H)'",
      "\t@echo $(I) $(J) $(K) $(X) $(O) $${HOME} $(CURDIR) $(MAKELEVEL) $(.DEFAULT_GOAL)", "",
    ].join("\n"),
    "defs.mk": "INC = from \\\n   include\n",
  });
  const r = await sh(d, "make X=cmd O=cmdo");
  assert.equal(r.out, [
    "hello world|hello world again|cdef|one two|from include",
    "hell0 w0rld|x.o y.h|a b|a.c|b.h",
    "a b c|b|3|x|y|src/ ./|a.c|.c|src/b",
    "a.o b.o|s/a s/b|a1 b2|<x> <y>|yes|z|b|file environment command line undefined",
    "ba|$(2)$(1)|/tmp/mk_vars/y|defs.mk|hi there|a.o b.o",
    "eq good nested cmd ov /home/user /tmp/mk_vars 0 all", "",
  ].join("\n"));
  assert.deepEqual([r.err, r.status], ["", 0]);
});
