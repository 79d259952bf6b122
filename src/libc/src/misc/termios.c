/* Terminal attributes through TCGETS/TCSETS*, the speeds kept in c_cflag as Linux keeps them. */
#include <termios.h>
#include <sys/ioctl.h>
#include <string.h>
#include <errno.h>
#include "libc.h"

int tcgetattr(int fd, struct termios *t)
{
	memset(t, 0, sizeof *t);
	if (__sys3(__NR_ioctl, fd, TCGETS, t) < 0) return -1;
	t->c_ispeed = t->c_ospeed = t->c_cflag & CBAUD;
	return 0;
}
int tcsetattr(int fd, int act, const struct termios *t)
{
	if (act < 0 || act > 2) { errno = EINVAL; return -1; }
	return (int)__sys3(__NR_ioctl, fd, TCSETS + act, t);
}
int tcsendbreak(int fd, int d) { (void)d; return (int)__sys3(__NR_ioctl, fd, 0x5409, 0); }
int tcdrain(int fd) { return (int)__sys3(__NR_ioctl, fd, 0x5409, 1); }
int tcflush(int fd, int q) { return (int)__sys3(__NR_ioctl, fd, TCFLSH, q); }
int tcflow(int fd, int a) { return (int)__sys3(__NR_ioctl, fd, TCXONC, a); }
pid_t tcgetsid(int fd) { pid_t s; return __sys3(__NR_ioctl, fd, TIOCGSID, &s) < 0 ? -1 : s; }
pid_t tcgetpgrp(int fd) { pid_t p; return __sys3(__NR_ioctl, fd, TIOCGPGRP, &p) < 0 ? -1 : p; }
int tcsetpgrp(int fd, pid_t p) { return (int)__sys3(__NR_ioctl, fd, TIOCSPGRP, &p); }

void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t->c_oflag &= ~OPOST;
	t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}
speed_t cfgetispeed(const struct termios *t) { return t->c_cflag & CBAUD; }
speed_t cfgetospeed(const struct termios *t) { return t->c_cflag & CBAUD; }
int cfsetospeed(struct termios *t, speed_t s)
{
	if (s & ~CBAUD) { errno = EINVAL; return -1; }
	t->c_cflag = (t->c_cflag & ~CBAUD) | s;
	t->c_ospeed = t->c_ispeed = s;
	return 0;
}
int cfsetispeed(struct termios *t, speed_t s) { return s ? cfsetospeed(t, s) : 0; }
int cfsetspeed(struct termios *t, speed_t s) { return cfsetospeed(t, s); }
