/// Positions of distinct strings in an array the caller keeps, found by a hash of their UTF-8 bytes a word at a
/// time: evaluation looks names up in scopes and values up in table columns far more often than it adds them, and
/// a lookup here costs a fraction of a `Dictionary<String, Int>` one (whose hasher is set up per lookup). Seeded
/// per process, as `Hasher` is, so that no input can be made to collide on purpose.
struct StringIndex: Sendable {
    /// Open addressing, linear probing: a position + 1, 0 for an empty slot. At most half full.
    private var slots: [Int32]
    private var count = 0

    init(_ keys: [String]) {
        slots = []
        rebuild(keys)
    }

    /// The position in `keys` (the array this index was built from, as it stands) of `key`.
    @inline(__always)
    func position(of key: String, in keys: [String]) -> Int? {
        let mask = slots.count - 1
        var slot = Self.hash(key) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { return nil }
            if keys[stored - 1] == key { return stored - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// Records that `keys[position]` was appended to `keys` (which it now holds).
    mutating func append(position: Int, of keys: [String]) {
        if (count + 1) * 2 > slots.count { rebuild(keys); return }
        place(keys[position], position)
    }

    mutating func rebuild(_ keys: [String]) {
        var size = 4
        while size < keys.count * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        count = 0
        for (position, key) in keys.enumerated() { place(key, position) }
    }

    private mutating func place(_ key: String, _ position: Int) {
        let mask = slots.count - 1
        var slot = Self.hash(key) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(position + 1)
        count += 1
    }

    private static let seed = UInt64.random(in: .min ... .max) | 1

    @inline(__always)
    static func hash(_ key: String) -> Int {
        key.utf8.withContiguousStorageIfAvailable(hash) ?? Array(key.utf8).withUnsafeBufferPointer(hash)
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var h = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        guard let base = bytes.baseAddress else { return Int(truncatingIfNeeded: h) }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            for k in offset..<bytes.count { tail = tail << 8 | UInt64(bytes[k]) }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
            h ^= h >> 31
        }
        h = (h ^ (h >> 32)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}
