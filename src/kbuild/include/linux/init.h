/* linux/init.h: __init and __exit markers, and module_init/module_exit (see linux/module.h). */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H
#include <linux/compiler.h>

/* Init code and data stay loaded in Typix (Linux frees them after init); the markers only document. */
#define __init __attribute__((__cold__))
#define __exit __attribute__((__cold__))
#define __initdata
#define __exitdata
#define __initconst
#define __refdata
#define __exit_p(x) x

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

/*
 * The module's entry points are init_module and cleanup_module, as a module without these
 * macros names them itself; the check functions make a wrong signature a compile error.
 */
#define module_init(initfn) \
	static inline initcall_t __maybe_unused __inittest(void) { return initfn; } \
	int init_module(void) __attribute__((alias(#initfn)));
#define module_exit(exitfn) \
	static inline exitcall_t __maybe_unused __exittest(void) { return exitfn; } \
	void cleanup_module(void) __attribute__((alias(#exitfn)));

#endif
