import Foundation

/// xoshiro256** seeded through SplitMix64: the same seed gives the same sequence on every run and platform,
/// which `SystemRandomNumberGenerator` does not.
struct SeededRandom: RandomNumberGenerator {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    /// The second normal of the last pair drawn.
    private var spareNormal: Double?

    init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Standard normal by Marsaglia's polar method (no trigonometry; the pair's second value is kept).
    mutating func normal() -> Double {
        if let spare = spareNormal {
            spareNormal = nil
            return spare
        }
        let (first, second) = normalPair()
        spareNormal = second
        return first
    }

    /// The next `buffer.count` values of `normal()`, in order: a long stream is drawn a pair at a time, without
    /// parking every second value in `spareNormal`.
    mutating func fillNormals(_ buffer: UnsafeMutableBufferPointer<Double>) {
        var i = 0
        if i < buffer.count, let spare = spareNormal {
            spareNormal = nil
            buffer[i] = spare
            i += 1
        }
        while i + 1 < buffer.count {
            (buffer[i], buffer[i + 1]) = normalPair()
            i += 2
        }
        if i < buffer.count { buffer[i] = normal() }
    }

    private mutating func normalPair() -> (Double, Double) {
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            guard s > 0 && s < 1 else { continue }
            let factor = (-2 * log(s) / s).squareRoot()
            return (u * factor, v * factor)
        }
    }
}
