#include "cheap.h"

#include <stdint.h>
#include <stdlib.h>

#if defined(__linux__) && defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

int yakuji_heap_use_huge_pages(size_t region) {
    const uintptr_t huge = (uintptr_t)2 << 20;
    if (region > (size_t)1 << 30) return -1;
    // Large blocks from the heap too: a block mapped on its own is faulted in page by page and unmapped when freed.
    // Some glibc versions refuse a threshold over 32 MiB; that ceiling still keeps an assessment's blocks in the heap.
    if (!mallopt(M_MMAP_THRESHOLD, 256 << 20)) (void)mallopt(M_MMAP_THRESHOLD, 32 << 20);
    // The heap grows by `region` at a time, so one growth, made now by the probe, covers a whole assessment.
    if (!mallopt(M_TOP_PAD, (int)region)) return -1;
    void *probe = malloc((size_t)1 << 20);
    if (probe == NULL) return -1;
    uintptr_t start = ((uintptr_t)probe + huge - 1) & ~(huge - 1);
    uintptr_t end = (uintptr_t)sbrk(0) & ~(huge - 1);
    int result = -1;
    // The probe lies in the heap below its end unless the heap could not grow in place (then it is mapped apart).
    if ((uintptr_t)probe < end && end > start && madvise((void *)start, end - start, MADV_HUGEPAGE) == 0) result = 0;
    free(probe);
    return result;
}

#else

int yakuji_heap_use_huge_pages(size_t region) {
    (void)region;
    return -1;
}

#endif
