// The blocked matrix product, written once and compiled once per instruction set: gemm_avx2.c and
// gemm_avx512.c define the vector type and its operations, then include this file. Every function here
// carries TK_TARGET (through TK_KERNEL), so its instructions are enabled for that function only.
//
// Loop structure (GotoBLAS/BLIS): for each block of NC columns of B and each block of KC depth steps,
// B's columns are taken NR at a time (micro-panels, packed unless B's rows are contiguous), A's rows MC
// at a time (packed only when reading A in place would be slow), and a register tile of MR × NR values
// of C is accumulated over the block's depth, then stored once, through the epilogue on the last block.
//
// Arithmetic is the same in every kernel: each tile starts from zero (or, for TK_CONTINUE, from C's
// values), adds the products of one depth block in order with fused multiply-adds, and is then added to C
// when an earlier block (or the caller, TK_ADD) left a value there. T is the element type. Epilogues do their work in the order of the portable Swift code.

// The kernels are not instrumented by AddressSanitizer (the fuzzers' builds): instrumenting every masked
// load and store of the unrolled tiles takes the compiler many minutes per file, and the kernels' bounds
// are checked by the tests against their definitions instead.
#define TK_KERNEL TK_TARGET __attribute__((no_sanitize("address")))
#define TK_FN static inline __attribute__((always_inline)) TK_KERNEL
#define NR (NV * VW)

/// A tile's accumulators: MR rows of NV vectors.
typedef struct { V v[MR][NV]; } TK_(tile);

/// The register tile: adds `rows × nvl` vectors of products over `kc` depth steps to `t`. A is read at
/// `a[r·a_rs + p·a_cs]`; B's micro-panel has `nvl` vectors per depth step, `b_ld` apart, the last one
/// loaded through `bmask` where the instruction set makes that free (VLOAD_TAIL).
TK_FN void TK_(accumulate)(
    const int rows, const int nvl, long kc, const T *a, long a_rs, long a_cs, const T *b, long b_ld,
    MASK bmask, TK_(tile) *t)
{
    // Rows are addressed from one base pointer per four rows (base + {0, 1, 2, 3}·a_rs), so a strided A
    // costs no address arithmetic in the loop.
    const T *base[(MR + 3) / 4];
#pragma unroll
    for (int q = 0; q < (MR + 3) / 4; q++) base[q] = a + 4 * q * a_rs;
    const long rs3 = 3 * a_rs;
    for (long p = 0; p < kc; p++) {
        V bv[NV];
#pragma unroll
        for (int v = 0; v < NV; v++)
            if (v < nvl) bv[v] = v == nvl - 1 ? VLOAD_TAIL(b + v * VW, bmask) : VLOAD(b + v * VW);
#pragma unroll
        for (int r = 0; r < MR; r++) {
            if (r < rows) {
                const T *row = base[r / 4];
                V x = VSET1(r % 4 == 0 ? row[0] : r % 4 == 1 ? row[a_rs] : r % 4 == 2 ? row[2 * a_rs] : row[rs3]);
#pragma unroll
                for (int v = 0; v < NV; v++)
                    if (v < nvl) t->v[r][v] = VFMA(x, bv[v], t->v[r][v]);
            }
        }
#pragma unroll
        for (int q = 0; q < (MR + 3) / 4; q++) base[q] += a_cs;
        b += b_ld;
    }
}

/// The derivative a′[f] of activation `act` (a constant after inlining), lane by lane.
TK_FN V TK_(derivative)(const int act, V f, V slope) {
    switch (act) {
    case TK_ACTIVATION_RELU: return VSELECT_POSITIVE(f, VSET1(1.0), VZERO());
    case TK_ACTIVATION_LEAKY_RELU: return VSELECT_POSITIVE(f, VSET1(1.0), slope);
    default: return VSET1(1.0);
    }
}

/// a[z] of activation `act` (a constant after inlining), lane by lane, exactly as the portable code
/// computes it.
TK_FN V TK_(activate)(const int act, V z, V slope) {
    switch (act) {
    case TK_ACTIVATION_RELU: return VMAX_ZERO(z);
    case TK_ACTIVATION_LEAKY_RELU: return VSELECT_POSITIVE(z, z, VMUL(slope, z));
    default: return z;
    }
}

/// Stores a finished tile at row `i0`, column `j0` of C (`cols` of its columns are live), adding C's
/// previous value when `add`, through epilogue `kind` with activation `act`. `kind` and `act` are constants
/// after inlining, so each combination compiles to straight-line code.
TK_FN void TK_(store_with)(
    const int rows, const int nvl, const TK_(tile) *t, T *c, long ldc, long i0, long j0, long cols, int add,
    const int kind, const int act, const tk_epilogue *x)
{
    MASK last = VMASK(cols - (nvl - 1) * VW);
    MASK full = VMASK(VW);
    V slope = VSET1((T)x->slope);
    V bias[NV], sums[NV];
#pragma unroll
    for (int v = 0; v < NV; v++) {
        if (v >= nvl) continue;
        MASK m = v == nvl - 1 ? last : full;
        if (kind == TK_EPILOGUE_BIAS_ACTIVATION) bias[v] = VLOADM((const T *)x->bias + j0 + v * VW, m);
        if (kind == TK_EPILOGUE_DERIVATIVE) sums[v] = VLOADM((T *)x->column_sums + j0 + v * VW, m);
    }
#pragma unroll
    for (int r = 0; r < MR; r++) {
        if (r >= rows) continue;
        long i = i0 + r;
#pragma unroll
        for (int v = 0; v < NV; v++) {
            if (v >= nvl) continue;
            MASK m = v == nvl - 1 ? last : full;
            long j = j0 + v * VW;
            T *cp = c + i * ldc + j;
            V value = t->v[r][v];
            if (add) value = VADD(VLOADM(cp, m), value);
            if (kind == TK_EPILOGUE_BIAS_ACTIVATION) value = VADD(value, bias[v]);
            VSTOREM(cp, m, value);
            if (kind == TK_EPILOGUE_BIAS_ACTIVATION) {
                VSTOREM((T *)x->h + i * x->ldh + j, m, TK_(activate)(act, value, slope));
            } else if (kind == TK_EPILOGUE_DERIVATIVE) {
                V g = VMUL(value, TK_(derivative)(act, VLOADM((const T *)x->f + i * x->ldf + j, m), slope));
                VSTOREM((T *)x->d + i * x->ldd + j, m, g);
                sums[v] = VADD(sums[v], g);
            }
        }
    }
    if (kind == TK_EPILOGUE_DERIVATIVE) {
#pragma unroll
        for (int v = 0; v < NV; v++)
            if (v < nvl) VSTOREM((T *)x->column_sums + j0 + v * VW, v == nvl - 1 ? last : full, sums[v]);
    }
}

/// Stores a finished tile through the epilogue `e` (none when null): one straight-line variant for each
/// epilogue and activation.
TK_FN void TK_(store)(
    const int rows, const int nvl, const TK_(tile) *t, T *c, long ldc, long i0, long j0, long cols, int add,
    const tk_epilogue *e)
{
#define TK_STORE(KIND, ADD, ACT) TK_(store_with)(rows, nvl, t, c, ldc, i0, j0, cols, ADD, KIND, ACT, &x)
    // The epilogue's fields in a local: the stores cannot then make the compiler read them again.
    const tk_epilogue none = {0};
    const tk_epilogue x = e ? *e : none;
    switch (x.kind * 3 + x.activation) {
    case TK_EPILOGUE_BIAS_ACTIVATION * 3 + TK_ACTIVATION_RELU:
        TK_STORE(TK_EPILOGUE_BIAS_ACTIVATION, add, TK_ACTIVATION_RELU); return;
    case TK_EPILOGUE_BIAS_ACTIVATION * 3 + TK_ACTIVATION_LEAKY_RELU:
        TK_STORE(TK_EPILOGUE_BIAS_ACTIVATION, add, TK_ACTIVATION_LEAKY_RELU); return;
    case TK_EPILOGUE_BIAS_ACTIVATION * 3 + TK_ACTIVATION_IDENTITY:
        TK_STORE(TK_EPILOGUE_BIAS_ACTIVATION, add, TK_ACTIVATION_IDENTITY); return;
    case TK_EPILOGUE_DERIVATIVE * 3 + TK_ACTIVATION_RELU:
        TK_STORE(TK_EPILOGUE_DERIVATIVE, add, TK_ACTIVATION_RELU); return;
    case TK_EPILOGUE_DERIVATIVE * 3 + TK_ACTIVATION_LEAKY_RELU:
        TK_STORE(TK_EPILOGUE_DERIVATIVE, add, TK_ACTIVATION_LEAKY_RELU); return;
    case TK_EPILOGUE_DERIVATIVE * 3 + TK_ACTIVATION_IDENTITY:
        TK_STORE(TK_EPILOGUE_DERIVATIVE, add, TK_ACTIVATION_IDENTITY); return;
    default:
        if (add) TK_STORE(TK_EPILOGUE_NONE, 1, TK_ACTIVATION_IDENTITY);
        else TK_STORE(TK_EPILOGUE_NONE, 0, TK_ACTIVATION_IDENTITY);
    }
#undef TK_STORE
}

/// One tile, computed and stored; `rows` and `nvl` are constants after inlining into the dispatch below.
TK_FN void TK_(tile_kernel)(
    const int rows, const int nvl, long kc, const T *a, long a_rs, long a_cs, const T *b, long b_ld,
    T *c, long ldc, long i0, long j0, long cols, int add, const tk_epilogue *e)
{
    TK_(tile) t;
    const MASK last = VMASK(cols - (nvl - 1) * VW);
    // Every tile starts from zero, except when it continues the running sums C holds (TK_CONTINUE).
#pragma unroll
    for (int r = 0; r < MR; r++)
#pragma unroll
        for (int v = 0; v < NV; v++)
            t.v[r][v] = add == TK_CONTINUE && r < rows && v < nvl
                ? VLOADM(c + (i0 + r) * ldc + j0 + v * VW, v == nvl - 1 ? last : VMASK(VW)) : VZERO();
    TK_(accumulate)(rows, nvl, kc, a, a_rs, a_cs, b, b_ld, last, &t);
    TK_(store)(rows, nvl, &t, c, ldc, i0, j0, cols, add == TK_ADD, e);
}

/// A tile kernel for every (rows, live vectors) pair, each compiled with its loops fully unrolled: up to
/// two vectors of columns and MR (6 or 10) rows.
#define TK_CASE_NV(R, N) \
    case N: TK_(tile_kernel)(R, N, kc, a, a_rs, a_cs, b, b_ld, c, ldc, i0, j0, cols, add, e); return;
#define TK_CASE_ROWS(R) \
    case R: switch (nvl) { TK_NV_CASES(R) } return;
#if NV != 2
#error "the dispatch below has cases for NV = 2"
#endif
#define TK_NV_CASES(R) TK_CASE_NV(R, 1) TK_CASE_NV(R, 2)
#define TK_ROWS_1_TO_6 TK_CASE_ROWS(1) TK_CASE_ROWS(2) TK_CASE_ROWS(3) TK_CASE_ROWS(4) TK_CASE_ROWS(5) TK_CASE_ROWS(6)
#if MR == 6
#define TK_ROW_CASES TK_ROWS_1_TO_6
#elif MR == 10
#define TK_ROW_CASES TK_ROWS_1_TO_6 TK_CASE_ROWS(7) TK_CASE_ROWS(8) TK_CASE_ROWS(9) TK_CASE_ROWS(10)
#else
#error "the dispatch below has cases for MR = 6 and MR = 10"
#endif

static __attribute__((noinline)) TK_KERNEL void TK_(dispatch)(
    int rows, int nvl, long kc, const T *a, long a_rs, long a_cs, const T *b, long b_ld,
    T *c, long ldc, long i0, long j0, long cols, int add, const tk_epilogue *e)
{
    switch (rows) { TK_ROW_CASES }
}

/// Copies rows `p0 ..< p0+kc`, columns `j0 ..< j0+cols` of B into one micro-panel of `width` columns
/// (whole vectors), zero-padded.
TK_FN void TK_(pack_b_panel)(const tk_gemm *g, long p0, long kc, long j0, long cols, long width, T *panel) {
    if (g->b_cs == 1) {
        for (long p = 0; p < kc; p++) {
            const T *row = ((const T *)g->b) + (p0 + p) * g->b_rs + j0;
            T *out = panel + p * width;
            for (long q = 0; q < cols; q++) out[q] = row[q];
            for (long q = cols; q < width; q++) out[q] = 0;
        }
    } else {
        // Row by row of the panel, so the writes are contiguous (a column-by-column loop vectorises into
        // scatters); the reads of a transposed B then stride through memory, but it is a small block.
        for (long p = 0; p < kc; p++) {
            const T *row = ((const T *)g->b) + (p0 + p) * g->b_rs + j0 * g->b_cs;
            T *out = panel + p * width;
            for (long q = 0; q < cols; q++) out[q] = row[q * g->b_cs];
            for (long q = cols; q < width; q++) out[q] = 0;
        }
    }
}

/// Copies rows `i0 ..< i0+mc`, columns `p0 ..< p0+kc` of A into MR-row micro-panels (depth-major).
TK_FN void TK_(pack_a)(const tk_gemm *g, long i0, long mc, long p0, long kc, T *packed) {
    for (long ir = 0; ir < mc; ir += MR) {
        long live = mc - ir < MR ? mc - ir : MR;
        T *panel = packed + ir * kc;
        for (long r = 0; r < live; r++) {
            const T *row = ((const T *)g->a) + (i0 + ir + r) * g->a_rs + p0 * g->a_cs;
            for (long p = 0; p < kc; p++) panel[p * MR + r] = row[p * g->a_cs];
        }
    }
}

static TK_KERNEL void TK_(gemm)(const tk_gemm *g) {
    const long m = g->m, n = g->n, k = g->k;
    for (long jc = 0; jc < n; jc += TK_NC) {
        const long nc = n - jc < TK_NC ? n - jc : TK_NC;
        for (long pc = 0; pc < k; pc += TK_KC) {
            const long kc = k - pc < TK_KC ? k - pc : TK_KC;
            const int add = pc > 0 ? TK_ADD : (int)g->accumulate;
            const tk_epilogue *e = pc + kc == k && g->epilogue.kind != TK_EPILOGUE_NONE ? &g->epilogue : 0;
            // B's rows are read in place when they are contiguous and the block is narrow (a tail narrower
            // than NR through a masked load where that is free, TK_MASKED_TAIL); otherwise B is packed into
            // zero-padded micro-panels of whole vectors, so no tile loads past B's last column.
            const int direct_b = g->b_cs == 1 && nc <= 256;
            for (long jr = 0; jr < nc; jr += NR) {
                const long cols = nc - jr < NR ? nc - jr : NR;
                if (!direct_b || (cols < NR && !TK_MASKED_TAIL))
                    TK_(pack_b_panel)(g, pc, kc, jc + jr, cols, (cols + VW - 1) / VW * VW, (T *)g->pack_b + jr * kc);
            }
            // A is read in place when a column of the tile is contiguous, or a row is and the block is
            // shallow; otherwise each MC-row block is packed once and used for every panel of B.
            const int direct_a = g->a_rs == 1 || (g->a_cs == 1 && kc <= 64);
            for (long ic = 0; ic < m; ic += TK_MC) {
                const long mc = m - ic < TK_MC ? m - ic : TK_MC;
                if (!direct_a) TK_(pack_a)(g, ic, mc, pc, kc, (T *)g->pack_a);
                for (long jr = 0; jr < nc; jr += NR) {
                    const long cols = nc - jr < NR ? nc - jr : NR;
                    const int nvl = (int)((cols + VW - 1) / VW);
                    const int packed_b = !direct_b || (cols < NR && !TK_MASKED_TAIL);
                    const T *b = packed_b ? (const T *)g->pack_b + jr * kc : ((const T *)g->b) + pc * g->b_rs + jc + jr;
                    const long b_ld = packed_b ? nvl * VW : g->b_rs;
                    for (long ir = 0; ir < mc; ir += MR) {
                        const int rows = (int)(mc - ir < MR ? mc - ir : MR);
                        if (direct_a) {
                            const T *a = ((const T *)g->a) + (ic + ir) * g->a_rs + pc * g->a_cs;
                            TK_(dispatch)(rows, nvl, kc, a, g->a_rs, g->a_cs, b, b_ld, (T *)g->c, g->ldc, ic + ir,
                                          jc + jr, cols, add, e);
                        } else {
                            TK_(dispatch)(rows, nvl, kc, (T *)g->pack_a + ir * kc, 1, MR, b, b_ld, (T *)g->c, g->ldc,
                                          ic + ir, jc + jr, cols, add, e);
                        }
                    }
                }
            }
        }
    }
}
