/* Floating-point conversions of printf (%e %f %g %a), exact as glibc's: the double's value is
 * expanded into all of its decimal digits (every double has a finite expansion), then rounded
 * half-to-even at the digit the conversion asks for. */
#include <stdint.h>
#include <string.h>
#include "stdio_impl.h"

#define MAXDIG 1200

/* The decimal digits of the integer m * 2^e (e >= 0) into d; returns their count. */
static int integer_digits(uint64_t m, int e, char *d)
{
	uint32_t limb[40] = { 0 };
	int n = 0;
	int w = e / 32, b = e % 32;
	limb[w] = (uint32_t)(m << b);
	limb[w + 1] = b ? (uint32_t)(m >> (32 - b)) : (uint32_t)(m >> 32);
	limb[w + 2] = b ? (uint32_t)(m >> (64 - b)) : 0;
	n = w + 3;
	char tmp[MAXDIG];
	int len = 0;
	for (;;) {
		while (n > 0 && limb[n - 1] == 0) n--;
		if (n == 0) break;
		uint64_t rem = 0;
		for (int i = n - 1; i >= 0; i--) {
			uint64_t cur = (rem << 32) | limb[i];
			limb[i] = (uint32_t)(cur / 1000000000u);
			rem = cur % 1000000000u;
		}
		for (int k = 0; k < 9; k++) { tmp[len++] = '0' + rem % 10; rem /= 10; }
	}
	while (len > 1 && tmp[len - 1] == '0') len--;
	if (len == 0) tmp[len++] = '0';
	for (int i = 0; i < len; i++) d[i] = tmp[len - 1 - i];
	return len;
}

/* The decimal digits of the fraction f / 2^s (f < 2^s, s <= 1100) after the point. */
static int fraction_digits(uint64_t f, int s, char *d)
{
	uint32_t limb[40] = { 0 };
	int n = s / 32 + 2;
	limb[0] = (uint32_t)f;
	limb[1] = (uint32_t)(f >> 32);
	int len = 0, w = s / 32, b = s % 32;
	for (;;) {
		int zero = 1;
		for (int i = 0; i < n; i++) if (limb[i]) { zero = 0; break; }
		if (zero) break;
		uint64_t carry = 0;
		for (int i = 0; i < n; i++) {
			uint64_t cur = (uint64_t)limb[i] * 10 + carry;
			limb[i] = (uint32_t)cur;
			carry = cur >> 32;
		}
		uint64_t top = ((uint64_t)limb[w + 1] << 32 | limb[w]) >> b;
		d[len++] = '0' + (int)top;
		/* clear the bits at and above s */
		limb[w] &= b ? (uint32_t)((1ull << b) - 1) : 0;
		for (int i = w + 1; i < n; i++) limb[i] = 0;
	}
	return len;
}

/* Round digits d[0..*len) at index k (keep k digits), half to even; *point moves on a carry. */
static void round_at(char *d, int *len, int k, int *point)
{
	if (k < 0) { *len = 0; return; }
	if (k >= *len) return;
	int up;
	if (d[k] > '5') up = 1;
	else if (d[k] < '5') up = 0;
	else {
		up = 0;
		for (int i = k + 1; i < *len; i++) if (d[i] != '0') { up = 1; break; }
		if (!up) up = k > 0 && ((d[k - 1] - '0') & 1);
	}
	*len = k;
	if (!up) return;
	int i = k - 1;
	while (i >= 0 && d[i] == '9') d[i--] = '0';
	if (i >= 0) { d[i]++; return; }
	memmove(d + 1, d, k);
	d[0] = '1';
	(*len)++;
	(*point)++;
}

struct buf { char s[MAXDIG + 400]; int n; };
static void put(struct buf *b, char c) { if (b->n < (int)sizeof b->s) b->s[b->n++] = c; }
static void puts_n(struct buf *b, const char *s, int n) { while (n-- > 0) put(b, *s++); }

static int pad(__fmt_out out, void *ctx, char c, int n)
{
	char t[64];
	memset(t, c, sizeof t);
	for (int k = n; k > 0; k -= 64) out(ctx, t, k < 64 ? k : 64);
	return n > 0 ? n : 0;
}

/* Emit sign/prefix, then the body, padded to width as the flags say. */
static int emit(__fmt_out out, void *ctx, const char *pre, int npre, const char *body, int nbody, int width, int flags, int numeric)
{
	int total = npre + nbody, count = 0;
	if (!(flags & FMT_LEFT) && !((flags & FMT_ZERO) && numeric)) count += pad(out, ctx, ' ', width - total);
	out(ctx, pre, npre);
	if (!(flags & FMT_LEFT) && (flags & FMT_ZERO) && numeric) count += pad(out, ctx, '0', width - total);
	out(ctx, body, nbody);
	if (flags & FMT_LEFT) count += pad(out, ctx, ' ', width - total);
	return count + total;
}

static int hex_float(__fmt_out out, void *ctx, uint64_t bits, int prec, int width, int flags, int upper, const char *pre, int npre)
{
	int e = (int)((bits >> 52) & 0x7ff);
	uint64_t mant = bits & ((1ull << 52) - 1);
	int lead = 1;
	if (e == 0) { lead = 0; e = mant ? -1022 : 0; }
	else e -= 1023;
	const char *hexd = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	if (prec >= 0 && prec < 13) {
		int drop = (13 - prec) * 4;
		uint64_t rem = mant & ((1ull << drop) - 1), half = 1ull << (drop - 1);
		mant >>= drop;
		int odd = prec ? (int)(mant & 1) : lead; /* ties go to the even last digit */
		if (rem > half || (rem == half && odd)) mant++;
		if (mant >> (prec * 4)) { lead++; mant &= (1ull << (prec * 4)) - 1; }
		mant <<= drop;
	}
	char digits[13];
	int nd = 13;
	for (int i = 0; i < 13; i++) digits[i] = hexd[(mant >> (48 - 4 * i)) & 15];
	if (prec < 0) { while (nd > 0 && digits[nd - 1] == '0') nd--; }
	else nd = prec;
	struct buf b = { .n = 0 };
	char p2[8];
	memcpy(p2, pre, npre);
	p2[npre] = '0';
	p2[npre + 1] = upper ? 'X' : 'x';
	put(&b, '0' + lead);
	if (nd > 0 || (flags & FMT_ALT)) put(&b, '.');
	for (int i = 0; i < nd; i++) put(&b, i < 13 ? digits[i] : '0');
	put(&b, upper ? 'P' : 'p');
	put(&b, e < 0 ? '-' : '+');
	char ex[8];
	int ne = 0, ae = e < 0 ? -e : e;
	do ex[ne++] = '0' + ae % 10; while (ae /= 10);
	while (ne) put(&b, ex[--ne]);
	return emit(out, ctx, p2, npre + 2, b.s, b.n, width, flags, 1);
}

int __fmt_fp(__fmt_out out, void *ctx, double v, int width, int prec, int flags, int conv)
{
	uint64_t bits;
	memcpy(&bits, &v, 8);
	int neg = (int)(bits >> 63), upper = conv >= 'A' && conv <= 'Z';
	char pre[4];
	int npre = 0;
	if (neg) pre[npre++] = '-';
	else if (flags & FMT_PLUS) pre[npre++] = '+';
	else if (flags & FMT_SPACE) pre[npre++] = ' ';
	int e2 = (int)((bits >> 52) & 0x7ff);
	uint64_t mant = bits & ((1ull << 52) - 1);
	if (e2 == 0x7ff)
		return emit(out, ctx, pre, npre, mant ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"), 3, width, flags & ~FMT_ZERO, 0);
	conv |= 32;
	if (conv == 'a') return hex_float(out, ctx, bits, prec, width, flags, upper, pre, npre);
	if (prec < 0) prec = 6;

	/* All the digits: d holds them without leading zeros; the point is after `point` digits. */
	char d[MAXDIG + 40];
	int len, point;
	uint64_t m = e2 ? mant | (1ull << 52) : mant;
	int e = e2 ? e2 - 1075 : -1074;
	if (m == 0) { d[0] = '0'; len = 1; point = 1; }
	else if (e >= 0) { len = integer_digits(m, e, d); point = len; }
	else {
		int s = -e;
		uint64_t ip = s >= 64 ? 0 : m >> s;
		uint64_t fp = s >= 64 ? m : m & ((1ull << s) - 1);
		if (ip) { len = integer_digits(ip, 0, d); point = len; }
		else { len = 0; point = 0; }
		int nf = fraction_digits(fp, s, d + len);
		if (!ip) { /* leading zeros of the fraction move the point */
			int z = 0;
			while (z < nf && d[z] == '0') z++;
			memmove(d, d + z, nf - z);
			len = nf - z;
			point = -z;
		} else len += nf;
	}
	int is_zero = m == 0;

	int style = conv; /* 'e' or 'f' after %g decides */
	int strip = 0;
	if (conv == 'g') {
		int P = prec == 0 ? 1 : prec;
		int X;
		if (is_zero) X = 0;
		else {
			char t[MAXDIG + 40];
			int tl = len, tp = point;
			memcpy(t, d, len);
			round_at(t, &tl, P, &tp);
			X = tp - 1;
		}
		if (P > X && X >= -4) { style = 'f'; prec = P - 1 - X; }
		else { style = 'e'; prec = P - 1; }
		strip = !(flags & FMT_ALT);
	}

	struct buf b = { .n = 0 };
	if (style == 'f') {
		if (!is_zero) round_at(d, &len, point + prec, &point);
		if (is_zero || len == 0) { point = 1; len = 1; d[0] = '0'; } /* rounded to nothing: 0.000 */
		if (point <= 0) put(&b, '0');
		else for (int i = 0; i < point; i++) put(&b, i < len ? d[i] : '0');
		int nfrac = prec;
		char frac[MAXDIG + 40];
		for (int i = 0; i < nfrac; i++) {
			int idx = point + i;
			frac[i] = idx >= 0 && idx < len ? d[idx] : '0';
		}
		if (strip) while (nfrac > 0 && frac[nfrac - 1] == '0') nfrac--;
		if (nfrac > 0 || (flags & FMT_ALT)) put(&b, '.');
		puts_n(&b, frac, nfrac);
	} else {
		int x;
		if (is_zero) { len = 1; d[0] = '0'; x = 0; }
		else { round_at(d, &len, prec + 1, &point); x = point - 1; }
		put(&b, d[0]);
		int nfrac = prec;
		char frac[MAXDIG + 40];
		for (int i = 0; i < nfrac; i++) frac[i] = i + 1 < len ? d[i + 1] : '0';
		if (strip) while (nfrac > 0 && frac[nfrac - 1] == '0') nfrac--;
		if (nfrac > 0 || (flags & FMT_ALT)) put(&b, '.');
		puts_n(&b, frac, nfrac);
		put(&b, upper ? 'E' : 'e');
		put(&b, x < 0 ? '-' : '+');
		int ax = x < 0 ? -x : x;
		char ex[8];
		int ne = 0;
		do ex[ne++] = '0' + ax % 10; while (ax /= 10);
		if (ne < 2) ex[ne++] = '0';
		while (ne) put(&b, ex[--ne]);
	}
	return emit(out, ctx, pre, npre, b.s, b.n, width, flags, 1);
}
