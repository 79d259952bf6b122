/* libm (-lm) on values with known hard cases, printed with %.17g so every bit shows. errno and
   math_errhandling are left out: Typix's libm (musl's) reports errors by value only. */
#include <stdio.h>
#include <math.h>
#include <float.h>

#define F1(f, x) printf(#f "(%.17g) = %.17g\n", (double)(x), f(x))
#define F2(f, x, y) printf(#f "(%.17g, %.17g) = %.17g\n", (double)(x), (double)(y), f(x, y))

int main(void) {
  const double xs[] = { 0.0, -0.0, 0.5, 1.0, -1.0, 2.0, 0.1, 1e-300, 1e300, 3.141592653589793, 1.5707963267948966, 100.0,
    -7.5, 2.5, -2.5, 0.49999999999999994, 1e22, 710.0, -745.2, 4503599627370497.0, INFINITY, -INFINITY, NAN, DBL_MIN, 5e-324 };
  size_t n = sizeof xs / sizeof *xs;
  for (size_t i = 0; i < n; i++) {
    double x = xs[i];
    F1(sin, x); F1(cos, x); F1(tan, x); F1(exp, x); F1(log, x); F1(log10, x); F1(log2, x); F1(sqrt, x);
    F1(floor, x); F1(ceil, x); F1(round, x); F1(trunc, x); F1(rint, x); F1(nearbyint, x); F1(fabs, x);
    F1(atan, x); F1(asin, x); F1(acos, x); F1(sinh, x); F1(cosh, x); F1(tanh, x); F1(cbrt, x); F1(expm1, x); F1(log1p, x);
    printf("lround %ld llround %lld lrint %ld\n", fabs(x) < 2e9 ? lround(x) : 0L, fabs(x) < 9e18 ? llround(x) : 0LL, fabs(x) < 2e9 ? lrint(x) : 0L);
  }
  const double ys[] = { 0.0, -0.0, 0.5, 2.0, -3.0, 0.1, 1e10, INFINITY, NAN, 3.0 };
  for (size_t i = 0; i < n; i += 2)
    for (size_t j = 0; j < sizeof ys / sizeof *ys; j++) {
      double x = xs[i], y = ys[j];
      F2(pow, x, y); F2(fmod, x, y); F2(atan2, x, y); F2(hypot, x, y); F2(fmin, x, y); F2(fmax, x, y); F2(copysign, x, y); F2(remainder, x, y); F2(fdim, x, y);
    }
  F2(pow, 2.0, 0.5); F2(pow, -8.0, 1.0 / 3); F2(pow, 10.0, -5.0); F2(pow, 1.0000001, 1e10); F2(pow, -1.0, INFINITY); F2(pow, 0.0, -1.0); F2(pow, -0.0, -3.0);
  F2(atan2, 1.0, 1.0); F2(atan2, -0.0, -1.0); F2(atan2, 0.0, -0.0); F2(fmod, 5.5, 1.5); F2(fmod, -5.5, 1.5); F2(ldexp, 1.0, 1024); F2(ldexp, 3.0, -1075);
  { int e; double m = frexp(48.0, &e); printf("frexp %.17g %d\n", m, e); m = frexp(5e-324, &e); printf("frexp %.17g %d\n", m, e); }
  { double ip, fp = modf(-3.75, &ip); printf("modf %.17g %.17g\n", fp, ip); }
  printf("ilogb %d %d logb %.17g scalbn %.17g\n", ilogb(1024.0), ilogb(5e-324), logb(0.1), scalbn(1.5, 10));
  printf("nextafter %.17g %.17g\n", nextafter(1.0, 2.0), nextafter(0.0, -1.0));
  printf("isnan %d isinf %d %d isfinite %d signbit %d %d fpclassify %d %d %d %d %d\n", isnan(NAN), isinf(-INFINITY), isinf(1.0), isfinite(1.0),
         signbit(-0.0) != 0, signbit(0.0) != 0, fpclassify(0.0), fpclassify(1.0), fpclassify(INFINITY), fpclassify(NAN), fpclassify(5e-324));
  printf("FP_ %d %d %d %d %d\n", FP_NAN, FP_INFINITE, FP_ZERO, FP_SUBNORMAL, FP_NORMAL);
  printf("float sinf %.9g cosf %.9g sqrtf %.9g powf %.9g expf %.9g logf %.9g\n", sinf(1.0f), cosf(1.0f), sqrtf(2.0f), powf(2.0f, 0.5f), expf(1.0f), logf(10.0f));
  printf("M_PI %.17g M_E %.17g HUGE_VAL %g\n", M_PI, M_E, HUGE_VAL);
  return 0;
}
