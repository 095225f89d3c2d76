#include "allocation_counter.h"
#include <stddef.h>
#include <stdlib.h>

#if defined(__GLIBC__)
#include <stdatomic.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void *__libc_memalign(size_t alignment, size_t size);

static atomic_ulong counter;

void *malloc(size_t size) {
    atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed);
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed);
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed);
    return __libc_realloc(pointer, size);
}

int posix_memalign(void **result, size_t alignment, size_t size) {
    atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed);
    void *pointer = __libc_memalign(alignment, size);
    if (pointer == NULL) return 12; /* ENOMEM */
    *result = pointer;
    return 0;
}

unsigned long allocation_count(void) { return atomic_load_explicit(&counter, memory_order_relaxed); }
int allocation_counting_available(void) { return 1; }
#else
unsigned long allocation_count(void) { return 0; }
int allocation_counting_available(void) { return 0; }
#endif
