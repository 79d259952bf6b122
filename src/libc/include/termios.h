/* Terminal attributes (<termios.h>): glibc's struct termios, whose first 36 bytes are the
 * kernel's (TCGETS/TCSETS); the flag values are the kernel's (bits/termios.h, generated). */
#ifndef _TERMIOS_H
#define _TERMIOS_H
#include <features.h>
#include <bits/alltypes.h>
#include <bits/termios.h>
#undef NCCS
#define NCCS 32
typedef unsigned char cc_t;
typedef unsigned int speed_t;
typedef unsigned int tcflag_t;
struct termios {
	tcflag_t c_iflag, c_oflag, c_cflag, c_lflag;
	cc_t c_line;
	cc_t c_cc[NCCS];
	speed_t c_ispeed, c_ospeed;
};
int tcgetattr(int, struct termios *);
int tcsetattr(int, int, const struct termios *);
int tcsendbreak(int, int);
int tcdrain(int);
int tcflush(int, int);
int tcflow(int, int);
pid_t tcgetsid(int);
void cfmakeraw(struct termios *);
speed_t cfgetispeed(const struct termios *);
speed_t cfgetospeed(const struct termios *);
int cfsetispeed(struct termios *, speed_t);
int cfsetospeed(struct termios *, speed_t);
int cfsetspeed(struct termios *, speed_t);
#endif
