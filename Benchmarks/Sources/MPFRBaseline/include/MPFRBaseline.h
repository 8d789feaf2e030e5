// The baselines: the same loops as the Swift benchmarks, written as direct MPFR calls in C.
#ifndef MPFR_BASELINE_H
#define MPFR_BASELINE_H
#include <stdio.h>
#include <gmp.h>
#include <mpfr.h>

/// n times: x <- x*a + c (one rounding), the accumulate step of a dot product.
void baseline_fma_chain(mpfr_ptr x, mpfr_srcptr a, mpfr_srcptr c, long n);
/// n times (n even), alternating: y <- tanh(x), x <- tanh(y): tanh of a changing argument.
void baseline_tanh_chain(mpfr_ptr x, mpfr_ptr y, long n);
#endif
