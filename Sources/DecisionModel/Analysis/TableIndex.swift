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

    /// How many rows are in the set, counted without listing them.
    var memberCount: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

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

/// Per-column row indexes of one decision table: for each column, the rows whose entry is `-`, and which rows a
/// value can match. Read from the table's compiled form (`CompiledTable`), which indexes the same cells for
/// evaluation and is made in a run anyway: a cold run then indexes each table once, not twice.
struct TableIndex: Sendable {
    let compiled: CompiledTable
    let rowCount: Int
    let wildcard: [RowSet]
    /// Columns whose every row is `-` (no value of theirs can change which rows match).
    let untested: [Bool]
    /// Whether an entry names something from the scope (then the table is evaluated combination by combination).
    let entriesUseNames: Bool
    /// Each rule's outputs when no output entry names anything.
    let constantOutputs: [[FEELValue]?]

    init(_ table: DecisionTable) {
        let compiled = table.compiled
        self.compiled = compiled
        rowCount = table.rules.count
        var wildcard: [RowSet] = [], untested: [Bool] = []
        for column in table.inputs.indices {
            var any = RowSet(count: rowCount)
            for row in 0..<rowCount where compiled.isWildcard(row: row, column: column) { any.insert(row) }
            untested.append(any.memberCount == rowCount)
            wildcard.append(any)
        }
        self.wildcard = wildcard
        self.untested = untested
        // Only cells that are neither `-` nor literals can name anything.
        entriesUseNames = table.rules.indices.contains { row in
            table.inputs.indices.contains { column in
                !compiled.isWildcard(row: row, column: column) && !compiled.isLiteral(row: row, column: column)
                    && !table.rules[row].inputEntries[column].referencedNames.isEmpty
            }
        }
        constantOutputs = table.rules.indices.map { row in
            if let values = compiled.constantValues[row] { return values }
            let rule = table.rules[row]
            // Most entries are literals, which name nothing: read without a set of names or an evaluator.
            guard rule.outputEntries.allSatisfy({ $0.plainLiteral != nil || $0.referencedNames.isEmpty }) else { return nil }
            return rule.outputEntries.map { $0.plainLiteral ?? $0.evaluate(FEELScope()) }
        }
    }

    /// The rows whose entry in `column` matches `value` (`-` included).
    func rows(_ table: DecisionTable, column: Int, matching value: FEELValue) -> RowSet {
        rows(table, column: column, matching: value, probe: compiled.probe(value, column: column)).rows
    }

    /// The same from the value's probe, and whether the index decided every row alone: then every value with this
    /// probe matches the same rows.
    func rows(_ table: DecisionTable, column: Int, matching value: FEELValue,
              probe: CompiledTable.Probe) -> (rows: RowSet, byProbe: Bool) {
        var result = RowSet(count: rowCount)
        var byProbe = true
        compiled.forEachRow(column: column, probe) { row, decided in
            if !decided { byProbe = false }
            if decided || table.rules[row].inputEntries[column].matches(value, scope: FEELScope()) { result.insert(row) }
        }
        return (result, byProbe)
    }
}
