/// The quantiles of a run's samples from a histogram, without moving them. Selection (`TimelineSimulation.quantiles`)
/// partitions ten thousand values around a pivot whose comparisons the processor cannot predict. Here one pass
/// counts the values into equal-width buckets over the range of a sample of them (values beyond it go to the end
/// buckets), and one copies out the few values of the buckets that hold the wanted order statistics, which are then
/// sorted. An order statistic is one value whatever finds it, so the quantiles are the selection's to the bit.
enum BucketQuantiles {
    static let buckets = 1024

    /// The interpolated quantiles (type 7) of `values`, or nil where selection is left to do it: fewer than 256
    /// values, a NaN, a negative zero beside a wanted order statistic (its order against zero is not defined), or
    /// a wanted order statistic in a bucket holding more than a quarter of the values.
    static func quantiles(in values: UnsafeBufferPointer<Double>, _ ps: [Double]) -> [Double]? {
        let n = values.count
        guard n >= 256 else { return nil }
        // Order statistics wanted: each quantile's lower one and the next.
        var ranks: [Int] = []
        for p in ps {
            let lower = Int((Double(n - 1) * p).rounded(.down))
            guard lower >= 0, lower < n else { return nil }
            ranks.append(lower)
            if lower + 1 < n { ranks.append(lower + 1) }
        }
        // The buckets span a sample's range: 256 values spread over the run.
        var low = Double.infinity, high = -Double.infinity
        let stride = n / 256
        for i in Swift.stride(from: 0, to: n, by: stride) {
            let v = values[i]
            if v < low { low = v }
            if v > high { high = v }
        }
        let scale = Double(buckets) / (high - low)
        // Equal sample values (or an infinite range) leave no width to spread over: every value would share one
        // crowded bucket.
        guard scale.isFinite, scale > 0 else { return nil }
        // Raw buffers: the arrays' uniqueness and bounds checks in the two passes cost a third of their work.
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: buckets)
        counts.initialize(repeating: 0, count: buckets)
        defer { counts.deallocate() }
        // Every place is written by the counting pass: no zeroing first.
        let bucketOf = UnsafeMutablePointer<UInt16>.allocate(capacity: n)
        defer { bucketOf.deallocate() }
        guard count(values, low: low, scale: scale, into: bucketOf, counts: counts) else { return nil }
        var starts = [Int](repeating: 0, count: buckets)
        var total = 0
        for b in 0..<buckets {
            starts[b] = total
            total += counts[b]
        }
        /// The bucket holding the order statistic of `rank`: the last whose values start at or before it.
        func bucket(holding rank: Int) -> Int {
            var b = 0, upper = buckets - 1
            while b < upper {
                let middle = (b + upper + 1) / 2
                if starts[middle] <= rank { b = middle } else { upper = middle - 1 }
            }
            return b
        }
        // The wanted buckets' values go to one buffer, a stretch per bucket in bucket order; `slot` numbers the
        // wanted buckets from 1 (0: not wanted).
        let slot = UnsafeMutablePointer<UInt8>.allocate(capacity: buckets)
        slot.initialize(repeating: 0, count: buckets)
        defer { slot.deallocate() }
        var wanted: [Int] = []
        for rank in ranks {
            let b = bucket(holding: rank)
            guard counts[b] <= n / 4 else { return nil }
            if !wanted.contains(b) { wanted.append(b) }
        }
        // Slots are bytes; only a caller asking for a hundred quantiles at once could want more buckets.
        guard wanted.count < 256 else { return nil }
        wanted.sort()
        var first = [0], inside = 0
        for (index, b) in wanted.enumerated() {
            slot[b] = UInt8(index + 1)
            inside += counts[b]
            first.append(inside)
        }
        let copied = UnsafeMutableBufferPointer<Double>.allocate(capacity: inside)
        defer { copied.deallocate() }
        var next = first
        next.withUnsafeMutableBufferPointer { next in
            guard let source = values.baseAddress, let into = copied.baseAddress, let next = next.baseAddress else { return }
            func copy(_ i: Int) {
                let s = Int(slot[Int(bucketOf[i])])
                if s != 0 {
                    into[next[s - 1]] = source[i]
                    next[s - 1] += 1
                }
            }
            // Four buckets at a time, as the lanes of one word: a lane equal to a wanted bucket is a zero lane of the
            // word XOR that bucket in every lane, which (w - 1…) & ~w & 8000… finds for all lanes at once (exactly
            // whether there is one; buckets are below 0x8000). Most words hold none, and are passed over whole.
            let ones: UInt64 = 0x0001_0001_0001_0001, highs: UInt64 = 0x8000_8000_8000_8000
            var patterns = wanted.map { UInt64($0) &* ones }
            // Repeating a bucket changes nothing: two or four patterns, each tested without a loop over them.
            if let first = patterns.first {
                while patterns.count < (patterns.count <= 2 ? 2 : 4) { patterns.append(first) }
            }
            let words = n / 4
            let raw = UnsafeRawPointer(bucketOf)
            if patterns.count == 2 {
                let (a, b) = (patterns[0], patterns[1])
                for j in 0..<words {
                    let word = raw.loadUnaligned(fromByteOffset: j * 8, as: UInt64.self)
                    let x = word ^ a, y = word ^ b
                    if (x &- ones) & ~x & highs | (y &- ones) & ~y & highs != 0 {
                        for i in (4 * j)..<(4 * j + 4) { copy(i) }
                    }
                }
            } else if patterns.count == 4 {
                let (a, b, c, d) = (patterns[0], patterns[1], patterns[2], patterns[3])
                for j in 0..<words {
                    let word = raw.loadUnaligned(fromByteOffset: j * 8, as: UInt64.self)
                    let x = word ^ a, y = word ^ b, z = word ^ c, w = word ^ d
                    if (x &- ones) & ~x & highs | (y &- ones) & ~y & highs | (z &- ones) & ~z & highs
                        | (w &- ones) & ~w & highs != 0 {
                        for i in (4 * j)..<(4 * j + 4) { copy(i) }
                    }
                }
            } else {
                for i in 0..<(4 * words) { copy(i) }
            }
            for i in (4 * words)..<n { copy(i) }
        }
        let negativeZeroBits = (-0.0 as Double).bitPattern
        guard !copied.contains(where: { $0.bitPattern == negativeZeroBits }) else { return nil }
        for index in wanted.indices {
            var stretch = UnsafeMutableBufferPointer(rebasing: copied[first[index]..<first[index + 1]])
            stretch.sort()
        }
        let statistic = { (rank: Int) -> Double in
            let b = bucket(holding: rank)
            return copied[first[Int(slot[b]) - 1] + rank - starts[b]]
        }
        return ps.map { p in
            let h = Double(n - 1) * p
            let lower = Int(h.rounded(.down))
            let low = statistic(lower)
            guard lower + 1 < n else { return low }
            let next = statistic(lower + 1)
            return low + (h - Double(lower)) * (next - low)
        }
    }

    /// Counts the values into the buckets over `low`..., `scale` buckets per unit, noting each value's bucket;
    /// false when a value is NaN.
    private static func count(_ values: UnsafeBufferPointer<Double>, low: Double, scale: Double,
                              into bucketOf: UnsafeMutablePointer<UInt16>, counts: UnsafeMutablePointer<Int>) -> Bool {
        guard let source = values.baseAddress else { return true }
        let top = Double(buckets - 1)
        // Adding 2^52 leaves round(x) in the low bits of the sum for 0 <= x < 2^20: a bucket without the checks of
        // a conversion to Int, and rounding keeps the bucketing monotone.
        let magic = 4_503_599_627_370_496.0
        // A NaN fails every comparison: it is noted apart (`x == x` false) and lands in the first bucket. A
        // negative zero shares its bucket with zero, so it is looked for only among the values copied out.
        // Four values at a time in vector registers: each lane does the scalar operations (no fused multiply-add),
        // so every value gets the bucket it would get alone.
        typealias Lanes = SIMD4<Double>
        let (lows, scales, tops, magics) = (Lanes(repeating: low), Lanes(repeating: scale), Lanes(repeating: top),
                                            Lanes(repeating: magic))
        var nan = SIMDMask<SIMD4<Int64>>(repeating: false)
        let quads = values.count / 4
        let raw = UnsafeRawPointer(source)
        for j in 0..<quads {
            // Monotone in the value: (v - low) * scale never decreases as v grows, and equal values share a
            // bucket; those below the sample's range go to the first, those above to the last.
            let x = (raw.loadUnaligned(fromByteOffset: j * 32, as: Lanes.self) - lows) * scales
            nan .|= x .!= x
            let positive = x.replacing(with: 0, where: .!(x .> 0))
            let clamped = positive.replacing(with: tops, where: .!(positive .< tops))
            let b = unsafeBitCast(clamped + magics, to: SIMD4<UInt64>.self) & 0x3FF
            for k in 0..<4 {
                let bucket = Int(truncatingIfNeeded: b[k])
                bucketOf[4 * j + k] = UInt16(truncatingIfNeeded: bucket)
                counts[bucket] &+= 1
            }
        }
        var nans = any(nan) ? 1 : 0
        for i in (4 * quads)..<values.count {
            let x = (source[i] - low) * scale
            nans &+= x == x ? 0 : 1
            let positive = x > 0 ? x : 0
            let clamped = positive < top ? positive : top
            let b = Int(truncatingIfNeeded: (clamped + magic).bitPattern & 0x3FF)
            bucketOf[i] = UInt16(truncatingIfNeeded: b)
            counts[b] &+= 1
        }
        return nans == 0
    }
}
