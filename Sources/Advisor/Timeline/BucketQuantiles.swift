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
        let top = Double(buckets - 1)
        var counts = [Int](repeating: 0, count: buckets)
        // Every place is written by the counting pass: no zeroing first.
        var bucketOf = [UInt16](unsafeUninitializedCapacity: n) { _, initialized in initialized = n }
        // Adding 2^52 leaves round(x) in the low bits of the sum for 0 <= x < 2^20: a bucket without the checks of
        // a conversion to Int, and rounding keeps the bucketing monotone.
        let magic = 4_503_599_627_370_496.0
        // A NaN fails every comparison: it is counted apart (`x == x` false), without a branch (it lands in the last
        // bucket). A negative zero shares its bucket with zero, so it is looked for only among the values
        // copied out below.
        var nans = 0
        counts.withUnsafeMutableBufferPointer { counts in
            bucketOf.withUnsafeMutableBufferPointer { bucketOf in
                guard let source = values.baseAddress, let count = counts.baseAddress,
                      let into = bucketOf.baseAddress else { return }
                for i in 0..<n {
                    // Monotone in the value: (v - low) * scale never decreases as v grows, and equal values share a
                    // bucket; those below the sample's range go to the first, those above to the last.
                    let x = (source[i] - low) * scale
                    nans &+= x == x ? 0 : 1
                    let clamped = x < top ? (x > 0 ? x : 0) : top
                    let b = Int(truncatingIfNeeded: (clamped + magic).bitPattern & 0x3FF)
                    into[i] = UInt16(truncatingIfNeeded: b)
                    count[b] &+= 1
                }
            }
        }
        guard nans == 0 else { return nil }
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
        var wanted = [Bool](repeating: false, count: buckets)
        for rank in ranks {
            let b = bucket(holding: rank)
            guard counts[b] <= n / 4 else { return nil }
            wanted[b] = true
        }
        var inside: [Int: [Double]] = [:]
        wanted.withUnsafeBufferPointer { wanted in
            bucketOf.withUnsafeBufferPointer { bucketOf in
                guard let want = wanted.baseAddress, let from = bucketOf.baseAddress else { return }
                for i in 0..<n where want[Int(from[i])] { inside[Int(from[i]), default: []].append(values[i]) }
            }
        }
        let negativeZeroBits = (-0.0 as Double).bitPattern
        guard !inside.values.contains(where: { $0.contains { $0.bitPattern == negativeZeroBits } }) else { return nil }
        for key in inside.keys { inside[key]!.sort() }
        return ps.map { p in
            let h = Double(n - 1) * p
            let lower = Int(h.rounded(.down))
            let statistic = { (rank: Int) -> Double in
                let b = bucket(holding: rank)
                return inside[b]![rank - starts[b]]
            }
            let low = statistic(lower)
            guard lower + 1 < n else { return low }
            let next = statistic(lower + 1)
            return low + (h - Double(lower)) * (next - low)
        }
    }
}
