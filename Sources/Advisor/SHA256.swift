internal import CSHA256

/// SHA-256 (FIPS 180-4), to fingerprint the rule files an assessment used. Small enough not to need a
/// cryptography package for one checksum. Blocks go to the processor's SHA instructions where it has them
/// (CSHA256), else to the portable code below.
public struct SHA256: Sendable {
    private var state: [UInt32] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ]
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    /// The round constants, from the C code's table (one copy of them).
    private static let k: [UInt32] = withUnsafeBytes(of: csha256_k) { Array($0.bindMemory(to: UInt32.self)) }

    /// Whether blocks go to the processor's SHA instructions (tests compare both ways).
    let hardware: Bool

    static let hardwareAvailable = csha256_hardware_available() == 1

    public init() { hardware = Self.hardwareAvailable }

    init(portable: Bool) { hardware = portable ? false : Self.hardwareAvailable }

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        // Hashing works on contiguous bytes; rule files arrive as Data or arrays, which need no copy.
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    private mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var start = 0
        if !buffer.isEmpty {
            let take = min(64 - buffer.count, bytes.count)
            buffer.append(contentsOf: bytes[0..<take])
            start = take
            if buffer.count == 64 {
                let block = buffer
                block.withUnsafeBytes { compress(blocks: $0) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        let whole = (bytes.count - start) / 64 * 64
        if whole > 0 {
            compress(blocks: UnsafeRawBufferPointer(rebasing: bytes[start..<start + whole]))
            start += whole
        }
        buffer.append(contentsOf: bytes[start...])
    }

    public mutating func finalize() -> String {
        let bitLength = length &* 8
        buffer.append(0x80)
        while buffer.count % 64 != 56 { buffer.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { buffer.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        let tail = buffer
        tail.withUnsafeBytes { bytes in
            compress(blocks: bytes)
        }
        buffer.removeAll()
        return state.map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }

    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Whole 64-byte blocks.
    private mutating func compress(blocks: UnsafeRawBufferPointer) {
        guard blocks.count >= 64 else { return }
        if hardware {
            let count = blocks.count / 64
            state.withUnsafeMutableBufferPointer { words in
                csha256_hardware_blocks(words.baseAddress, blocks.baseAddress?.assumingMemoryBound(to: UInt8.self), count)
            }
            return
        }
        for start in stride(from: 0, to: blocks.count - 63, by: 64) {
            compress(UnsafeRawBufferPointer(rebasing: blocks[start..<start + 64]))
        }
    }

    /// One 64-byte block; the message schedule lives on the stack, so hashing a large table allocates nothing.
    /// Unchecked pointer arithmetic and local state: with array subscripts the rule files' checksum cost as much
    /// as parsing them.
    private mutating func compress(_ block: UnsafeRawBufferPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { buffer in
            let w = buffer.baseAddress!
            let bytes = block.baseAddress!
            for i in 0..<16 { w[i] = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)) }
            for i in 16..<64 {
                let s0 = Self.rotr(w[i - 15], 7) ^ Self.rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = Self.rotr(w[i - 2], 17) ^ Self.rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            state.withUnsafeMutableBufferPointer { stateBuffer in
                let h0 = stateBuffer.baseAddress!
                var (a, b, c, d, e, f, g, h) = (h0[0], h0[1], h0[2], h0[3], h0[4], h0[5], h0[6], h0[7])
                Self.k.withUnsafeBufferPointer { kBuffer in
                    let k = kBuffer.baseAddress!
                    for i in 0..<64 {
                        let s1 = Self.rotr(e, 6) ^ Self.rotr(e, 11) ^ Self.rotr(e, 25)
                        let ch = (e & f) ^ (~e & g)
                        let t1 = h &+ s1 &+ ch &+ k[i] &+ w[i]
                        let s0 = Self.rotr(a, 2) ^ Self.rotr(a, 13) ^ Self.rotr(a, 22)
                        let maj = (a & b) ^ (a & c) ^ (b & c)
                        let t2 = s0 &+ maj
                        (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
                    }
                }
                h0[0] &+= a; h0[1] &+= b; h0[2] &+= c; h0[3] &+= d
                h0[4] &+= e; h0[5] &+= f; h0[6] &+= g; h0[7] &+= h
            }
        }
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 &- n)) }
}
