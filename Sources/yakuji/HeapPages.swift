import CHeap

/// The command's heap, grown once at the start and backed by transparent huge pages. A cold assessment makes tens of
/// thousands of decision-diagram nodes and reads them in no particular order: on 4 KiB pages the kernel's page
/// faults were a sixth of its CPU time and the table lookups missed the TLB. Measured on the empty answer file
/// (two-core machine, median of 21 runs): 5,517 page faults and 69.6 ms of CPU before, 1,259 and 59.0 ms after.
/// Where the C library is not glibc or the kernel declines, nothing changes.
enum HeapPages {
    /// More than a cold assessment of the bundled rules uses (about 35 MiB); only the pages touched are memory.
    static let region = 64 << 20

    static func prepare() { _ = yakuji_heap_use_huge_pages(region) }
}
