/// Shuffling done here rather than by the standard library, whose algorithm may change between releases:
/// `--seed` must replay a classroom session on any machine and toolchain.
extension SeededRandom {
    /// A number in 0..<bound, without modulo bias.
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        let limit = UInt64.max - UInt64.max % UInt64(bound)
        while true {
            let value = next()
            if value < limit { return Int(value % UInt64(bound)) }
        }
    }

    /// Fisher–Yates.
    mutating func shuffle<T>(_ items: [T]) -> [T] {
        var items = items
        guard items.count > 1 else { return items }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
        return items
    }
}
