// The AVX2 + FMA instantiation of gemm_template.h: a 6 × 8 tile of 4-lane vectors (12 accumulators of
// the 16 YMM registers). Only tk_gemm_avx2 is visible; it must run only where tk_cpu_supports_avx2_fma().
#include "tensor_kernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#pragma clang fp contract(off)

#define TK_TARGET __attribute__((target("avx2,fma")))
#define TK_(name) tk_avx2_##name
typedef double T;
#define VW 4
#define MR 6
#define NV 2
typedef __m256d V;
typedef __m256i MASK;
#define VZERO() _mm256_setzero_pd()
#define VSET1(x) _mm256_set1_pd(x)
#define VLOAD(p) _mm256_loadu_pd(p)
#define VFMA(a, b, c) _mm256_fmadd_pd(a, b, c)
#define VADD(a, b) _mm256_add_pd(a, b)
#define VMUL(a, b) _mm256_mul_pd(a, b)
/* max(z, 0) returns its second operand for NaN and for ±0, exactly as `z > 0 ? z : 0`. */
#define VMAX_ZERO(z) _mm256_max_pd(z, _mm256_setzero_pd())
#define VSELECT_POSITIVE(f, yes, no) _mm256_blendv_pd(no, yes, _mm256_cmp_pd(f, _mm256_setzero_pd(), _CMP_GT_OQ))
#define VMASK(lanes) _mm256_cmpgt_epi64(_mm256_set1_epi64x(lanes), _mm256_set_epi64x(3, 2, 1, 0))
#define VLOADM(p, m) _mm256_maskload_pd(p, m)
#define VSTOREM(p, m, v) _mm256_maskstore_pd(p, m, v)
/* A masked load costs more than a plain one here: tails of B are packed instead. */
#define TK_MASKED_TAIL 0
#define VLOAD_TAIL(p, m) _mm256_loadu_pd(p)

#include "gemm_template.h"

void tk_gemm_avx2(const tk_gemm *g) { tk_avx2_gemm(g); }

#else
void tk_gemm_avx2(const tk_gemm *g) { (void)g; }
#endif
