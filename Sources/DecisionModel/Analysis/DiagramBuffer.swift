/// A growable run of plain values for the decision diagram's tables (and the bytes of a JSON document), read and
/// written without the bounds, uniqueness and exclusivity checks an `Array` stored in a class pays on every access:
/// the diagram touches its tables millions of times per assessment, and those checks cost more than the work. Indices are the diagram's
/// own (node ids, child offsets), always in range; the owner frees the storage (`free`) in its `deinit`.
struct DiagramBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    init(repeating value: Element, count: Int) {
        self.init(capacity: count)
        base.initialize(repeating: value, count: count)
        self.count = count
    }

    func free() { base.deallocate() }

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
        let fresh = UnsafeMutablePointer<Element>.allocate(capacity: bigger)
        fresh.moveInitialize(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = bigger
    }
}
