/// A set of rows of a decision table (0-based indices), one bit per row.
struct RowSet: Equatable, Sendable {
    private(set) var words: [UInt64]
    let count: Int

    init(count: Int, all: Bool = false) {
        self.count = count
        words = Array(repeating: all ? ~0 : 0, count: (count + 63) / 64)
        if all, count % 64 != 0, !words.isEmpty { words[words.count - 1] = (1 << UInt64(count % 64)) - 1 }
    }

    mutating func insert(_ row: Int) { words[row >> 6] |= 1 << UInt64(row & 63) }

    func contains(_ row: Int) -> Bool { words[row >> 6] & (1 << UInt64(row & 63)) != 0 }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    mutating func formUnion(_ other: RowSet) { for i in words.indices { words[i] |= other.words[i] } }
    mutating func formIntersection(_ other: RowSet) { for i in words.indices { words[i] &= other.words[i] } }
    mutating func subtract(_ other: RowSet) { for i in words.indices { words[i] &= ~other.words[i] } }

    var rows: [Int] {
        var result: [Int] = []
        for (i, word) in words.enumerated() {
            var w = word
            while w != 0 {
                let bit = w.trailingZeroBitCount
                result.append(i * 64 + bit)
                w &= w - 1
            }
        }
        return result
    }
}

/// A plain value usable as a hash key (null, booleans, numbers by value, strings, dates); nil for others.
enum ValueKey: Hashable, Sendable {
    case null, boolean(Bool), number(FEELNumber), string(String), date(FEELDate)

    init?(_ value: FEELValue) {
        switch value {
        case .null: self = .null
        case .boolean(let b): self = .boolean(b)
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        case .date(let d): self = .date(d)
        default: return nil
        }
    }
}

/// Per-column row indexes of one decision table: for each column, the rows whose entry is `-`, the rows each
/// plain value listed in an entry matches (`"a", "b"`, `2`, `true`), and the rows with any other entry, which are
/// tested one by one. So "which rows can this value match" is a few set operations instead of a scan.
struct TableIndex: Sendable {
    let rowCount: Int
    let wildcard: [RowSet]
    /// Columns whose every row is `-` (no value of theirs can change which rows match).
    let untested: [Bool]
    let listed: [[ValueKey: RowSet]]
    /// Rows of each column whose entry lists plain values (tested directly for a value with no key).
    let listedRows: [[Int]]
    let tested: [[Int]]
    /// Whether an entry names something from the scope (then the table is evaluated combination by combination).
    let entriesUseNames: Bool
    /// Each rule's outputs when no output entry names anything.
    let constantOutputs: [[FEELValue]?]

    init(_ table: DecisionTable) {
        rowCount = table.rules.count
        var wildcard: [RowSet] = [], listed: [[ValueKey: RowSet]] = [], listedRows: [[Int]] = [], tested: [[Int]] = []
        var usesNames = false
        for column in table.inputs.indices {
            var any = RowSet(count: rowCount)
            var byValue: [ValueKey: RowSet] = [:]
            var literalRows: [Int] = []
            var others: [Int] = []
            for (row, rule) in table.rules.enumerated() {
                let entry = rule.inputEntries[column]
                if !entry.referencedNames.isEmpty { usesNames = true }
                if entry.isWildcard { any.insert(row); continue }
                if let values = entry.literalValues, !values.isEmpty, values.allSatisfy({ ValueKey($0) != nil }) {
                    literalRows.append(row)
                    for value in values { byValue[ValueKey(value)!, default: RowSet(count: rowCount)].insert(row) }
                } else {
                    others.append(row)
                }
            }
            wildcard.append(any)
            listed.append(byValue)
            listedRows.append(literalRows)
            tested.append(others)
        }
        self.wildcard = wildcard
        let rows = rowCount
        untested = wildcard.map { $0.rows.count == rows }
        self.listed = listed
        self.listedRows = listedRows
        self.tested = tested
        entriesUseNames = usesNames
        constantOutputs = table.rules.map { rule in
            guard rule.outputEntries.allSatisfy({ $0.referencedNames.isEmpty }) else { return nil }
            // Most entries are literals: read without starting an evaluator (a cold run indexes every table).
            return rule.outputEntries.map { $0.plainLiteral ?? $0.evaluate(FEELScope()) }
        }
    }

    /// The rows whose entry in `column` matches `value` (`-` included).
    func rows(_ table: DecisionTable, column: Int, matching value: FEELValue) -> RowSet {
        var result = wildcard[column]
        if let key = ValueKey(value) {
            if let rows = listed[column][key] { result.formUnion(rows) }
        } else {
            for row in listedRows[column] where table.rules[row].inputEntries[column].matches(value, scope: FEELScope()) {
                result.insert(row)
            }
        }
        for row in tested[column] where table.rules[row].inputEntries[column].matches(value, scope: FEELScope()) {
            result.insert(row)
        }
        return result
    }
}
