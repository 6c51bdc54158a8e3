/// Static checks of one decision table over finite stand-ins for its column values (`ColumnDomains`):
/// gaps, overlaps under UNIQUE/ANY, rows shadowed under FIRST, rows that can never match.
///
/// Each column's values are put in an order where every entry accepts a few runs of consecutive values
/// (`TableAnalysisColumn`), so the work grows with the number of runs rather than rows × values:
/// rows that can overlap are found by a sweep over one column's runs (the most selective column), and gaps by
/// splitting the values of one column at a time into the groups that the same rows accept.
public struct TableAnalysis: Sendable {
    public enum Finding: Sendable, Equatable {
        /// No rule covers these column values (`nil` = any value).
        case gap([String?])
        /// Two rules both match these values (UNIQUE, or ANY with different outputs).
        case overlap(rows: [Int], example: [String])
        /// Earlier rules match everything this row matches (FIRST).
        case shadowed(row: Int, by: [Int])
        /// No value of some column satisfies this row's entry.
        case neverMatches(row: Int, column: Int)
    }

    public struct Result: Sendable {
        public var findings: [Finding] = []
        /// Columns that could not be enumerated; gap and overlap checks were skipped for them.
        public var skippedColumns: [Int] = []
        /// True when gap search stopped early.
        public var truncated = false
        /// Overlapping pairs of rows past `maximumOverlaps`: counted, not listed.
        public var unlistedOverlaps = 0
        /// Rows of a UNIQUE table whose entries repeat an earlier row's exactly: a copied row overlaps its original
        /// and everything the original overlaps.
        public var copiedRows = 0
        /// True when the overlap sweep or the gap search reached its work bound: gaps, overlaps and shadowed rows
        /// past it are not reported, and `unlistedOverlaps` is a lower bound.
        public var incomplete = false
    }

    public let table: DecisionTable
    public let domains: [[FEELValue]?]
    /// Stop listing gaps past this many.
    public var maximumGaps = 20
    /// List at most this many overlapping pairs (the first in row order); the others are only counted.
    public var maximumOverlaps = Int.max
    /// Bounds on the work of the overlap sweep (pairs of rows it looks at) and the gap search (rows it sorts into
    /// groups): thousands of rows that all overlap one another (`>= 1`, `>= 2`, …) would otherwise cost the square
    /// of their number in time and memory. The bundled rules need well under a thousandth of either.
    public var maximumPairChecks = 500_000
    public var maximumGroupedRows = 1_000_000

    public init(table: DecisionTable, model: DMNModel) {
        self.table = table
        let columnDomains = ColumnDomains(model: model)
        self.domains = table.inputs.indices.map { columnDomains.domain(table, column: $0) }
    }

    public func run() -> Result {
        var result = Result()
        result.skippedColumns = domains.indices.filter { domains[$0] == nil }
        guard result.skippedColumns.isEmpty, !table.inputs.isEmpty else { return result }
        let columns = domains.indices.map { c in
            TableAnalysisColumn(values: domains[c] ?? [], entries: table.rules.map { $0.inputEntries[c] })
        }
        var search = GapSearch(columns: columns, rules: table.rules.count, budget: maximumGroupedRows)
        for (r, rule) in table.rules.enumerated() {
            for (c, column) in columns.enumerated() where column.accepted[r].isEmpty && column.count > 0 {
                result.findings.append(.neverMatches(row: rule.row, column: c))
            }
        }
        if table.hitPolicy.isSingleHit {
            // Unknown answers (null) and free text outside every rule are expected to give no result,
            // so gaps are looked for among definite values only.
            let definite = columns.map { column in
                column.ranks(ofIndices: column.values.indices.filter {
                    column.values[$0] != .null && column.values[$0] != ColumnDomains.otherText
                })
            }
            var gaps: [[GapSearch.Label]] = []
            search.findGaps(Array(table.rules.indices), column: 0, allowed: definite, prefix: [], limit: maximumGaps,
                            into: &gaps, truncated: &result.truncated)
            result.findings += gaps.map { labels in
                .gap(labels.map { label in
                    guard case .values(let c, let ranks) = label else { return nil }
                    return columns[c].indices(in: ranks).map { columns[c].values[$0].description }.joined(separator: " | ")
                })
            }
        }
        switch table.hitPolicy {
        case .unique: result.findings += overlaps(columns, requireDifferentOutputs: false, result: &result)
        case .any: result.findings += overlaps(columns, requireDifferentOutputs: true, result: &result)
        case .first: result.findings += shadowed(columns, search: &search, result: &result)
        default: break
        }
        if search.exhausted { result.incomplete = true }
        return result
    }

    /// Identical rows overlap each other and the same other rows, so the sweep runs over one row of each class of
    /// identical rows and pairs are counted class by class: a table of copied rows costs what its distinct rows
    /// cost, and only the listed pairs get an example.
    private func overlaps(_ columns: [TableAnalysisColumn], requireDifferentOutputs: Bool, result: inout Result) -> [Finding] {
        let outputs = requireDifferentOutputs ? table.rules.map { $0.outputEntries.map(\.source) } : []
        let classes = RowClasses(columns: columns, outputs: outputs, rules: table.rules.count)
        var partners = [[Int]](repeating: [], count: classes.members.count)
        let complete = OverlapSweep(columns: columns, rules: classes.members.map { $0[0] }).forEachOverlap(budget: maximumPairChecks) { a, b in
            if requireDifferentOutputs && outputs[a] == outputs[b] { return }
            partners[classes.classOf[a]].append(classes.classOf[b])
            partners[classes.classOf[b]].append(classes.classOf[a])
        }
        if !complete { result.incomplete = true }
        // Under ANY, identical rows have the same outputs (they are part of the class), so they do not count.
        let live = classes.members.map { members in columns.allSatisfy { !$0.accepted[members[0]].isEmpty } }
        let overlapsItself = live.map { $0 && !requireDifferentOutputs }
        var total = 0
        for (c, members) in classes.members.enumerated() {
            if overlapsItself[c] { total += members.count * (members.count - 1) / 2 }
            for other in partners[c] where other > c { total += members.count * classes.members[other].count }
            if overlapsItself[c] { result.copiedRows += members.count - 1 }
        }
        var pairs: [(Int, Int)] = []
        for a in table.rules.indices {
            let wanted = min(total, maximumOverlaps) - pairs.count
            if wanted <= 0 { break }
            let c = classes.classOf[a]
            // The first `wanted` rows after `a` of each class it overlaps (its own included) hold its first partners.
            var later: [Int] = []
            for other in (overlapsItself[c] ? [c] : []) + partners[c] {
                let members = classes.members[other]
                let from = members.partitioningIndex { $0 > a }
                later += members[from..<(from + min(wanted, members.count - from))]
            }
            later.sort()
            pairs += later.prefix(wanted).map { (a, $0) }
        }
        result.unlistedOverlaps = total - pairs.count
        return pairs.map { a, b in
            let example = columns.enumerated().map { c, column in
                if column.wildcard[a] && column.wildcard[b] { return "-" }
                let first = column.smallestIndex(in: column.accepted[a].intersection(column.accepted[b])) ?? 0
                return column.values[first].description
            }
            return .overlap(rows: [table.rules[a].row, table.rules[b].row], example: example)
        }
    }

    /// A FIRST row is shadowed when the rows before it that overlap it leave none of its combinations uncovered.
    private func shadowed(_ columns: [TableAnalysisColumn], search: inout GapSearch, result: inout Result) -> [Finding] {
        var earlier = [[Int]](repeating: [], count: table.rules.count)
        let complete = OverlapSweep(columns: columns, rules: Array(table.rules.indices))
            .forEachOverlap(budget: maximumPairChecks) { a, b in earlier[b].append(a) }
        // Past the bound a row's list of earlier rows may lack some: it would look shadowed by too few.
        if !complete { result.incomplete = true; return [] }
        var found: [Finding] = []
        for r in table.rules.indices where !earlier[r].isEmpty {
            let before = earlier[r].sorted()
            var gaps: [[GapSearch.Label]] = []
            var truncated = false
            search.findGaps(before, column: 0, allowed: columns.map { $0.accepted[r] }, prefix: [], limit: min(maximumGaps, 1),
                            into: &gaps, truncated: &truncated)
            if search.exhausted { break }
            if gaps.isEmpty { found.append(.shadowed(row: table.rules[r].row, by: before.map { table.rules[$0].row })) }
        }
        return found
    }
}

/// Walks the columns, splitting each column's values into groups that the same rules accept, and records every
/// combination left with no rule (the recursion and its order are those of a plain value-by-value search).
struct GapSearch {
    enum Label { case any, values(column: Int, ranks: RankRanges) }

    struct Group {
        var rules: [Int]
        var ranks = RankRanges()
        var smallest = Int.max
    }

    let columns: [TableAnalysisColumn]
    /// Two independent random keys per rule: a set of rules is known by their sums (and its size).
    private let keys: [(UInt64, UInt64)]
    /// Rules active at the sweep's position: a list and each rule's slot in it (-1 = not active).
    private var active: [Int] = []
    private var slot: [Int]
    /// Rows it may still copy into groups; past it the search stops as if cut at the gap limit.
    private var budget: Int
    private(set) var exhausted = false

    init(columns: [TableAnalysisColumn], rules: Int, budget: Int = .max) {
        self.columns = columns
        self.budget = budget
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        keys = (0..<rules).map { _ in (next(), next()) }
        slot = [Int](repeating: -1, count: rules)
    }

    mutating func findGaps(_ rules: [Int], column: Int, allowed: [RankRanges], prefix: [Label], limit: Int,
                           into gaps: inout [[Label]], truncated: inout Bool) {
        if gaps.count >= limit || exhausted { truncated = true; return }
        if rules.isEmpty {
            gaps.append(prefix + Array(repeating: .any, count: columns.count - column))
            return
        }
        if column == columns.count { return }
        let groups = partition(rules, column: column, allowed: allowed[column])
        let everyValue = groups.count == 1
        for group in groups {
            findGaps(group.rules, column: column + 1, allowed: allowed,
                     prefix: prefix + [everyValue ? .any : .values(column: column, ranks: group.ranks)], limit: limit,
                     into: &gaps, truncated: &truncated)
        }
    }

    private struct SetKey: Hashable {
        var sum1: UInt64 = 0, sum2: UInt64 = 0, count = 0
    }

    /// The allowed values of `column` grouped by the rules (of `rules`) that accept them, in the order of each
    /// group's first value.
    mutating func partition(_ rules: [Int], column c: Int, allowed: RankRanges) -> [Group] {
        let column = columns[c]
        // (position, rule, starts): a rule becomes active where one of its ranges starts.
        var events: [(position: Int, rule: Int, starts: Bool)] = []
        for r in rules {
            for range in column.accepted[r].ranges {
                events.append((range.lowerBound, r, true))
                events.append((range.upperBound, r, false))
            }
        }
        events.sort { $0.position < $1.position }
        var positions = events.map(\.position)
        for range in allowed.ranges { positions.append(range.lowerBound); positions.append(range.upperBound) }
        positions.sort()
        var groups: [Group] = []
        var groupOf: [SetKey: Int] = [:]
        var key = SetKey()
        var e = 0, a = 0, previous = Int.min
        for (k, p) in positions.enumerated() where p != previous {
            previous = p
            while e < events.count && events[e].position == p {
                let (r, starts) = (events[e].rule, events[e].starts)
                if starts {
                    slot[r] = active.count
                    active.append(r)
                    key.sum1 &+= keys[r].0; key.sum2 &+= keys[r].1; key.count += 1
                } else {
                    let moved = active.removeLast()
                    if moved != r { active[slot[r]] = moved; slot[moved] = slot[r] }
                    slot[r] = -1
                    key.sum1 &-= keys[r].0; key.sum2 &-= keys[r].1; key.count -= 1
                }
                e += 1
            }
            guard let end = positions[(k + 1)...].first(where: { $0 > p }) else { continue }
            while a < allowed.ranges.count && allowed.ranges[a].upperBound <= p { a += 1 }
            guard a < allowed.ranges.count && allowed.ranges[a].lowerBound <= p else { continue }
            let index: Int
            if let known = groupOf[key] { index = known } else {
                budget -= active.count
                if budget < 0 {
                    exhausted = true
                    for r in active { slot[r] = -1 }
                    active.removeAll()
                    break
                }
                index = groups.count
                groupOf[key] = index
                groups.append(Group(rules: active))
            }
            groups[index].ranks.append(p..<end)
        }
        for i in groups.indices { groups[i].smallest = column.smallestIndex(in: groups[i].ranks) ?? Int.max }
        return groups.sorted { $0.smallest < $1.smallest }
    }
}

/// Finds every pair of rules that share a combination of values, without comparing every pair: a sweep over the
/// runs of the column where runs overlap least proposes pairs, and the other columns confirm them.
struct OverlapSweep {
    let columns: [TableAnalysisColumn]
    /// The rules to pair up (indices into the table's rules).
    let rules: [Int]

    /// Calls `body(a, b)` with a < b once for each pair of `rules` that both match some combination.
    /// Stops and returns false after looking at `budget` pairs.
    @discardableResult
    func forEachOverlap(budget: Int = .max, _ body: (Int, Int) -> Void) -> Bool {
        let live = rules.filter { r in columns.allSatisfy { !$0.accepted[r].isEmpty } }
        guard live.count > 1, let c = columns.indices.min(by: { proposals(in: $0, live) < proposals(in: $1, live) }) else { return true }
        var looked = 0
        let column = columns[c]
        var runs: [(start: Int, end: Int, rule: Int)] = []
        for r in live { for range in column.accepted[r].ranges { runs.append((range.lowerBound, range.upperBound, r)) } }
        runs.sort { ($0.start, $0.rule) < ($1.start, $1.rule) }
        var open: [Int] = []   // indices into runs that may still overlap later ones
        for (i, run) in runs.enumerated() {
            var j = 0
            while j < open.count {
                let other = runs[open[j]]
                if other.end <= run.start { open.swapAt(j, open.count - 1); open.removeLast(); continue }
                j += 1
                looked += 1
                if looked > budget { return false }
                let (a, b) = other.rule < run.rule ? (other.rule, run.rule) : (run.rule, other.rule)
                // Rules with several runs here may meet in several places: count the pair where they first meet.
                if column.accepted[a].ranges.count > 1 || column.accepted[b].ranges.count > 1,
                   let first = column.accepted[a].firstCommonRank(column.accepted[b]),
                   !(max(run.start, other.start)..<min(run.end, other.end)).contains(first) { continue }
                if columns.indices.allSatisfy({ $0 == c || columns[$0].accepted[a].intersects(columns[$0].accepted[b]) }) {
                    body(a, b)
                }
            }
            open.append(i)
        }
        return true
    }

    /// How many pairs of runs in column `c` overlap (an upper bound on the pairs a sweep over it proposes).
    private func proposals(in c: Int, _ live: [Int]) -> Int {
        var starts: [Int] = [], ends: [Int] = []
        for r in live { for range in columns[c].accepted[r].ranges { starts.append(range.lowerBound); ends.append(range.upperBound) } }
        starts.sort()
        ends.sort()
        func countBelow(_ sorted: [Int], _ limit: Int, inclusive: Bool) -> Int {
            var low = 0, high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if sorted[mid] < limit || (inclusive && sorted[mid] == limit) { low = mid + 1 } else { high = mid }
            }
            return low
        }
        var total = 0
        for r in live {
            for range in columns[c].accepted[r].ranges {
                // Runs that start before this one ends, less those that end before it starts, less itself.
                total += countBelow(starts, range.upperBound, inclusive: false) - countBelow(ends, range.lowerBound, inclusive: true) - 1
            }
        }
        return total / 2
    }
}

/// The rules of a table grouped by identical entries (what each accepts in every column, and whether it is `-`) and,
/// when given, identical outputs.
struct RowClasses {
    /// Each class's rules, in table order.
    private(set) var members: [[Int]] = []
    private(set) var classOf: [Int]

    private struct Key: Hashable {
        var accepted: [RankRanges]
        var wildcard: [Bool]
        var outputs: [String]
    }

    init(columns: [TableAnalysisColumn], outputs: [[String]], rules: Int) {
        classOf = [Int](repeating: 0, count: rules)
        var classByKey: [Key: Int] = [:]
        for r in 0..<rules {
            let key = Key(accepted: columns.map { $0.accepted[r] }, wildcard: columns.map { $0.wildcard[r] },
                          outputs: outputs.isEmpty ? [] : outputs[r])
            if let known = classByKey[key] {
                classOf[r] = known
                members[known].append(r)
            } else {
                classOf[r] = members.count
                classByKey[key] = members.count
                members.append([r])
            }
        }
    }
}

private extension Array where Element == Int {
    /// The first index whose element is past the sorted array's elements that fail `isPast`.
    func partitioningIndex(where isPast: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if isPast(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
