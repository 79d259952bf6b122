/* sysinfo(2): uptime, loads, memory and processes (<sys/sysinfo.h>). */
#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H
#define SI_LOAD_SHIFT 16
struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char __reserved[8];
};
int sysinfo(struct sysinfo *);
int get_nprocs(void);
int get_nprocs_conf(void);
long get_phys_pages(void);
long get_avphys_pages(void);
#endif
