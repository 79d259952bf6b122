/* strtod, strtof, strtold and atof, correctly rounded: the decimal digits D and exponent E are
 * turned into D * 10^E as an exact big-integer quotient carrying 64 bits and a sticky bit, then
 * rounded half to even into a double or, for strtof, straight into a float (subnormals
 * included). Hexadecimal floats, inf, infinity, nan and nan(chars) are read as C specifies;
 * ERANGE on overflow, and on underflow when the result is inexact (as glibc). */
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>

#define LIMBS 280
#define MAXDIGITS 800
typedef struct { uint32_t w[LIMBS]; int n; } big;

static void big_set(big *b, uint64_t v) { b->w[0] = (uint32_t)v; b->w[1] = (uint32_t)(v >> 32); b->n = v >> 32 ? 2 : v ? 1 : 0; }
static void big_muladd(big *b, uint32_t m, uint32_t a)
{
	uint64_t carry = a;
	for (int i = 0; i < b->n; i++) {
		uint64_t c = (uint64_t)b->w[i] * m + carry;
		b->w[i] = (uint32_t)c;
		carry = c >> 32;
	}
	if (carry && b->n < LIMBS) b->w[b->n++] = (uint32_t)carry;
}
static void big_pow10(big *b, int e) { while (e >= 9) { big_muladd(b, 1000000000u, 0); e -= 9; } while (e-- > 0) big_muladd(b, 10, 0); }
static int big_bits(const big *b) { return b->n ? 32 * (b->n - 1) + (32 - __builtin_clz(b->w[b->n - 1])) : 0; }
static void big_shl(big *b, int s)
{
	if (!b->n || s <= 0) return;
	int words = s / 32, bits = s % 32;
	int n = b->n + words + 1;
	if (n > LIMBS) n = LIMBS;
	for (int i = n - 1; i >= 0; i--) {
		int src = i - words;
		uint64_t hi = src >= 0 && src < b->n ? b->w[src] : 0;
		uint64_t lo = src - 1 >= 0 && src - 1 < b->n ? b->w[src - 1] : 0;
		b->w[i] = bits ? (uint32_t)((hi << bits) | (lo >> (32 - bits))) : (uint32_t)hi;
	}
	b->n = n;
	while (b->n && !b->w[b->n - 1]) b->n--;
}
static void big_shr1(big *b)
{
	for (int i = 0; i < b->n; i++) b->w[i] = (b->w[i] >> 1) | (i + 1 < b->n ? b->w[i + 1] << 31 : 0);
	while (b->n && !b->w[b->n - 1]) b->n--;
}
static int big_cmp(const big *a, const big *b)
{
	if (a->n != b->n) return a->n < b->n ? -1 : 1;
	for (int i = a->n - 1; i >= 0; i--) if (a->w[i] != b->w[i]) return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}
static void big_sub(big *a, const big *b)
{
	int64_t borrow = 0;
	for (int i = 0; i < a->n; i++) {
		int64_t d = (int64_t)a->w[i] - (i < b->n ? b->w[i] : 0) - borrow;
		borrow = d < 0;
		a->w[i] = (uint32_t)(d + (borrow ? (1LL << 32) : 0));
	}
	while (a->n && !a->w[a->n - 1]) a->n--;
}

/* q * 2^e2 (q's top bit set) with sticky lower bits, rounded to a double. */
static double make_double(uint64_t q, int e2, int sticky, int *range)
{
	int exp = e2 + 63;
	if (exp > 1023) { *range = 1; return HUGE_VAL; }
	int shift = exp >= -1022 ? 11 : 11 + (-1022 - exp);
	uint64_t mant, rest, half;
	if (shift >= 64) {
		mant = 0;
		int up = shift == 64 && (q > (1ULL << 63) || (q == (1ULL << 63) && sticky));
		*range = 1;
		if (!up) return 0.0;
		mant = 1;
		uint64_t bits = mant;
		double d;
		memcpy(&d, &bits, 8);
		return d;
	}
	mant = q >> shift;
	rest = q & ((1ULL << shift) - 1);
	half = 1ULL << (shift - 1);
	if (rest > half || (rest == half && (sticky || (mant & 1)))) mant++;
	uint64_t bits;
	if (exp >= -1022) {
		if (mant >> 53) { mant >>= 1; exp++; }
		if (exp > 1023) { *range = 1; return HUGE_VAL; }
		bits = ((uint64_t)(exp + 1023) << 52) | (mant & ((1ULL << 52) - 1));
	} else {
		bits = mant; /* a carry into bit 52 makes it the smallest normal, as the encoding wants */
		if (!(mant >> 52) && (rest || sticky)) *range = 1; /* glibc: ERANGE only if inexact */
	}
	double d;
	memcpy(&d, &bits, 8);
	return d;
}

/* The same for a float: the rounded value, exact as a double. */
static double make_float(uint64_t q, int e2, int sticky, int *range)
{
	int exp = e2 + 63;
	if (exp > 127) { *range = 1; return HUGE_VAL; }
	int shift = exp >= -126 ? 40 : 40 + (-126 - exp);
	if (shift >= 64) {
		*range = 1;
		return shift == 64 && (q > (1ULL << 63) || (q == (1ULL << 63) && sticky)) ? 0x1p-149 : 0.0;
	}
	uint64_t mant = q >> shift, rest = q & ((1ULL << shift) - 1), half = 1ULL << (shift - 1);
	if (rest > half || (rest == half && (sticky || (mant & 1)))) mant++;
	if (exp >= -126 && (mant >> 24)) { mant >>= 1; shift++; exp++; }
	if (exp > 127) { *range = 1; return HUGE_VAL; }
	if (exp < -126 && !(mant >> 23) && (rest || sticky)) *range = 1;
	uint64_t bits = (uint64_t)(e2 + shift + 1023) << 52;
	double scale;
	memcpy(&scale, &bits, 8);
	return (double)mant * scale;
}

static double make(int fl, uint64_t q, int e2, int sticky, int *range)
{
	return fl ? make_float(q, e2, sticky, range) : make_double(q, e2, sticky, range);
}

static double decimal(int fl, const char *digits, int nd, int e10, int sticky_digits, int *range)
{
	big n, m;
	big_set(&n, 0);
	for (int i = 0; i < nd; i++) big_muladd(&n, 10, (uint32_t)(digits[i] - '0'));
	if (!n.n) return 0.0;
	if (nd + e10 > 311) { *range = 1; return HUGE_VAL; }
	if (nd + e10 < -330) { *range = 1; return 0.0; }
	big_set(&m, 1);
	if (e10 >= 0) big_pow10(&n, e10);
	else big_pow10(&m, -e10);
	int s = 63 - (big_bits(&n) - big_bits(&m));
	if (s > 0) big_shl(&n, s);
	else if (s < 0) big_shl(&m, -s);
	/* q = n / m, in [2^62, 2^64) */
	big_shl(&m, 63);
	uint64_t q = 0;
	for (int i = 0; i < 64; i++) {
		q <<= 1;
		if (big_cmp(&n, &m) >= 0) { big_sub(&n, &m); q |= 1; }
		big_shr1(&m);
	}
	int sticky = n.n != 0 || sticky_digits;
	int e2 = -s;
	while (!(q >> 63)) { q <<= 1; e2--; }
	return make(fl, q, e2, sticky, range);
}

static double hexfloat(int fl, const char *p, char **end, int *range)
{
	uint64_t q = 0;
	int e2 = 0, any = 0, sticky = 0, point = 0;
	for (;; p++) {
		int d;
		if (*p == '.' && !point) { point = 1; continue; }
		if (isdigit((unsigned char)*p)) d = *p - '0';
		else if (isxdigit((unsigned char)*p)) d = (*p | 32) - 'a' + 10;
		else break;
		any = 1;
		if (q >> 60) { sticky |= d != 0; if (!point) e2 += 4; }
		else { q = q << 4 | d; if (point) e2 -= 4; }
	}
	if (!any) return -1.0;
	if ((*p | 32) == 'p') {
		const char *s = p + 1;
		int neg = 0;
		if (*s == '+' || *s == '-') neg = *s++ == '-';
		if (isdigit((unsigned char)*s)) {
			long x = 0;
			while (isdigit((unsigned char)*s)) { if (x < 100000) x = x * 10 + (*s - '0'); s++; }
			e2 += neg ? -(int)x : (int)x;
			p = s;
		}
	}
	*end = (char *)p;
	if (!q) return 0.0;
	while (!(q >> 63)) { q <<= 1; e2--; }
	return make(fl, q, e2, sticky, range);
}

/* fl: round to a float's precision and range instead of a double's. */
static double parse(const char *restrict s, char **restrict end, int fl)
{
	const char *p = s;
	while (isspace((unsigned char)*p)) p++;
	int neg = 0;
	if (*p == '+' || *p == '-') neg = *p++ == '-';
	double v;
	int range = 0;
	if (!strncasecmp(p, "inf", 3)) {
		p += 3;
		if (!strncasecmp(p, "inity", 5)) p += 5;
		v = INFINITY;
	} else if (!strncasecmp(p, "nan", 3)) {
		p += 3;
		if (*p == '(') {
			const char *q = p + 1;
			while (isalnum((unsigned char)*q) || *q == '_') q++;
			if (*q == ')') p = q + 1;
		}
		v = NAN;
	} else if (p[0] == '0' && (p[1] | 32) == 'x' && (isxdigit((unsigned char)p[2]) || (p[2] == '.' && isxdigit((unsigned char)p[3])))) {
		char *e;
		v = hexfloat(fl, p + 2, &e, &range);
		p = e;
	} else {
		char digits[MAXDIGITS];
		int nd = 0, e10 = 0, any = 0, sticky = 0, point = 0;
		for (;; p++) {
			if (*p == '.' && !point) { point = 1; continue; }
			if (!isdigit((unsigned char)*p)) break;
			any = 1;
			if (nd == 0 && *p == '0') { if (point) e10--; continue; }
			if (nd < MAXDIGITS) { digits[nd++] = *p; if (point) e10--; }
			else { sticky |= *p != '0'; if (!point) e10++; }
		}
		if (!any) { if (end) *end = (char *)s; return 0.0; }
		if ((*p | 32) == 'e') {
			const char *q = p + 1;
			int eneg = 0;
			if (*q == '+' || *q == '-') eneg = *q++ == '-';
			if (isdigit((unsigned char)*q)) {
				long x = 0;
				while (isdigit((unsigned char)*q)) { if (x < 100000) x = x * 10 + (*q - '0'); q++; }
				e10 += eneg ? -(int)x : (int)x;
				p = q;
			}
		}
		v = decimal(fl, digits, nd, e10, sticky, &range);
	}
	if (range) errno = ERANGE;
	if (end) *end = (char *)p;
	return neg ? -v : v;
}

double strtod(const char *restrict s, char **restrict end) { return parse(s, end, 0); }
float strtof(const char *restrict s, char **restrict end) { return (float)parse(s, end, 1); }
long double strtold(const char *restrict s, char **restrict end) { return strtod(s, end); }
double atof(const char *s) { return strtod(s, 0); }
