#include "MPFRBaseline.h"

void baseline_fma_chain(mpfr_ptr x, mpfr_srcptr a, mpfr_srcptr c, long n) {
    for (long i = 0; i < n; i++) mpfr_fma(x, x, a, c, MPFR_RNDN);
}

void baseline_tanh_chain(mpfr_ptr x, mpfr_ptr y, long n) {
    for (long i = 0; i < n; i += 2) {
        mpfr_tanh(y, x, MPFR_RNDN);
        mpfr_tanh(x, y, MPFR_RNDN);
    }
}
