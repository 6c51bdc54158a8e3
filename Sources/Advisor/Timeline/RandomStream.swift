import Synchronization

/// The random numbers a run consumes, in the order it consumes them: per draw, a standard normal for each cycle of
/// a stage with a spread and a uniform for each stage that may not happen, stage after stage. Plans whose stages
/// ask for them in the same order (route alternatives mostly differ in their figures, not in their stages) get the
/// same numbers from the same seed: they are drawn once and replayed, the same values in the same order.
enum RandomStream {
    enum Kind: UInt8 { case normal, uniform }

    struct Key: Hashable {
        var kinds: [Kind]
        var draws: Int
        var seed: UInt64
    }

    /// The numbers for `draws` draws of `stages` (in the order the run takes them).
    static func values(for stages: [TimelineSimulation.Draw], draws: Int, seed: UInt64) -> [Double] {
        var kinds: [Kind] = []
        for stage in stages {
            if stage.sigma != 0 { kinds += repeatElement(.normal, count: stage.cycles) }
            if stage.probability < 1 { kinds.append(.uniform) }
        }
        let key = Key(kinds: kinds, draws: draws, seed: seed)
        if let known = cache.withLock({ $0[key] }) { return known }
        var random = SeededRandom(seed: seed)
        let values = [Double](unsafeUninitializedCapacity: draws * kinds.count) { buffer, count in
            var i = 0
            for _ in 0..<draws {
                for kind in kinds {
                    buffer[i] = kind == .normal ? random.normal() : random.uniform()
                    i += 1
                }
            }
            count = i
        }
        cache.withLock { cache in
            // A few hundred kilobytes each: an assessment meets a handful of patterns, a batch a few dozen.
            if cache.count >= 32 { cache.removeAll() }
            cache[key] = values
        }
        return values
    }

    static let cache = Mutex<[Key: [Double]]>([:])
}
