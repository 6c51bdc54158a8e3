#ifndef CHEAP_H
#define CHEAP_H

#include <stddef.h>

/// Grows the main heap by `region` bytes now and asks the kernel to back that region with transparent huge pages;
/// allocations of up to 256 MiB are then served from the heap rather than mapped one by one. Returns 0 and the
/// advised range, or -1 (nothing advised: another C library, no contiguous heap, or the kernel refused).
int yakuji_heap_use_huge_pages(size_t region, void **advised_start, size_t *advised_length);

#endif
