#ifndef CHEAP_H
#define CHEAP_H

#include <stddef.h>

/// Grows the main heap by `region` bytes now and asks the kernel to back that region with transparent huge pages;
/// allocations of up to 256 MiB (32 MiB where glibc caps it) are then served from the heap rather than mapped one
/// by one. Returns 0, or -1 when nothing was advised (another C library, a region over 1 GiB, no contiguous heap,
/// or the kernel refused).
int yakuji_heap_use_huge_pages(size_t region);

#endif
