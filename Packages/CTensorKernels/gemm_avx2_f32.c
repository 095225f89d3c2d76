// The Float32 AVX2 + FMA instantiation of gemm_template.h: a 6 × 16 tile of 8-lane vectors (12
// accumulators of the 16 YMM registers), the Float64 kernel's shape with twice the lanes. Only
// tk_sgemm_avx2 is visible; it must run only where tk_cpu_supports_avx2_fma().
#include "tensor_kernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#pragma clang fp contract(off)

#define TK_TARGET __attribute__((target("avx2,fma")))
#define TK_(name) tk_avx2_f32_##name
typedef float T;
#define VW 8
#define MR 6
#define NV 2
typedef __m256 V;
typedef __m256i MASK;
#define VZERO() _mm256_setzero_ps()
#define VSET1(x) _mm256_set1_ps(x)
#define VLOAD(p) _mm256_loadu_ps(p)
#define VFMA(a, b, c) _mm256_fmadd_ps(a, b, c)
#define VADD(a, b) _mm256_add_ps(a, b)
#define VMUL(a, b) _mm256_mul_ps(a, b)
/* max(z, 0) returns its second operand for NaN and for ±0, exactly as `z > 0 ? z : 0`. */
#define VMAX_ZERO(z) _mm256_max_ps(z, _mm256_setzero_ps())
#define VSELECT_POSITIVE(f, yes, no) _mm256_blendv_ps(no, yes, _mm256_cmp_ps(f, _mm256_setzero_ps(), _CMP_GT_OQ))
#define VMASK(lanes) _mm256_cmpgt_epi32(_mm256_set1_epi32(lanes), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7))
#define VLOADM(p, m) _mm256_maskload_ps(p, m)
#define VSTOREM(p, m, v) _mm256_maskstore_ps(p, m, v)
/* A masked load costs more than a plain one here: tails of B are packed instead. */
#define TK_MASKED_TAIL 0
#define VLOAD_TAIL(p, m) _mm256_loadu_ps(p)

#include "gemm_template.h"

void tk_sgemm_avx2(const tk_gemm *g) { tk_avx2_f32_gemm(g); }

#else
void tk_sgemm_avx2(const tk_gemm *g) { (void)g; }
#endif
