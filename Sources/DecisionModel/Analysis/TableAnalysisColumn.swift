/// One column of a table under analysis: its stand-in values put in an order ("ranks") in which every entry
/// accepts a few runs of consecutive ranks, so that sets of values are short lists of ranges.
///
/// Numbers and dates are sorted, so `< 5`, `[1..4]` or `not(3)` are one or two ranges found by binary search;
/// other columns keep the domain's own order, where a list of literals is a few single ranks found by hashing.
/// An entry the analysis cannot read (a name, a function call, a string ordering) is evaluated on every value,
/// which is what the pairwise analysis did for all entries.
struct TableAnalysisColumn {
    /// The stand-in values, in the domain's order (their index is what findings report).
    let values: [FEELValue]
    /// rank → index into `values`, and back.
    let indexOfRank: [Int]
    let rankOfIndex: [Int]
    /// Per rule: the ranks its entry accepts.
    private(set) var accepted: [RankRanges] = []
    /// Per rule: whether the entry is `-`.
    private(set) var wildcard: [Bool] = []
    private let smallestIndex: MinimumTree?

    var count: Int { values.count }

    init(values: [FEELValue], entries: [FEELUnaryTests]) {
        self.values = values
        let kind = Self.commonKind(values)
        let sorted = kind == "number" || kind == "date"
        var regular: [Int] = []
        var special: [Int] = []
        for (i, value) in values.enumerated() {
            if let kind, value.typeName == kind, value != ColumnDomains.otherText { regular.append(i) } else { special.append(i) }
        }
        var order = Array(values.indices)
        if sorted {
            regular.sort { FEELSemantics.compare(values[$0], values[$1]) == .orderedAscending }
            order = regular + special
        }
        indexOfRank = order
        var back = [Int](repeating: 0, count: values.count)
        for (rank, index) in order.enumerated() { back[index] = rank }
        rankOfIndex = back
        smallestIndex = sorted ? MinimumTree(order) : nil

        let reader = EntryReader(values: values, order: order, sorted: sorted,
                                 regular: sorted ? RankRanges(0..<regular.count) : RankRanges(ranks: regular),
                                 special: special.map { back[$0] })
        accepted.reserveCapacity(entries.count)
        wildcard.reserveCapacity(entries.count)
        for entry in entries {
            wildcard.append(entry.isWildcard)
            accepted.append(entry.isWildcard ? RankRanges(0..<values.count) : reader.accepted(entry))
        }
    }

    /// The kind (number, date or string) of every definite value, if they share one; other columns
    /// (booleans, mixed kinds) are small and have every entry evaluated on every value.
    private static func commonKind(_ values: [FEELValue]) -> String? {
        var kind: String?
        for value in values where value != .null && value != ColumnDomains.otherText {
            guard ["number", "date", "string"].contains(value.typeName), kind == nil || kind == value.typeName else { return nil }
            kind = value.typeName
        }
        return kind
    }

    /// The smallest value index among `ranks`.
    func smallestIndex(in ranks: RankRanges) -> Int? {
        guard let first = ranks.ranges.first else { return nil }
        guard let tree = smallestIndex else { return indexOfRank[first.lowerBound] }
        return ranks.ranges.map { tree.minimum($0) }.min()
    }

    /// The value indices among `ranks`, ascending.
    func indices(in ranks: RankRanges) -> [Int] {
        ranks.ranges.flatMap { $0.map { indexOfRank[$0] } }.sorted()
    }

    /// The ranks of the given value indices.
    func ranks(ofIndices indices: [Int]) -> RankRanges {
        RankRanges(ranks: indices.map { rankOfIndex[$0] }.sorted())
    }
}

/// Reads one entry into ranges of ranks, following the evaluator's three-valued logic exactly:
/// a positive list matches where some test is true; `not(…)` matches where every test is false (not null).
private struct EntryReader {
    let values: [FEELValue]
    let order: [Int]
    let sorted: Bool
    /// Ranks of the values of the column's one kind (numbers, dates, strings…), and of the others
    /// (null, "other text"), which are tested one by one.
    let regular: RankRanges
    let special: [Int]
    private let rankOfKey: [ScalarKey: Int]

    init(values: [FEELValue], order: [Int], sorted: Bool, regular: RankRanges, special: [Int]) {
        self.values = values
        self.order = order
        self.sorted = sorted
        self.regular = regular
        self.special = special
        // A sorted column finds a value by binary search instead: its table would be as large as the column.
        var keys: [ScalarKey: Int] = [:]
        if !sorted {
            for range in regular.ranges {
                for rank in range { if let key = ScalarKey(values[order[rank]]) { keys[key] = rank } }
            }
        }
        rankOfKey = keys
    }

    func accepted(_ entry: FEELUnaryTests) -> RankRanges {
        guard let definite = definiteValuesAccepted(entry.body) else { return everyValue(entry) }
        var ranks: [Int] = []
        for rank in special where entry.matches(values[order[rank]], scope: FEELScope()) { ranks.append(rank) }
        return definite.union(RankRanges(ranks: ranks))
    }

    private func everyValue(_ entry: FEELUnaryTests) -> RankRanges {
        RankRanges(ranks: order.indices.filter { entry.matches(values[order[$0]], scope: FEELScope()) })
    }

    /// The regular ranks the entry accepts; nil when some test is not a comparison with a literal.
    private func definiteValuesAccepted(_ body: FEELUnaryTestsBody) -> RankRanges? {
        switch body {
        case .any:
            return regular
        case .positive(let tests):
            var matched = RankRanges()
            for test in tests {
                guard let outcome = outcome(test) else { return nil }
                matched = matched.union(outcome.true)
            }
            return matched
        case .negated(let tests, _):
            var trueOrNull = RankRanges()
            for test in tests {
                guard let outcome = outcome(test) else { return nil }
                trueOrNull = trueOrNull.union(outcome.true).union(outcome.null)
            }
            return regular.subtracting(trueOrNull)
        }
    }

    /// Where one test is true and where it is null, over the regular ranks.
    private func outcome(_ test: FEELUnaryTestNode) -> (true: RankRanges, null: RankRanges)? {
        switch test {
        case .comparison(let op, let node, _):
            guard let literal = node.literalValue, ScalarKey(literal) != nil || literal == .null else { return nil }
            return compare(op, literal)
        case .interval(let startClosed, let low, let high, let endClosed, _):
            guard sorted, let a = low.literalValue, let b = high.literalValue,
                  let lower = compare(startClosed ? .greaterOrEqual : .greater, a), lower.null.isEmpty,
                  let upper = compare(endClosed ? .lessOrEqual : .less, b), upper.null.isEmpty else { return nil }
            return (lower.true.intersection(upper.true), RankRanges())
        case .expression(let node, let usesInput):
            guard !usesInput, let literal = node.literalValue, ScalarKey(literal) != nil || literal == .null else { return nil }
            // A boolean test on a non-boolean input is that boolean (the evaluator's rule for `true`/`false` entries).
            // (The regular values are never booleans: boolean columns are tested value by value.)
            if case .boolean(let flag) = literal { return flag ? (regular, RankRanges()) : (RankRanges(), RankRanges()) }
            return compare(.equal, literal)
        }
    }

    /// `? op literal` over the regular ranks.
    private func compare(_ op: FEELNode.ComparisonOperator, _ literal: FEELValue) -> (true: RankRanges, null: RankRanges)? {
        let none = RankRanges()
        guard let first = regular.ranges.first?.lowerBound else { return (none, none) }
        let sameKind = values[order[first]].typeName == literal.typeName
        switch op {
        case .equal, .notEqual:
            if literal == .null { return op == .equal ? (none, none) : (regular, none) }
            // Different kinds cannot be compared: the test is null.
            guard sameKind else { return (none, regular) }
            let hit = ScalarKey(literal).flatMap { rank(of: $0, literal) }.map { RankRanges($0..<($0 + 1)) } ?? none
            return op == .equal ? (hit, none) : (regular.subtracting(hit), none)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            if literal == .null || !sameKind { return (none, regular) }
            guard sorted else { return nil }
            let count = regular.ranges.last?.upperBound ?? 0
            let below = firstRank(count) { FEELSemantics.compare(values[order[$0]], literal) != .orderedAscending }
            let atOrBelow = firstRank(count) { FEELSemantics.compare(values[order[$0]], literal) == .orderedDescending }
            switch op {
            case .less: return (RankRanges(0..<below), none)
            case .lessOrEqual: return (RankRanges(0..<atOrBelow), none)
            case .greater: return (RankRanges(atOrBelow..<count), none)
            default: return (RankRanges(below..<count), none)
            }
        }
    }

    /// The rank of the regular value whose key is `key`.
    private func rank(of key: ScalarKey, _ literal: FEELValue) -> Int? {
        guard sorted else { return rankOfKey[key] }
        let count = regular.ranges.last?.upperBound ?? 0
        var rank = firstRank(count) { FEELSemantics.compare(values[order[$0]], literal) != .orderedAscending }
        while rank < count, FEELSemantics.compare(values[order[rank]], literal) == .orderedSame {
            if ScalarKey(values[order[rank]]) == key { return rank }
            rank += 1
        }
        return nil
    }

    /// The first rank in 0..<count where `isAtOrPast` holds (it holds from some rank on).
    private func firstRank(_ count: Int, _ isAtOrPast: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if isAtOrPast(mid) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

/// A hashable stand-in for the scalar values a column enumerates (FEEL values are compared, not hashed).
enum ScalarKey: Hashable {
    case boolean(Bool), number(FEELNumber), string(String), date(FEELDate)

    init?(_ value: FEELValue) {
        switch value {
        case .boolean(let b): self = .boolean(b)
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        case .date(let d): self = .date(d)
        default: return nil
        }
    }
}

/// Sorted, disjoint, non-touching ranges of ranks.
struct RankRanges: Hashable {
    private(set) var ranges: [Range<Int>] = []

    init() {}
    init(_ range: Range<Int>) { if !range.isEmpty { ranges = [range] } }

    /// From ascending ranks.
    init(ranks: [Int]) {
        for rank in ranks {
            if let last = ranges.last, last.upperBound == rank { ranges[ranges.count - 1] = last.lowerBound..<(rank + 1) }
            else if let last = ranges.last, last.contains(rank) { continue }
            else { ranges.append(rank..<(rank + 1)) }
        }
    }

    init(sortedRanges: [Range<Int>]) {
        for range in sortedRanges where !range.isEmpty { append(range) }
    }

    var isEmpty: Bool { ranges.isEmpty }

    /// Adds a range that starts at or after every range already held.
    mutating func append(_ range: Range<Int>) {
        if let last = ranges.last, range.lowerBound <= last.upperBound {
            ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
        } else {
            ranges.append(range)
        }
    }

    func union(_ other: RankRanges) -> RankRanges {
        if other.isEmpty { return self }
        if isEmpty { return other }
        var result = RankRanges()
        var i = 0, j = 0
        while i < ranges.count || j < other.ranges.count {
            if j == other.ranges.count || (i < ranges.count && ranges[i].lowerBound <= other.ranges[j].lowerBound) {
                result.append(ranges[i]); i += 1
            } else {
                result.append(other.ranges[j]); j += 1
            }
        }
        return result
    }

    func intersection(_ other: RankRanges) -> RankRanges {
        var result = RankRanges()
        var i = 0, j = 0
        while i < ranges.count && j < other.ranges.count {
            let low = max(ranges[i].lowerBound, other.ranges[j].lowerBound)
            let high = min(ranges[i].upperBound, other.ranges[j].upperBound)
            if low < high { result.append(low..<high) }
            if ranges[i].upperBound < other.ranges[j].upperBound { i += 1 } else { j += 1 }
        }
        return result
    }

    /// The smallest rank in both, if any.
    func firstCommonRank(_ other: RankRanges) -> Int? {
        var i = 0, j = 0
        while i < ranges.count && j < other.ranges.count {
            let low = max(ranges[i].lowerBound, other.ranges[j].lowerBound)
            if low < min(ranges[i].upperBound, other.ranges[j].upperBound) { return low }
            if ranges[i].upperBound < other.ranges[j].upperBound { i += 1 } else { j += 1 }
        }
        return nil
    }

    func intersects(_ other: RankRanges) -> Bool { firstCommonRank(other) != nil }

    func subtracting(_ other: RankRanges) -> RankRanges {
        if other.isEmpty || isEmpty { return self }
        var result = RankRanges()
        var j = 0
        for range in ranges {
            var low = range.lowerBound
            while j < other.ranges.count && other.ranges[j].upperBound <= low { j += 1 }
            var k = j
            while k < other.ranges.count && other.ranges[k].lowerBound < range.upperBound {
                if other.ranges[k].lowerBound > low { result.append(low..<other.ranges[k].lowerBound) }
                low = max(low, other.ranges[k].upperBound)
                k += 1
            }
            if low < range.upperBound { result.append(low..<range.upperBound) }
        }
        return result
    }
}

/// Range-minimum queries over a fixed array (a bottom-up segment tree: linear memory, logarithmic queries).
struct MinimumTree {
    private var tree: [Int]
    private let size: Int

    init(_ values: [Int]) {
        size = values.count
        tree = [Int](repeating: Int.max, count: 2 * max(size, 1))
        for (i, v) in values.enumerated() { tree[size + i] = v }
        if size > 1 { for i in stride(from: size - 1, to: 0, by: -1) { tree[i] = min(tree[2 * i], tree[2 * i + 1]) } }
    }

    func minimum(_ range: Range<Int>) -> Int {
        var low = range.lowerBound + size, high = range.upperBound + size
        var result = Int.max
        while low < high {
            if low & 1 == 1 { result = min(result, tree[low]); low += 1 }
            if high & 1 == 1 { high -= 1; result = min(result, tree[high]) }
            low >>= 1
            high >>= 1
        }
        return result
    }
}
