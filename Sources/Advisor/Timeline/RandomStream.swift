import Synchronization

/// The random numbers a run consumes, in the order it consumes them: per draw, a standard normal for each cycle of
/// a stage with a spread and a uniform for each stage that may not happen, stage after stage. Plans whose stages
/// ask for them in the same order (route alternatives mostly differ in their figures, not in their stages) get the
/// same numbers from the same seed: they are drawn once and replayed, the same values in the same order.
enum RandomStream {
    enum Kind: UInt8 { case normal, uniform }

    struct Key: Hashable, Sendable {
        var kinds: [Kind]
        var draws: Int
        var seed: UInt64
    }

    /// The numbers for `draws` draws of `stages` (in the order the run takes them): at least `draws` times as many
    /// as one draw takes, possibly more (a run reads only its own).
    static func values(for stages: [TimelineSimulation.Draw], draws: Int, seed: UInt64) -> [Double] {
        let kinds = kinds(of: stages)
        // Stages that only take normals take the generator's normals in turn, whatever their number per draw: plans of
        // three and four such stages read the first 30,000 and 40,000 normals of one sequence, drawn once.
        if !kinds.contains(.uniform) { return NormalSequence.first(draws * kinds.count, seed: seed) }
        let key = Key(kinds: kinds, draws: draws, seed: seed)
        if let known = cache.withLock({ $0.value(for: key) }) { return known }
        var random = SeededRandom(seed: seed)
        let values = kinds.withUnsafeBufferPointer { kinds in
            [Double](unsafeUninitializedCapacity: draws * kinds.count) { buffer, count in
                var i = 0
                for _ in 0..<draws {
                    for kind in kinds {
                        buffer[i] = kind == .normal ? random.normal() : random.uniform()
                        i += 1
                    }
                }
                count = i
            }
        }
        cache.withLock { $0.insert(values, for: key) }
        return values
    }

    /// A few hundred kilobytes each: an assessment meets a handful of patterns, a batch a few dozen.
    static let cache = Mutex(RecentCache<Key, [Double]>(limit: 16))

    /// The kinds of number one draw of `stages` takes, in order.
    static func kinds(of stages: [TimelineSimulation.Draw]) -> [Kind] {
        var kinds: [Kind] = []
        for stage in stages {
            if stage.sigma != 0 { kinds += repeatElement(.normal, count: stage.cycles) }
            if stage.probability < 1 { kinds.append(.uniform) }
        }
        return kinds
    }

    /// Which numbers a run of `stages` reads: two runs with the same source read the same number at the same index.
    enum Source: Hashable, Sendable {
        /// The normals of the seed's generator in turn, whatever the stages.
        case normals(seed: UInt64)
        /// Numbers drawn for one order of kinds.
        case drawn(Key)
    }

    static func source(of stages: [TimelineSimulation.Draw], draws: Int, seed: UInt64) -> Source {
        let kinds = kinds(of: stages)
        return kinds.contains(.uniform) ? .drawn(Key(kinds: kinds, draws: draws, seed: seed)) : .normals(seed: seed)
    }
}

/// The standard normals of a seed's generator in the order it draws them, kept with the generator so that a longer
/// prefix continues the sequence instead of drawing it again.
enum NormalSequence {
    struct Drawn {
        var values: [Double]
        var random: SeededRandom
    }

    /// At least the first `count` normals of `seed`.
    static func first(_ count: Int, seed: UInt64) -> [Double] {
        if let known = cache.withLock({ $0[seed] }), known.values.count >= count { return known.values }
        let known = cache.withLock { $0[seed] } ?? Drawn(values: [], random: SeededRandom(seed: seed))
        var (values, random) = (known.values, known.random)
        let start = values.count
        values.append(contentsOf: repeatElement(0, count: count - start))
        values.withUnsafeMutableBufferPointer { random.fillNormals(UnsafeMutableBufferPointer(rebasing: $0[start...])) }
        let drawn = Drawn(values: values, random: random)
        cache.withLock { cache in
            // One sequence per seed: a run or a batch uses one seed, `lag --seed` one more.
            if cache.count >= 8 { cache.removeAll() }
            if let other = cache[seed], other.values.count >= drawn.values.count { return }
            cache[seed] = drawn
        }
        return drawn.values
    }

    static let cache = Mutex<[UInt64: Drawn]>([:])
}
