#ifndef ALLOCATION_COUNTER_H
#define ALLOCATION_COUNTER_H

/// The number of calls to malloc, calloc, realloc and aligned allocation made by the process so far.
/// Counting is done by interposing the allocator in the benchmark executable (glibc only; elsewhere the
/// count stays 0 and the benchmark says so).
unsigned long allocation_count(void);

/// 1 when allocations are being counted on this platform.
int allocation_counting_available(void);

#endif
