// The SIMD kernels behind Tensor's matrix product, in C so that each instruction set can be enabled per
// function (`__attribute__((target(...)))`) instead of per module: the package needs no build flags, the
// default build runs on every x86-64 processor, and Tensor picks a kernel at run time from the CPU's
// features (`tk_cpu_supports_*`). On other architectures the kernels compile to nothing and Tensor uses
// its portable Swift kernel.
#ifndef TENSOR_KERNELS_H
#define TENSOR_KERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/// Depth of one block of the product (the inner dimension): partial sums over `TK_KC` terms are added to C.
/// Every kernel, the portable one included, blocks the depth the same way, so they differ only by FMA rounding.
#define TK_KC 256
/// Rows of A per packed block.
#define TK_MC 120
/// Columns of B per packed block.
#define TK_NC 1024

/// What a product does with each output tile while it is still in registers.
typedef enum {
    /// `C ← A·B` (or `C ← C + A·B`).
    TK_EPILOGUE_NONE = 0,
    /// The forward step of a layer (UDL eq. 7.24): `C ← A·B + 𝟙βᵀ`, then `H ← a[C]`.
    TK_EPILOGUE_BIAS_ACTIVATION = 1,
    /// The backward step through an activation (eq. 7.25): `C ← A·B` (∂ℓ/∂h), `D ← a′[F] ⊙ C` (∂ℓ/∂f),
    /// and `s_j ← s_j + Σ_i D_ij` row after row (∂ℓ/∂β).
    TK_EPILOGUE_DERIVATIVE = 2,
} tk_epilogue_kind;

/// The activations an epilogue can apply (the others are applied in a separate pass by the caller).
typedef enum {
    /// a[z] = z.
    TK_ACTIVATION_IDENTITY = 0,
    /// a[z] = max(z, 0), with a′[z] = 𝕀[z > 0].
    TK_ACTIVATION_RELU = 1,
    /// a[z] = z for z > 0, slope·z otherwise; a′[z] = 1 for z > 0, slope otherwise.
    TK_ACTIVATION_LEAKY_RELU = 2,
} tk_activation;

/// How a product combines with what C holds.
typedef enum {
    /// `C ← A·B`.
    TK_OVERWRITE = 0,
    /// `C ← C + A·B`: each depth block's sum starts from zero and is then added to C.
    TK_ADD = 1,
    /// C holds a running sum that the product continues: each tile starts from C's values and adds the
    /// products in order with fused multiply-adds, as if the depth of the earlier products and this one
    /// were one depth block. Requires `k ≤ TK_KC`. Splitting a product of depth ≤ TK_KC into parts along
    /// its depth, the first OVERWRITE and the others CONTINUE, gives the whole product bit for bit.
    TK_CONTINUE = 2,
} tk_accumulation;

/// The epilogue of one product. Pointers address element (0, 0) of row-major matrices with the product's
/// shape and element type; `ld*` are their row strides in elements.
typedef struct {
    tk_epilogue_kind kind;
    tk_activation activation;
    /// LeakyReLU's slope for z ≤ 0 (rounded to the element type).
    double slope;
    /// BIAS_ACTIVATION: β, one value per column.
    const void *bias;
    /// BIAS_ACTIVATION: the activations H.
    void *h;
    long ldh;
    /// DERIVATIVE: the pre-activations F whose derivative multiplies.
    const void *f;
    long ldf;
    /// DERIVATIVE: the output a′[F] ⊙ C.
    void *d;
    long ldd;
    /// DERIVATIVE: one running sum per column, added to in row order.
    void *column_sums;
} tk_epilogue;

/// One product `C (+)= A·B` with strided operands of one element type (double for the `tk_gemm_*`
/// kernels, float for the `tk_sgemm_*` ones): element (i, p) of A is `a[i·a_rs + p·a_cs]`, element (p, j)
/// of B is `b[p·b_rs + j·b_cs]`, element (i, j) of C is `c[i·ldc + j]`.
typedef struct {
    long m, n, k;
    const void *a;
    long a_rs, a_cs;
    const void *b;
    long b_rs, b_cs;
    void *c;
    long ldc;
    tk_accumulation accumulate;
    /// Packing buffers of at least `TK_KC·TK_MC` (A) and `TK_KC·TK_NC` (B) elements, 64-byte aligned.
    void *pack_a;
    void *pack_b;
    tk_epilogue epilogue;
} tk_gemm;

/// 1 when the processor runs AVX2 and FMA instructions, else 0.
int tk_cpu_supports_avx2_fma(void);
/// 1 when the processor runs AVX-512 Foundation instructions (and AVX2 and FMA), else 0.
int tk_cpu_supports_avx512f(void);

/// The product with a 6×8 register tile of 256-bit vectors. Requires AVX2 and FMA.
void tk_gemm_avx2(const tk_gemm *g);
/// The product with a 10×16 register tile of 512-bit vectors. Requires AVX-512F.
void tk_gemm_avx512(const tk_gemm *g);
/// The Float32 product with a 6×16 register tile of 256-bit vectors. Requires AVX2 and FMA.
void tk_sgemm_avx2(const tk_gemm *g);
/// The Float32 product with a 10×32 register tile of 512-bit vectors. Requires AVX-512F.
void tk_sgemm_avx512(const tk_gemm *g);

#ifdef __cplusplus
}
#endif

#endif
