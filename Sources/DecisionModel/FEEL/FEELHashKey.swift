/// A FEEL value as a dictionary key that agrees with FEEL's `=`: numbers by value, times and date-times by
/// their instant to the second, contexts regardless of entry order. Lets `distinct values`, `union` and
/// `mode` run in linear time.
struct FEELHashKey: Hashable {
    let value: FEELValue

    init(_ value: FEELValue) { self.value = value }

    static func == (a: FEELHashKey, b: FEELHashKey) -> Bool {
        FEELSemantics.equals(a.value, b.value) == true
    }

    func hash(into hasher: inout Hasher) {
        FEELHashKey.hash(value, into: &hasher)
    }

    private static func hash(_ value: FEELValue, into hasher: inout Hasher) {
        switch value {
        case .null: hasher.combine(0)
        case .boolean(let b): hasher.combine(1); hasher.combine(b)
        case .number(let n): hasher.combine(2); hasher.combine(n)
        case .string(let s): hasher.combine(3); hasher.combine(s)
        case .date(let d): hasher.combine(4); hasher.combine(d)
        case .time(let t): hasher.combine(5); hasher.combine(t.utcSecondOfDay)
        case .dateTime(let t): hasher.combine(6); hasher.combine(t.epochSeconds)
        case .duration(let d): hasher.combine(7); hasher.combine(d)
        case .list(let items):
            hasher.combine(8)
            hasher.combine(items.count)
            for item in items { hash(item, into: &hasher) }
        case .context(let context):
            // Order-insensitive: combine the entries' own hashes commutatively.
            hasher.combine(9)
            hasher.combine(context.count)
            var sum = 0
            for entry in context.entries {
                var inner = Hasher()
                inner.combine(entry.key)
                hash(entry.value, into: &inner)
                sum = sum &+ inner.finalize()
            }
            hasher.combine(sum)
        case .function: hasher.combine(10)
        case .range(let r): hasher.combine(11); hash(r.start, into: &hasher); hash(r.end, into: &hasher)
        }
    }
}
