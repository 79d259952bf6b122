/* The user and group databases, read from /etc/passwd and /etc/group; getlogin from the
 * login uid the kernel keeps. */
#include <pwd.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>

static char *field(char **p)
{
	char *s = *p, *e = strchr(s, ':');
	if (e) { *e = 0; *p = e + 1; } else *p = s + strlen(s);
	return s;
}

/* One line of /etc/passwd into pw, its strings in line. */
static int parse_pw(char *line, struct passwd *pw)
{
	line[strcspn(line, "\n")] = 0;
	char *p = line;
	pw->pw_name = field(&p);
	pw->pw_passwd = field(&p);
	char *uid = field(&p), *gid = field(&p);
	pw->pw_gecos = field(&p);
	pw->pw_dir = field(&p);
	pw->pw_shell = p;
	if (!*pw->pw_name || !*uid || !*gid) return 0;
	pw->pw_uid = (uid_t)strtoul(uid, 0, 10);
	pw->pw_gid = (gid_t)strtoul(gid, 0, 10);
	return 1;
}

static FILE *pwf;
static char pwline[1024];
static struct passwd pwent;
void setpwent(void) { if (pwf) rewind(pwf); }
void endpwent(void) { if (pwf) fclose(pwf); pwf = 0; }
struct passwd *fgetpwent(FILE *f)
{
	while (fgets(pwline, sizeof pwline, f))
		if (parse_pw(pwline, &pwent)) return &pwent;
	return 0;
}
struct passwd *getpwent(void)
{
	if (!pwf && !(pwf = fopen("/etc/passwd", "re"))) return 0;
	return fgetpwent(pwf);
}

static int find_pw(const char *name, uid_t uid, struct passwd *pw, char *buf, size_t n, struct passwd **out)
{
	*out = 0;
	int saved = errno;
	FILE *f = fopen("/etc/passwd", "re");
	if (!f) { int e = errno; errno = saved; return e == ENOENT ? 0 : e; }
	int r = 0;
	while (fgets(buf, (int)n, f)) {
		if (!strchr(buf, '\n') && !feof(f)) { r = ERANGE; break; }
		if (!parse_pw(buf, pw)) continue;
		if (name ? !strcmp(pw->pw_name, name) : pw->pw_uid == uid) { *out = pw; break; }
	}
	fclose(f);
	errno = saved;
	return r;
}
int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t n, struct passwd **out) { return find_pw(name, 0, pw, buf, n, out); }
int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t n, struct passwd **out) { return find_pw(0, uid, pw, buf, n, out); }
struct passwd *getpwnam(const char *name) { struct passwd *r; int e = getpwnam_r(name, &pwent, pwline, sizeof pwline, &r); if (e) errno = e; return r; }
struct passwd *getpwuid(uid_t uid) { struct passwd *r; int e = getpwuid_r(uid, &pwent, pwline, sizeof pwline, &r); if (e) errno = e; return r; }

static int parse_gr(char *line, struct group *gr, char **mem, int max)
{
	line[strcspn(line, "\n")] = 0;
	char *p = line;
	gr->gr_name = field(&p);
	gr->gr_passwd = field(&p);
	char *gid = field(&p);
	if (!*gr->gr_name || !*gid) return 0;
	gr->gr_gid = (gid_t)strtoul(gid, 0, 10);
	int n = 0;
	for (char *s = p; *s && n < max - 1;) {
		char *e = strchr(s, ',');
		if (e) *e = 0;
		if (*s) mem[n++] = s;
		if (!e) break;
		s = e + 1;
	}
	mem[n] = 0;
	gr->gr_mem = mem;
	return 1;
}

static FILE *grf;
static char grline[4096];
static char *grmem[256];
static struct group grent;
void setgrent(void) { if (grf) rewind(grf); }
void endgrent(void) { if (grf) fclose(grf); grf = 0; }
struct group *getgrent(void)
{
	if (!grf && !(grf = fopen("/etc/group", "re"))) return 0;
	while (fgets(grline, sizeof grline, grf))
		if (parse_gr(grline, &grent, grmem, 256)) return &grent;
	return 0;
}

static int find_gr(const char *name, gid_t gid, struct group *gr, char *buf, size_t n, struct group **out)
{
	*out = 0;
	/* the member pointers live at the end of buf */
	size_t slots = n / 4 > 64 ? 64 : n / 4;
	if (slots < 2) return ERANGE;
	char **mem = (char **)(void *)(buf + n - slots * sizeof(char *));
	mem = (char **)((unsigned long)mem & ~(sizeof(char *) - 1));
	size_t room = (char *)mem - buf;
	int saved = errno;
	FILE *f = fopen("/etc/group", "re");
	if (!f) { int e = errno; errno = saved; return e == ENOENT ? 0 : e; }
	int r = 0;
	while (fgets(buf, (int)room, f)) {
		if (!strchr(buf, '\n') && !feof(f)) { r = ERANGE; break; }
		if (!parse_gr(buf, gr, mem, (int)slots)) continue;
		if (name ? !strcmp(gr->gr_name, name) : gr->gr_gid == gid) { *out = gr; break; }
	}
	fclose(f);
	errno = saved;
	return r;
}
int getgrnam_r(const char *name, struct group *gr, char *buf, size_t n, struct group **out) { return find_gr(name, 0, gr, buf, n, out); }
int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t n, struct group **out) { return find_gr(0, gid, gr, buf, n, out); }
struct group *getgrnam(const char *name) { struct group *r; int e = getgrnam_r(name, &grent, grline, sizeof grline, &r); if (e) errno = e; return r; }
struct group *getgrgid(gid_t gid) { struct group *r; int e = getgrgid_r(gid, &grent, grline, sizeof grline, &r); if (e) errno = e; return r; }

int getgrouplist(const char *user, gid_t gid, gid_t *groups, int *n)
{
	int count = 0, max = *n;
	if (count < max) groups[count] = gid;
	count++;
	setgrent();
	struct group *g;
	while ((g = getgrent())) {
		if (g->gr_gid == gid) continue;
		for (char **m = g->gr_mem; *m; m++)
			if (!strcmp(*m, user)) { if (count < max) groups[count] = g->gr_gid; count++; break; }
	}
	endgrent();
	*n = count;
	return count > max ? -1 : count;
}
int initgroups(const char *user, gid_t gid)
{
	gid_t groups[256];
	int n = 256;
	if (getgrouplist(user, gid, groups, &n) < 0) n = 256;
	return setgroups((size_t)n, groups);
}

int getlogin_r(char *buf, size_t n)
{
	char id[16];
	int fd = open("/proc/self/loginuid", O_RDONLY | O_CLOEXEC);
	ssize_t k = fd >= 0 ? read(fd, id, sizeof id - 1) : -1;
	if (fd >= 0) close(fd);
	if (k <= 0) return ENXIO;
	id[k] = 0;
	unsigned long uid = strtoul(id, 0, 10);
	if (uid == 4294967295UL) return ENXIO;
	struct passwd pw, *r;
	char line[1024];
	if (getpwuid_r((uid_t)uid, &pw, line, sizeof line, &r) || !r) return ENXIO;
	if (strlen(pw.pw_name) >= n) return ERANGE;
	strcpy(buf, pw.pw_name);
	return 0;
}
