/* linux/bug.h: BUG() and BUG_ON() (an oops: "kernel BUG at file:line!"), WARN_ON() and WARN()
 * (a warning with a call trace; the caller goes on), as Linux reports them. */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H
#include <linux/compiler.h>

void __typix_bug(const char *file, int line) __attribute__((__noreturn__));
int __typix_warn(const char *file, int line, const char *fmt, ...);
void dump_stack(void);

#define BUG() __typix_bug(__FILE__, __LINE__)
#define BUG_ON(condition) do { if (unlikely(condition)) BUG(); } while (0)
#define WARN_ON(condition) ({ \
	int __ret_warn_on = !!(condition); \
	if (unlikely(__ret_warn_on)) __typix_warn(__FILE__, __LINE__, (const char *)0); \
	unlikely(__ret_warn_on); })
#define WARN(condition, format...) ({ \
	int __ret_warn_on = !!(condition); \
	if (unlikely(__ret_warn_on)) __typix_warn(__FILE__, __LINE__, format); \
	unlikely(__ret_warn_on); })
#define WARN_ON_ONCE(condition) ({ \
	static bool __warned; \
	int __ret_warn_once = !!(condition); \
	if (unlikely(__ret_warn_once && !__warned)) { __warned = true; __typix_warn(__FILE__, __LINE__, (const char *)0); } \
	unlikely(__ret_warn_once); })
#endif
