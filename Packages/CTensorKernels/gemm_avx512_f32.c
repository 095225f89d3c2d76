// The Float32 AVX-512F instantiation of gemm_template.h: a 10 × 32 tile of 16-lane vectors, the Float64
// kernel's shape with twice the lanes, masked loads and stores for a tail narrower than a vector. Only
// tk_sgemm_avx512 is visible; it must run only where tk_cpu_supports_avx512f().
#include "tensor_kernels.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>

#pragma clang fp contract(off)

#define TK_TARGET __attribute__((target("avx512f,avx2,fma")))
#define TK_(name) tk_avx512_f32_##name
typedef float T;
#define VW 16
#define MR 10
#define NV 2
typedef __m512 V;
typedef __mmask16 MASK;
#define VZERO() _mm512_setzero_ps()
#define VSET1(x) _mm512_set1_ps(x)
#define VLOAD(p) _mm512_loadu_ps(p)
#define VFMA(a, b, c) _mm512_fmadd_ps(a, b, c)
#define VADD(a, b) _mm512_add_ps(a, b)
#define VMUL(a, b) _mm512_mul_ps(a, b)
/* max(z, 0) returns its second operand for NaN and for ±0, exactly as `z > 0 ? z : 0`. */
#define VMAX_ZERO(z) _mm512_max_ps(z, _mm512_setzero_ps())
#define VSELECT_POSITIVE(f, yes, no) \
    _mm512_mask_blend_ps(_mm512_cmp_ps_mask(f, _mm512_setzero_ps(), _CMP_GT_OQ), no, yes)
#define VMASK(lanes) ((__mmask16)((1u << (lanes)) - 1u))
#define VLOADM(p, m) _mm512_maskz_loadu_ps(m, p)
#define VSTOREM(p, m, v) _mm512_mask_storeu_ps(p, m, v)
/* A masked load costs what a plain one does: tails of B are read in place. */
#define TK_MASKED_TAIL 1
#define VLOAD_TAIL(p, m) _mm512_maskz_loadu_ps(m, p)

#include "gemm_template.h"

void tk_sgemm_avx512(const tk_gemm *g) { tk_avx512_f32_gemm(g); }

#else
void tk_sgemm_avx512(const tk_gemm *g) { (void)g; }
#endif
