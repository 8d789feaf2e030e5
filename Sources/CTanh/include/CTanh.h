// tanh correctly rounded to nearest for precisions up to 192 bits, without MPFR's generic
// exponential (proofs/DESIGN.md, "Numbers"): the 128-bit rung of the escalation ladder, whose
// state carries 32 guard bits (160), evaluates tanh at every sample and neuron of every field
// evaluation (README, "Since 0.1.15").
#ifndef FLOWVERIFY_CTANH_H
#define FLOWVERIFY_CTANH_H
#include <mpfr.h>

/// The largest precision (of the result and of the argument) the fast path serves; above it,
/// and for 0, NaN, ±∞, |x| < 2^-100 and |x| ≥ 32, `fv_tanh_rndn` is `mpfr_tanh`.
#define FV_TANH_FAST_MAX_PRECISION 192

/// y ← tanh(x) rounded to nearest (ties to even) at y's precision, the same value as
/// `mpfr_tanh(y, x, MPFR_RNDN)` (y may be x). A fixed-point evaluation at 254 fractional bits
/// whose error bound (tanh192.c) is checked by `mpfr_can_round` (Ziv's test); where the bound
/// cannot decide the rounding, the result is `mpfr_tanh`'s. No ternary value: callers that need
/// one call `mpfr_tanh`.
void fv_tanh_rndn(mpfr_ptr y, mpfr_srcptr x);

/// The fast path's approximation of tanh|x| before its rounding test, for tests of its error
/// bound (relative error below 2^-232, tanh192.c): writes it into `t`, whose precision must be
/// 256 bits, and returns 1; returns 0 and leaves `t` alone when x is outside the fast path's
/// domain (0, NaN, ±∞, |x| < 2^-100, |x| ≥ 32, or more than 192 bits).
int fv_tanh_approximation(mpfr_ptr t, mpfr_srcptr x);

/// How the last `fv_tanh_rndn` calls on this thread were served, for tests: the number of
/// calls answered by the fast path, and of calls whose rounding test failed and went to
/// `mpfr_tanh` (calls outside the fast path's domain count in neither).
typedef struct { unsigned long fast; unsigned long undecided; } fv_tanh_counts;
fv_tanh_counts fv_tanh_counters(void);

#endif
