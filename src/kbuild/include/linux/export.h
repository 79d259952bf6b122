/* linux/export.h: EXPORT_SYMBOL and EXPORT_SYMBOL_GPL, a module's functions for modules loaded
 * after it (the names go to a custom section kbuild reads into the .ko's exports). */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H
#define __EXPORT_SYMBOL(sym, license) \
	__asm__(".section .custom_section.typix_ksymtab,\"\",@\n.asciz \"" license #sym "\"\n.text\n")
#define EXPORT_SYMBOL(sym) __EXPORT_SYMBOL(sym, "")
#define EXPORT_SYMBOL_GPL(sym) __EXPORT_SYMBOL(sym, "GPL:")
#endif
