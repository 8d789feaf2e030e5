// tanh correctly rounded to nearest at precisions ≤ 192 bits (CTanh.h).
//
// Numbers are fixed point Q2.254: four 64-bit limbs V (least significant first) standing for
// V / 2^254, values in [0, 4). Products truncate (error < 2^-254 each), sums are exact.
//
// a = |x|, z = 2a, tanh(a) = E / (E + 2) with E = e^z − 1.
// - Exponential path, 2^-16 ≤ a < 32: z = k·ln 2 + r (0 ≤ r < ln 2, k ≤ 92), r = j1/2^8 + j2/2^16
//   + s (0 ≤ s < 2^-16), e^r = T1[j1]·T2[j2]·P(s), P the Taylor polynomial of degree 13 (its
//   remainder s^14/14! < 2^-260), E = 2^k·(e^r − 2^-k). Error of R = e^r, absolute: the reduction
//   k·|ln 2 − LN2| ≤ 92·2^-257 plus 2^-254 for r's conversion, relative, so below 2^-249 absolute
//   since R < 2; the tables ≤ 2^-255 each, Horner ≤ 2^-253.9, two products ≤ 2^-251: in all below
//   2^-248. E ≥ z ≥ 2^-15 when k = 0, E ≥ 2^(k−1) otherwise, so E's relative error is below
//   2^-233; E / (E + 2) at 256 bits adds 2^-256 twice: tanh's relative error < 2^-232.
// - Series path, 2^-100 ≤ a < 2^-16: tanh a = a·S(a²), S(q) = Σ_{k<9} (−1)^k c_k q^k with the
//   odd Taylor coefficients c_k of tanh (alternating and decreasing for q < 2^-32; the first
//   omitted term < 2^-288); S's error ≤ 2^-251, the product at 256 bits 2^-256: relative
//   error < 2^-250.
// The result is accepted when mpfr_can_round proves that an approximation with relative error
// below 2^-224 (a margin of 8 bits over the bounds above) rounds to nearest like the exact value
// (tanh of a nonzero binary number is transcendental, never a midpoint); otherwise mpfr_tanh.
#include "CTanh.h"
#include <gmp.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

typedef unsigned __int128 u128;
// The limb loops unrolled whole: SwiftPM compiles C at -O2, which leaves them rolled and slower.
#define UNROLL _Pragma("clang loop unroll(full)")
enum { LIMBS = 4, BITS = 64 * LIMBS, FRACTION = BITS - 2, ERROR_BITS = 224,
       TAYLOR_DEGREE = 13, SERIES_TERMS = 9, LOWEST_EXPONENT = -99, HIGHEST_EXPONENT = 5 };
typedef struct { uint64_t l[LIMBS]; } fixed;

static fixed table1[178];  // e^(j/2^8), j/2^8 < ln 2
static fixed table2[256];  // e^(j/2^16)
static fixed taylor[TAYLOR_DEGREE + 1];  // 1/n!
static fixed series[SERIES_TERMS];       // |odd Taylor coefficients| of tanh: 1, 1/3, 2/15, …
static uint64_t ln2[LIMBS];              // ln 2 · 2^BITS, rounded to nearest
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;
static _Thread_local fv_tanh_counts counts;

/// v · 2^shift rounded to the nearest integer (< 2^BITS), as LIMBS limbs.
static void limbs_of(uint64_t out[LIMBS], mpfr_srcptr v, long shift) {
    mpfr_t scaled; mpz_t z;
    mpfr_init2(scaled, mpfr_get_prec(v)); mpz_init(z);
    mpfr_mul_2si(scaled, v, shift, MPFR_RNDN);
    mpfr_get_z(z, scaled, MPFR_RNDN);
    for (int i = 0; i < LIMBS; i++) out[i] = mpz_getlimbn(z, i);
    mpz_clear(z); mpfr_clear(scaled);
}

static void build_tables(void) {
    mpfr_t v; mpfr_init2(v, BITS + 64);
    for (int j = 0; j < 178; j++) { mpfr_set_ui_2exp(v, j, -8, MPFR_RNDN); mpfr_exp(v, v, MPFR_RNDN); limbs_of(table1[j].l, v, FRACTION); }
    for (int j = 0; j < 256; j++) { mpfr_set_ui_2exp(v, j, -16, MPFR_RNDN); mpfr_exp(v, v, MPFR_RNDN); limbs_of(table2[j].l, v, FRACTION); }
    for (int n = 0; n <= TAYLOR_DEGREE; n++) {
        mpfr_set_ui(v, 1, MPFR_RNDN);
        for (int f = 2; f <= n; f++) mpfr_div_ui(v, v, f, MPFR_RNDN);
        limbs_of(taylor[n].l, v, FRACTION);
    }
    static const unsigned long numerators[SERIES_TERMS] = {1, 1, 2, 17, 62, 1382, 21844, 929569, 6404582};
    static const unsigned long denominators[SERIES_TERMS] = {1, 3, 15, 315, 2835, 155925, 6081075, 638512875, 10854718875};
    for (int i = 0; i < SERIES_TERMS; i++) {
        mpfr_set_ui(v, numerators[i], MPFR_RNDN); mpfr_div_ui(v, v, denominators[i], MPFR_RNDN); limbs_of(series[i].l, v, FRACTION);
    }
    mpfr_const_log2(v, MPFR_RNDN); limbs_of(ln2, v, BITS);
    mpfr_clear(v);
}

static inline fixed add(fixed a, fixed b) {
    fixed r; u128 t = 0;
    UNROLL for (int i = 0; i < LIMBS; i++) { t += (u128)a.l[i] + b.l[i]; r.l[i] = (uint64_t)t; t >>= 64; }
    return r;
}

/// a − b for a ≥ b.
static inline fixed sub(fixed a, fixed b) {
    fixed r; uint64_t borrow = 0;
    UNROLL for (int i = 0; i < LIMBS; i++) {
        uint64_t d = a.l[i] - b.l[i] - borrow;
        borrow = (a.l[i] < b.l[i]) || (a.l[i] == b.l[i] && borrow);
        r.l[i] = d;
    }
    return r;
}

/// a · b truncated to Q2.254 (a · b < 4): bits 254 … 509 of the 512-bit product, schoolbook.
static inline fixed mul(fixed a, fixed b) {
    uint64_t p[2 * LIMBS] = {0};
    UNROLL for (int i = 0; i < LIMBS; i++) {
        u128 carry = 0;
        UNROLL for (int j = 0; j < LIMBS; j++) {
            u128 t = (u128)a.l[i] * b.l[j] + p[i + j] + carry;
            p[i + j] = (uint64_t)t; carry = t >> 64;
        }
        p[i + LIMBS] = (uint64_t)carry;
    }
    fixed r;
    UNROLL for (int i = 0; i < LIMBS; i++) r.l[i] = (p[i + LIMBS - 1] >> 62) | (p[i + LIMBS] << 2);
    return r;
}

/// Bits shift … shift + BITS − 1 of the `count`-limb number v (0 ≤ shift).
static fixed shift_right(const uint64_t *v, int count, int shift) {
    fixed r; int w = shift / 64, b = shift % 64;
    for (int i = 0; i < LIMBS; i++) {
        uint64_t lo = (i + w < count) ? v[i + w] : 0, hi = (i + w + 1 < count) ? v[i + w + 1] : 0;
        r.l[i] = b ? (lo >> b) | (hi << (64 - b)) : lo;
    }
    return r;
}

/// The `count`-limb number d shifted left by `shift` bits (0 ≤ shift), its low `out_count` limbs.
static void shift_left(uint64_t *out, int out_count, const uint64_t *d, int count, int shift) {
    int w = shift / 64, b = shift % 64;
    for (int i = 0; i < out_count; i++) {
        int k = i - w;
        uint64_t lo = (k >= 0 && k < count) ? d[k] : 0, below = (k - 1 >= 0 && k - 1 < count) ? d[k - 1] : 0;
        out[i] = b ? (lo << b) | (below >> (64 - b)) : lo;
    }
}

/// A view of the Q2.254 value v · 2^scale as an MPFR number of BITS bits; `limbs` receives the
/// normalized significand. v must be nonzero.
static void view(mpfr_ptr out, mp_limb_t limbs[LIMBS], fixed v, long scale) {
    int lz = 0;
    for (int i = LIMBS - 1; i >= 0; i--) { if (v.l[i]) { lz += __builtin_clzll(v.l[i]); break; } lz += 64; }
    uint64_t shifted[LIMBS];
    shift_left(shifted, LIMBS, v.l, LIMBS, lz);
    for (int i = 0; i < LIMBS; i++) limbs[i] = shifted[i];
    mpfr_custom_init_set(out, MPFR_REGULAR_KIND, BITS - FRACTION - lz + scale, BITS, limbs);
}

/// An MPFR number of BITS bits, +0, on the caller's `limbs`.
static void temporary(mpfr_ptr out, mp_limb_t limbs[LIMBS]) {
    mpfr_custom_init(limbs, BITS);
    mpfr_custom_init_set(out, MPFR_ZERO_KIND, 0, BITS, limbs);
}

/// e^r − 2^-k for r = rl / 2^BITS in [0, ln 2), as Q2.254.
static fixed exp_reduced(const uint64_t rl[LIMBS], long k) {
    fixed r = shift_right(rl, LIMBS, 2);              // Q2.254
    int top = FRACTION - 64 * (LIMBS - 1);           // bit of 2^0 within the top limb: 62
    int j1 = (int)(r.l[LIMBS - 1] >> (top - 8)) & 0xff;     // r·2^8
    int j2 = (int)(r.l[LIMBS - 1] >> (top - 16)) & 0xff;    // the next 8 bits
    fixed s = r; s.l[LIMBS - 1] &= (1ULL << (top - 16)) - 1;  // r − j1/2^8 − j2/2^16
    fixed p = taylor[TAYLOR_DEGREE];
    for (int n = TAYLOR_DEGREE - 1; n >= 0; n--) p = add(mul(p, s), taylor[n]);
    fixed e = mul(mul(table1[j1], table2[j2]), p);
    fixed power = {{0}};  // 2^-k in Q2.254
    long bit = FRACTION - k;
    power.l[bit / 64] = 1ULL << (bit % 64);
    return sub(e, power);
}

/// tanh|x| ≈ `out` (BITS bits) for 2^-16 ≤ |x| < 32 (exponent −15 … 5): relative error < 2^-232.
static void exponential_path(mpfr_ptr out, mpfr_srcptr x, int n, long exponent) {
    enum { WIDE = LIMBS + 1 };
    uint64_t Z[WIDE];  // 2|x| · 2^BITS < 2^(BITS + 6)
    shift_left(Z, WIDE, mpfr_custom_get_significand(x), n, (int)(BITS + 1 + exponent - 64 * n));
    long k = (long)(2 * mpfr_get_d(x, MPFR_RNDZ) / 0.6931471805599453);
    if (k < 0) k = -k;
    uint64_t kl[WIDE], r[WIDE];  // k · LN2, Z − k · LN2
    for (;;) {
        u128 t = 0;
        for (int i = 0; i < WIDE; i++) { t += (u128)(i < LIMBS ? ln2[i] : 0) * (uint64_t)k; kl[i] = (uint64_t)t; t >>= 64; }
        uint64_t borrow = 0;
        for (int i = 0; i < WIDE; i++) {
            uint64_t d = Z[i] - kl[i] - borrow;
            borrow = (Z[i] < kl[i]) || (Z[i] == kl[i] && borrow);
            r[i] = d;
        }
        if (borrow) { k--; continue; }               // r < 0: k was too large
        int below = r[LIMBS] == 0;                   // r < LN2 ?
        for (int i = LIMBS - 1; below && i >= 0; i--) {
            if (r[i] != ln2[i]) { below = r[i] < ln2[i]; break; }
            if (i == 0) below = 0;
        }
        if (below) break;
        k++;
    }
    fixed e = exp_reduced(r, k);  // E = 2^k · e
    mp_limb_t el[LIMBS], dl[LIMBS]; mpfr_t E, D;
    view(E, el, e, k);
    temporary(D, dl);
    mpfr_add_ui(D, E, 2, MPFR_RNDN);
    mpfr_div(out, E, D, MPFR_RNDN);
}

/// tanh|x| ≈ `out` (BITS bits) for 2^-100 ≤ |x| < 2^-16 (exponent −99 … −16): relative error < 2^-250.
static void series_path(mpfr_ptr out, mpfr_srcptr x, int n, long exponent) {
    const mp_limb_t *d = mpfr_custom_get_significand(x);
    uint64_t square[2 * 3] = {0};  // the significand squared, 2n limbs
    for (int i = 0; i < n; i++) {
        u128 carry = 0;
        for (int j = 0; j < n; j++) { u128 t = (u128)d[i] * d[j] + square[i + j] + carry; square[i + j] = (uint64_t)t; carry = t >> 64; }
        square[i + n] = (uint64_t)carry;
    }
    // q = a² = square · 2^(2·exponent − 128n); as Q2.254, square · 2^(FRACTION + 2·exponent − 128n).
    long shift = 128L * n - FRACTION - 2 * exponent;
    fixed q = {{0}};
    if (shift >= 0) { if (shift < 64 * 2 * n) q = shift_right(square, 2 * n, (int)shift); }
    else shift_left(q.l, LIMBS, square, 2 * n, (int)-shift);
    fixed s = series[SERIES_TERMS - 1];  // S = c0 − q(c1 − q(c2 − …)): every bracket is positive
    for (int i = SERIES_TERMS - 2; i >= 0; i--) s = sub(series[i], mul(q, s));
    mp_limb_t sl[LIMBS]; mpfr_t S, a;
    view(S, sl, s, 0);
    mpfr_custom_init_set(a, MPFR_REGULAR_KIND, exponent, mpfr_get_prec(x), (void *)d);  // |x|
    mpfr_mul(out, a, S, MPFR_RNDN);
}

/// tanh|x| ≈ t (BITS bits) when x lies in the fast path's domain; 0 (t untouched) otherwise.
static int approximate(mpfr_ptr t, mpfr_srcptr x) {
    if (!mpfr_regular_p(x) || mpfr_get_prec(x) > FV_TANH_FAST_MAX_PRECISION) return 0;
    long exponent = mpfr_get_exp(x);
    if (exponent > HIGHEST_EXPONENT || exponent < LOWEST_EXPONENT) return 0;
    pthread_once(&tables_once, build_tables);
    int n = (int)((mpfr_get_prec(x) + 63) / 64);
    if (exponent >= -15) exponential_path(t, x, n, exponent); else series_path(t, x, n, exponent);
    return 1;
}

int fv_tanh_approximation(mpfr_ptr t, mpfr_srcptr x) {
    return mpfr_get_prec(t) == BITS && approximate(t, x);
}

void fv_tanh_rndn(mpfr_ptr y, mpfr_srcptr x) {
    mp_limb_t tl[LIMBS]; mpfr_t t;
    temporary(t, tl);
    if (mpfr_get_prec(y) > FV_TANH_FAST_MAX_PRECISION || !approximate(t, x)) {
        mpfr_tanh(y, x, MPFR_RNDN);
        return;
    }
    if (!mpfr_can_round(t, ERROR_BITS, MPFR_RNDN, MPFR_RNDZ, mpfr_get_prec(y) + 1)) {
        counts.undecided++;
        mpfr_tanh(y, x, MPFR_RNDN);
        return;
    }
    counts.fast++;
    int negative = mpfr_signbit(x);
    mpfr_set(y, t, MPFR_RNDN);
    if (negative) mpfr_neg(y, y, MPFR_RNDN);
}

fv_tanh_counts fv_tanh_counters(void) { return counts; }
