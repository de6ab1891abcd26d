/* Numerical kernels a user would write, with libm: Simpson integration of sin, exp and
 * log identities, pow and sqrt tables, a Newton iteration, a small matrix product, a
 * float (single precision) series, and rounding-mode-dependent results via fesetround.
 * Printed with %a as well as %.17g and %e, so any difference in the last bit shows. */
#include <fenv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static double Simpson(double (*f)(double), double a, double b, int n) {
  const double h = (b - a) / n;
  double s = f(a) + f(b);
  for (int k = 1; k < n; ++k) s += f(a + k * h) * (k % 2 ? 4.0 : 2.0);
  return s * h / 3.0;
}

static double Gauss(double x) { return exp(-x * x); }

static void Integrals(void) {
  const double pi = acos(-1.0);
  printf("int sin 0..pi  = %.17g\n", Simpson(sin, 0.0, pi, 1000));
  printf("int exp(-x2)   = %.17g (sqrt(pi)/2 = %.17g)\n", Simpson(Gauss, 0.0, 6.0, 600), sqrt(pi) / 2);
  printf("int log 1..e   = %a\n", Simpson(log, 1.0, exp(1.0), 500));
}

static void Tables(void) {
  for (int k = -3; k <= 12; k += 3) {
    const double x = k * 0.37 + 0.01;
    printf("x=%+.2f exp=%a log|x|=%a pow(|x|,1.7)=%.17g sqrt|x|=%.17g\n", x, exp(x), log(fabs(x)),
           pow(fabs(x), 1.7), sqrt(fabs(x)));
  }
  printf("pow(2,-1074)=%a pow(10,308)=%e pow(-8,1/3.)=%g\n", pow(2, -1074), pow(10, 308), pow(-8, 1 / 3.));
  printf("exp(710)=%g log(0)=%g sqrt(-1)=%g\n", exp(710), log(0.0), sqrt(-1.0));
  printf("atan2=%.17g hypot=%.17g cbrt=%.17g fmod=%.17g\n", atan2(1, -2), hypot(3e200, 4e200), cbrt(-27.5),
         fmod(1e10, 3.7));
}

/* Newton's method for x^3 - 2x - 5 = 0 (Wallis's equation). */
static void Newton(void) {
  double x = 2.0;
  for (int k = 0; k < 8; ++k) x -= (x * x * x - 2 * x - 5) / (3 * x * x - 2);
  printf("newton root    = %.17g %a\n", x, x);
}

static void Matrix(void) {
  enum { kN = 12 };
  double a[kN][kN], b[kN][kN], c[kN][kN];
  for (int i = 0; i < kN; ++i)
    for (int j = 0; j < kN; ++j) {
      a[i][j] = sin(i + 0.5 * j);
      b[i][j] = cos(i * j + 1.0) / (1 + i + j);
    }
  double trace = 0;
  for (int i = 0; i < kN; ++i)
    for (int j = 0; j < kN; ++j) {
      double s = 0;
      for (int k = 0; k < kN; ++k) s += a[i][k] * b[k][j];
      c[i][j] = s;
    }
  for (int i = 0; i < kN; ++i) trace += c[i][i];
  printf("matrix trace   = %.17g c[3][7] = %a\n", trace, c[3][7]);
}

static void Singles(void) {
  float s = 0.0f;
  for (int k = 1; k <= 2000; ++k) s += 1.0f / ((float)k * (float)k);
  printf("sum 1/k^2 (sgl)= %.9g %a sinf=%a expf=%a logf=%a sqrtf=%a\n", s, s, sinf(1.25f), expf(-3.5f),
         logf(7.0f), sqrtf(2.0f));
  printf("(int)=%d (unsigned)=%u (long long)=%lld lrint=%ld\n", (int)-2.75, (unsigned)3.99e9,
         (long long)-9.2e15, lrint(2.5));
}

static void Rounding(void) {
  static const int kModes[] = {FE_TONEAREST, FE_TOWARDZERO, FE_UPWARD, FE_DOWNWARD};
  static const char* kNames[] = {"nearest", "zero", "up", "down"};
  volatile double one = 1.0, three = 3.0, big = 2.5;
  for (int m = 0; m < 4; ++m) {
    fesetround(kModes[m]);
    printf("%-8s 1/3=%a -1/3=%a rint(2.5)=%g nearbyint(-2.5)=%g sqrt(2)=%a\n", kNames[m], one / three,
           -one / three, rint(big), nearbyint(-big), sqrt(2.0 * one));
  }
  fesetround(FE_TONEAREST);
  feclearexcept(FE_ALL_EXCEPT);
  volatile double z = 0.0;
  volatile double r = one / z;
  printf("1/0=%g divbyzero=%d inexact=%d\n", r, fetestexcept(FE_DIVBYZERO) != 0, fetestexcept(FE_INEXACT) != 0);
}

int main(void) {
  Integrals();
  Tables();
  Newton();
  Matrix();
  Singles();
  Rounding();
  return 0;
}
