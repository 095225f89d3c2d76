#ifndef CPU_FEATURES_H
#define CPU_FEATURES_H

/// 1 when the processor and the operating system support AVX2 and FMA3 (x86-64-v3), else 0.
/// Always 0 on other architectures.
int cpu_supports_avx2_fma(void);

#endif
