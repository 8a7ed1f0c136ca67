// CGMP: GMP (libgmp-dev) for Swift. GMP's public names are macros (mpz_mul -> __gmpz_mul), which
// Swift cannot call, so the functions proofnode uses are re-exported here as static inline wrappers.
// GMP is the independent big-integer oracle for field-arithmetic tests.
#ifndef PROOFNODE_CGMP_SHIM_H
#define PROOFNODE_CGMP_SHIM_H
#include <gmp.h>
#include <stddef.h>

static inline void cgmp_init(mpz_ptr x) { mpz_init(x); }
static inline void cgmp_clear(mpz_ptr x) { mpz_clear(x); }
static inline int cgmp_set_str(mpz_ptr x, const char *s, int base) { return mpz_set_str(x, s, base); }
static inline char *cgmp_get_str(char *buf, int base, mpz_srcptr x) { return mpz_get_str(buf, base, x); }
static inline size_t cgmp_sizeinbase(mpz_srcptr x, int base) { return mpz_sizeinbase(x, base); }
static inline void cgmp_add(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_add(r, a, b); }
static inline void cgmp_sub(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_sub(r, a, b); }
static inline void cgmp_mul(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_mul(r, a, b); }
static inline void cgmp_mod(mpz_ptr r, mpz_srcptr a, mpz_srcptr m) { mpz_mod(r, a, m); }
static inline void cgmp_powm(mpz_ptr r, mpz_srcptr b, mpz_srcptr e, mpz_srcptr m) { mpz_powm(r, b, e, m); }
static inline int cgmp_invert(mpz_ptr r, mpz_srcptr a, mpz_srcptr m) { return mpz_invert(r, a, m); }
static inline int cgmp_cmp(mpz_srcptr a, mpz_srcptr b) { return mpz_cmp(a, b); }
static inline int cgmp_legendre(mpz_srcptr a, mpz_srcptr p) { return mpz_legendre(a, p); }
/// Writes |x| as big-endian bytes into out (out_len bytes, zero-padded on the left).
/// Returns 0 on success, -1 when x does not fit.
static inline int cgmp_export_be(unsigned char *out, size_t out_len, mpz_srcptr x) {
    size_t needed = (mpz_sizeinbase(x, 2) + 7) / 8;
    if (mpz_sgn(x) == 0) needed = 0;
    if (needed > out_len) return -1;
    for (size_t i = 0; i < out_len; i++) out[i] = 0;
    size_t count = 0;
    mpz_export(out + (out_len - needed), &count, 1, 1, 1, 0, x);
    return 0;
}
static inline void cgmp_import_be(mpz_ptr x, const unsigned char *in, size_t in_len) {
    mpz_import(x, in_len, 1, 1, 1, 0, in);
}
static inline const char *cgmp_version(void) { return gmp_version; }
#endif
