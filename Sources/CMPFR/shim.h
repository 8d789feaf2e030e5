// MPFR (Debian: libmpfr-dev). Correctly rounded binary floating point at any precision.
// Function-like macros of mpfr.h are not visible to Swift; the ones MultiPrecision
// needs are wrapped here as inline functions.
#ifndef FLOWVERIFY_CMPFR_SHIM_H
#define FLOWVERIFY_CMPFR_SHIM_H
#include <stdio.h>
#include <gmp.h>
#include <mpfr.h>

static inline long fv_mpfr_prec_min(void) { return MPFR_PREC_MIN; }
static inline long fv_mpfr_prec_max(void) { return MPFR_PREC_MAX; }
static inline int fv_mpfr_sgn(mpfr_srcptr x) { return mpfr_sgn(x); }
static inline size_t fv_mpfr_custom_get_size(mpfr_prec_t p) { return mpfr_custom_get_size(p); }
static inline void fv_mpfr_custom_init_set(mpfr_ptr x, mpfr_prec_t p, void *limbs) {
    mpfr_custom_init(limbs, p);
    mpfr_custom_init_set(x, MPFR_ZERO_KIND, 0, p, limbs);
}
#endif
