/// A lossy memo from operation keys to nodes, as decision-diagram packages keep: a slot holds the last key that hashed
/// to it, and a miss only costs recomputation (which makes no node: the first computation made them all).
///
/// It starts small and the diagram grows it with its node table: a diagram is made per evaluation (hundreds in a
/// batch), and clearing a table sized for the largest evaluation cost more than most evaluations' work.
struct DiagramCache {
    private var keys: DiagramBuffer<UInt64>
    private var values: DiagramBuffer<Int32>
    /// 64 minus log2 of the number of slots: a slot is the top bits of the key's multiplicative hash.
    private var shift: UInt64

    /// Slots for no key (`.max`, which no operation's key reaches).
    init(count: Int) {
        keys = DiagramBuffer(repeating: .max, count: count)
        values = DiagramBuffer(repeating: 0, count: count)
        shift = UInt64(64 - count.trailingZeroBitCount)
    }

    func free() {
        keys.free()
        values.free()
    }

    var count: Int { keys.count }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inline(__always)
    func value(for key: UInt64) -> Int32? {
        let i = slot(key)
        return keys[i] == key ? values[i] : nil
    }

    @inline(__always)
    func store(_ value: Int32, for key: UInt64) {
        let i = slot(key)
        keys[i] = key
        values[i] = value
    }

    /// Grows to `count` slots (a power of two), keeping the entries that still fit.
    mutating func grow(to count: Int) {
        let old = self
        self = DiagramCache(count: count)
        for i in 0..<old.count where old.keys[i] != .max { store(old.values[i], for: old.keys[i]) }
        old.free()
    }
}
