/// Little-endian integers, varints and strings appended to a byte array: the writing half of a compact binary form
/// (the rule set's on-disk cache).
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func byte(_ value: UInt8) { bytes.append(value) }

    public mutating func varint(_ value: Int) {
        var rest = UInt64(UInt(bitPattern: value))
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    public mutating func uint64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    public mutating func string(_ value: String) {
        varint(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    public mutating func raw(_ value: some Sequence<UInt8>) { bytes.append(contentsOf: value) }

    /// A count, then each string (what `ByteReader.strings` reads).
    public mutating func strings(_ values: some Collection<String>) {
        varint(values.count)
        for value in values { string(value) }
    }
}

/// Reads what `ByteWriter` wrote, checking every length against the bytes left: a damaged or foreign input makes a
/// read return nil, never a read past the end or an allocation sized by garbage.
public struct ByteReader {
    public let buffer: UnsafeRawBufferPointer
    public private(set) var position = 0

    public init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

    public var remaining: Int { buffer.count - position }

    public mutating func byte() -> UInt8? {
        guard position < buffer.count else { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    /// A non-negative varint of at most 9 bytes (63 bits).
    @inline(__always)
    public mutating func varint() -> Int? {
        var value = 0
        var shift = 0
        while position < buffer.count, shift < 63 {
            let b = buffer[position]
            position += 1
            value |= Int(b & 0x7F) << shift
            if b < 0x80 { return value >= 0 ? value : nil }
            shift += 7
        }
        return nil
    }

    /// A count of items that each take at least `itemBytes` bytes: more than the bytes left is damage.
    @inline(__always)
    public mutating func count(itemBytes: Int = 1) -> Int? {
        guard let n = varint(), n <= remaining / max(itemBytes, 1) else { return nil }
        return n
    }

    public mutating func uint64() -> UInt64? {
        guard remaining >= 8 else { return nil }
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(buffer[position + index]) << UInt64(8 * index) }
        position += 8
        return value
    }

    public mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer? {
        guard count >= 0, count <= remaining else { return nil }
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: buffer[position..<position + count])
    }

    public mutating func string() -> String? {
        guard let length = varint(), let raw = bytes(length) else { return nil }
        return String(decoding: raw, as: UTF8.self)
    }

    /// What `ByteWriter.strings` wrote.
    public mutating func strings() -> [String]? {
        guard let count = count() else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(count)
        for _ in 0..<count {
            guard let string = string() else { return nil }
            strings.append(string)
        }
        return strings
    }
}

/// A fast 64-bit hash of bytes (multiply-xorshift over 8-byte words), to notice a damaged cache file; not for
/// anything an adversary chooses (whoever can write the cache folder can write anything there).
public func fastHash64(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    let words = bytes.count / 8
    func mix(_ v: UInt64) {
        h = (h ^ v) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
    }
    for index in 0..<words { mix(bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self).littleEndian) }
    var tail: UInt64 = 0
    for index in (words * 8)..<bytes.count { tail |= UInt64(bytes[index]) << UInt64(8 * (index - words * 8)) }
    mix(tail)
    h = (h ^ (h >> 33)) &* 0x94D0_49BB_1331_11EB
    return h ^ (h >> 29)
}
