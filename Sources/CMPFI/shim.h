// MPFI (Debian: libmpfi-dev). Interval arithmetic on MPFR endpoints, rounded outward.
#ifndef FLOWVERIFY_CMPFI_SHIM_H
#define FLOWVERIFY_CMPFI_SHIM_H
#include <stdio.h>
#include <gmp.h>
#include <mpfr.h>
#include <mpfi.h>

static inline mpfr_ptr fv_mpfi_left(mpfi_ptr x) { return &(x->left); }
static inline mpfr_ptr fv_mpfi_right(mpfi_ptr x) { return &(x->right); }
#endif
