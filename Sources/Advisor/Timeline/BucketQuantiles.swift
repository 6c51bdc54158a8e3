/// The quantiles of a run's samples from a histogram, without moving them. Selection (`TimelineSimulation.quantiles`)
/// partitions ten thousand values around a pivot whose comparisons the processor cannot predict: the empty answer
/// file's ninety selections took a tenth of its CPU time in mispredicted branches. Here one pass finds the range,
/// one counts the values into equal-width buckets by value, and one copies out the few values of the buckets that
/// hold the order statistics wanted, which are then sorted. An order statistic is one value whatever finds it, so
/// the quantiles are the selection's to the bit.
enum BucketQuantiles {
    static let buckets = 1024

    /// The interpolated quantiles (type 7) of `values`, or nil where selection is left to do it: fewer than 256
    /// values, a NaN or a negative zero (whose order against zero is not defined), or a bucket holding more than a
    /// quarter of the values (a few values far from the rest).
    static func quantiles(in values: UnsafeBufferPointer<Double>, _ ps: [Double]) -> [Double]? {
        let n = values.count
        guard n >= 256 else { return nil }
        var low = Double.infinity, high = -Double.infinity
        var odd = false
        for v in values {
            low = Swift.min(low, v)
            high = Swift.max(high, v)
            odd = odd || v.isNaN || (v == 0 && v.sign == .minus)
        }
        guard !odd else { return nil }
        // Order statistics wanted: each quantile's lower one and the next.
        var ranks: [Int] = []
        for p in ps {
            let lower = Int((Double(n - 1) * p).rounded(.down))
            guard lower >= 0, lower < n else { return nil }
            ranks.append(lower)
            if lower + 1 < n { ranks.append(lower + 1) }
        }
        guard low < high else { return interpolate(ps, n) { _ in low } }
        let scale = Double(buckets) / (high - low)
        guard scale.isFinite, scale > 0 else { return nil }
        // Monotone in the value: (v - low) * scale never decreases as v grows, and equal values share a bucket.
        @inline(__always) func bucket(_ v: Double) -> Int { Swift.min(buckets - 1, Int((v - low) * scale)) }
        var counts = [Int](repeating: 0, count: buckets)
        counts.withUnsafeMutableBufferPointer { counts in
            for v in values { counts[bucket(v)] &+= 1 }
        }
        // For each wanted rank: its bucket and its place among that bucket's values.
        var starts = [Int](repeating: 0, count: buckets)
        var total = 0
        for b in 0..<buckets {
            starts[b] = total
            total += counts[b]
        }
        var wanted = [Bool](repeating: false, count: buckets)
        for rank in ranks {
            var b = 0, upper = buckets - 1
            while b < upper {
                let middle = (b + upper + 1) / 2
                if starts[middle] <= rank { b = middle } else { upper = middle - 1 }
            }
            guard counts[b] <= n / 4 else { return nil }
            wanted[b] = true
        }
        var inside: [Int: [Double]] = [:]
        for v in values {
            let b = bucket(v)
            if wanted[b] { inside[b, default: []].append(v) }
        }
        for key in inside.keys { inside[key]!.sort() }
        return interpolate(ps, n) { rank in
            var b = 0, upper = buckets - 1
            while b < upper {
                let middle = (b + upper + 1) / 2
                if starts[middle] <= rank { b = middle } else { upper = middle - 1 }
            }
            return inside[b]![rank - starts[b]]
        }
    }

    /// Type 7 from the order statistics: `statistic(r)` is the r-th smallest value (0-based).
    private static func interpolate(_ ps: [Double], _ n: Int, _ statistic: (Int) -> Double) -> [Double] {
        ps.map { p in
            let h = Double(n - 1) * p
            let lower = Int(h.rounded(.down))
            let low = statistic(lower)
            guard lower + 1 < n else { return low }
            let next = statistic(lower + 1)
            return low + (h - Double(lower)) * (next - low)
        }
    }
}
