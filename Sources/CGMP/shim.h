// GMP (Debian: libgmp-dev). Exact rationals (mpq) for MultiPrecision.Rational.
// GMP names its functions through macros (mpq_add -> __gmpq_add); Swift sees the
// underlying symbols, and the few pure macros we need are wrapped below.
#ifndef FLOWVERIFY_CGMP_SHIM_H
#define FLOWVERIFY_CGMP_SHIM_H
#include <gmp.h>

static inline mpz_ptr fv_mpq_numref(mpq_ptr q) { return mpq_numref(q); }
static inline mpz_ptr fv_mpq_denref(mpq_ptr q) { return mpq_denref(q); }
static inline mpz_srcptr fv_mpq_numref_const(mpq_srcptr q) { return mpq_numref(q); }
static inline mpz_srcptr fv_mpq_denref_const(mpq_srcptr q) { return mpq_denref(q); }
static inline int fv_mpq_sgn(mpq_srcptr q) { return mpq_sgn(q); }
static inline int fv_mpz_sgn(mpz_srcptr z) { return mpz_sgn(z); }
static inline const char *fv_gmp_version(void) { return gmp_version; }
#endif
