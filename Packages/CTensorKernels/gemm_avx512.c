// The AVX-512F instantiation of gemm_template.h: a 10 × 16 tile of 8-lane vectors (20 accumulators of
// the 32 ZMM registers; ten rows divide the batch sizes and widths of the study's networks), masked loads
// and stores for a tail narrower than a vector. Only tk_gemm_avx512
// is visible; it must run only where tk_cpu_supports_avx512f().
#include "tensor_kernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#pragma clang fp contract(off)

#define TK_TARGET __attribute__((target("avx512f,avx2,fma")))
#define TK_(name) tk_avx512_##name
typedef double T;
#define VW 8
#define MR 10
#define NV 2
typedef __m512d V;
typedef __mmask8 MASK;
#define VZERO() _mm512_setzero_pd()
#define VSET1(x) _mm512_set1_pd(x)
#define VLOAD(p) _mm512_loadu_pd(p)
#define VFMA(a, b, c) _mm512_fmadd_pd(a, b, c)
#define VADD(a, b) _mm512_add_pd(a, b)
#define VMUL(a, b) _mm512_mul_pd(a, b)
/* max(z, 0) returns its second operand for NaN and for ±0, exactly as `z > 0 ? z : 0`. */
#define VMAX_ZERO(z) _mm512_max_pd(z, _mm512_setzero_pd())
#define VSELECT_POSITIVE(f, yes, no) \
    _mm512_mask_blend_pd(_mm512_cmp_pd_mask(f, _mm512_setzero_pd(), _CMP_GT_OQ), no, yes)
#define VMASK(lanes) ((__mmask8)((1u << (lanes)) - 1u))
#define VLOADM(p, m) _mm512_maskz_loadu_pd(m, p)
#define VSTOREM(p, m, v) _mm512_mask_storeu_pd(p, m, v)
/* A masked load costs what a plain one does: tails of B are read in place. */
#define TK_MASKED_TAIL 1
#define VLOAD_TAIL(p, m) _mm512_maskz_loadu_pd(m, p)

#include "gemm_template.h"

void tk_gemm_avx512(const tk_gemm *g) { tk_avx512_gemm(g); }

#else
void tk_gemm_avx512(const tk_gemm *g) { (void)g; }
#endif
