#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable run of plain values for the decision diagram's tables (and the bytes of a JSON document), read and
/// written without the bounds, uniqueness and exclusivity checks an `Array` stored in a class pays on every access:
/// the diagram touches its tables millions of times per assessment, and those checks cost more than the work. Indices are the diagram's
/// own (node ids, child offsets), always in range; the owner frees the storage (`free`) in its `deinit`.
/// The storage is the C library's (`malloc`): growing it is a `realloc`, which extends a block in place where the
/// heap has room after it rather than copying the whole table, as a cold assessment's diagram grows to megabytes.
struct DiagramBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = Self.allocate(self.capacity)
    }

    private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<Element> {
        guard let memory = malloc(capacity * MemoryLayout<Element>.stride) else { fatalError("out of memory") }
        return memory.bindMemory(to: Element.self, capacity: capacity)
    }

    init(repeating value: Element, count: Int) {
        self.init(capacity: count)
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    func free() { cFree(base) }

    subscript(_ i: Int) -> Element {
        @inline(__always) get {
            assert(i >= 0 && i < count)
            return base[i]
        }
        @inline(__always) nonmutating set {
            assert(i >= 0 && i < count)
            base[i] = newValue
        }
    }

    @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { reserve(count + 1) }
        base[count] = value
        count += 1
    }

    // The diagram appends a node's few children (two to a few dozen) at a time: a plain loop, inlined, costs less
    // than the call into the library's bulk initialisers.
    @inline(__always)
    mutating func append(repeating value: Element, count n: Int) {
        if count + n > capacity { reserve(count + n) }
        for i in 0..<n { base[count + i] = value }
        count += n
    }

    /// Appends values from outside this buffer in one copy: the long runs (a JSON document's strings) that a loop
    /// would copy one at a time.
    mutating func append(contentsOf source: UnsafeBufferPointer<Element>) {
        guard let from = source.baseAddress, !source.isEmpty else { return }
        if count + source.count > capacity { reserve(count + source.count) }
        (base + count).initialize(from: from, count: source.count)
        count += source.count
    }

    /// Appends `n` values read from `source` (which may lie in this buffer: it is read before any move).
    @inline(__always)
    mutating func append(copying source: UnsafePointer<Element>, count n: Int) {
        if count + n > capacity {
            let copy = Array(UnsafeBufferPointer(start: source, count: n))
            reserve(count + n)
            copy.withUnsafeBufferPointer { (base + count).initialize(from: $0.baseAddress!, count: n) }
        } else {
            for i in 0..<n { base[count + i] = source[i] }
        }
        count += n
    }

    @inline(__always)
    mutating func removeLast(_ n: Int) {
        assert(n <= count)
        count -= n
    }

    @inline(never)
    private mutating func reserve(_ needed: Int) {
        var bigger = capacity * 2
        while bigger < needed { bigger *= 2 }
        guard let memory = realloc(base, bigger * MemoryLayout<Element>.stride) else { fatalError("out of memory") }
        base = memory.bindMemory(to: Element.self, capacity: bigger)
        capacity = bigger
    }
}

/// The C library's `free`, which `DiagramBuffer.free()` hides inside the buffer.
private func cFree(_ memory: UnsafeMutableRawPointer) {
    #if canImport(Glibc)
    Glibc.free(memory)
    #else
    Darwin.free(memory)
    #endif
}
