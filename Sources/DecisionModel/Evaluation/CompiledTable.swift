import Synchronization

/// A decision table arranged once, at its first evaluation, for evaluating it many times. Per column it knows which
/// rows each plain value matches (hashed), so finding the matching rows takes a few word operations per column
/// instead of a test per cell. Cells that are not plain literals (`< 18`, `[1..10)`, names) are still tested one by
/// one by the FEEL evaluator, only in rows every other column lets through. It gives exactly what testing every cell
/// gives: a literal cell is indexed for a kind of input value only where `LiteralTests` decides that cell without
/// the evaluator.
final class CompiledTable: Sendable {
    /// The kinds of input value the index tells apart: a literal cell is decided for a null input, and for an input
    /// of the kind of all its non-null values (a cell of nulls only, for any input).
    enum Kind: Int {
        case null = 0, string, boolean, number, other

        init(_ value: FEELValue) {
            switch value {
            case .null: self = .null
            case .string: self = .string
            case .boolean: self = .boolean
            case .number: self = .number
            default: self = .other
            }
        }

        static let count = 5
    }

    /// A plain value a literal cell lists (null is kept apart: it matches by kind, not by hash).
    enum Key: Hashable, Sendable {
        case string(String), boolean(Bool), number(FEELNumber)

        init?(_ value: FEELValue) {
            switch value {
            case .string(let s): self = .string(s)
            case .boolean(let b): self = .boolean(b)
            case .number(let n): self = .number(n)
            default: return nil
            }
        }
    }

    /// Rows whose cell a value turns on (a literal cell listing it) or off (a `not(…)` cell listing it).
    struct Toggles: Sendable {
        var on: [Int32] = []
        var off: [Int32] = []
    }

    /// What one plain value means in a column: the rows it toggles and whether the input values list it.
    struct Entry: Sendable {
        var toggles = Toggles()
        var allowed = false
    }

    /// The column's input values when they are literals of one kind (or nulls only).
    struct Allowed: Sendable {
        let kind: Kind?
        let negated: Bool
    }

    struct Column: Sendable {
        /// By kind of input value, the rows let through before the value is looked up: `-`, cells left to the
        /// evaluator, and `not(…)` literal cells (turned off for the values they list).
        let base: [[UInt64]]
        let keys: [Key: Int32]
        let entries: [Entry]
        /// What a null input toggles: cells listing `null`.
        let null: Toggles
        let allowed: Allowed?
    }

    /// An input value as the index sees it: its kind and its entry in the column (-1: no cell lists it).
    struct Probe {
        var kind: Kind
        var entry: Int32
    }

    /// The output values of a rule whose output entries are all literals, with the table's value for that rule
    /// and the problems of values outside their column's allowed output values.
    struct ConstantOutput: Sendable {
        let values: [FEELValue]
        let result: FEELValue
        let problems: [String]
    }

    let rowCount: Int
    let wordCount: Int
    let columnCount: Int
    let columns: [Column]
    /// Per input column, how to read its value without an evaluator when the expression is a name or a path.
    let inputReaders: [InputReader?]
    /// Rows × columns, row-major; see `decided(_:for:)`.
    let cells: [UInt8]
    let constantOutputs: [ConstantOutput?]
    /// Each rule as a trace reports it.
    let ruleHits: [DecisionTrace.RuleHit]

    private static let wildcardBit: UInt8 = 0x80
    private static let literalBit: UInt8 = 0x40

    init(_ table: DecisionTable) {
        rowCount = table.rules.count
        wordCount = (rowCount + 63) / 64
        columnCount = table.inputs.count
        inputReaders = table.inputs.map { InputReader($0.expression) }
        var cells = [UInt8](repeating: Self.wildcardBit, count: rowCount * columnCount)
        for (row, rule) in table.rules.enumerated() {
            for column in 0..<min(columnCount, rule.inputEntries.count) {
                cells[row * columnCount + column] = Self.flags(rule.inputEntries[column])
            }
        }
        self.cells = cells
        columns = (0..<columnCount).map { Self.column($0, of: table, cells: cells) }
        constantOutputs = table.rules.map { Self.constantOutput($0, of: table) }
        ruleHits = table.rules.map { rule in
            DecisionTrace.RuleHit(id: rule.id, row: rule.row,
                                  annotations: zip(table.annotationNames, rule.annotations).map { (name: $0, text: $1) },
                                  description: rule.description, location: rule.location)
        }
    }

    private static func flags(_ cell: FEELUnaryTests) -> UInt8 {
        if cell.isWildcard { return wildcardBit }
        guard let literals = cell.literals else { return 0 }
        var flags = literalBit
        for value in literals.values where value != .null { flags |= 1 << UInt8(Kind(value).rawValue) }
        return flags
    }

    /// Whether a cell with these flags is decided by the index for an input of `kind` (`-` always is).
    @inline(__always)
    private static func decided(_ flags: UInt8, for kind: Kind) -> Bool {
        if flags & wildcardBit != 0 { return true }
        guard flags & literalBit != 0 else { return false }
        let others = flags & 0x3E & ~(1 << UInt8(kind.rawValue))
        return kind == .null || others == 0
    }

    private static func column(_ column: Int, of table: DecisionTable, cells: [UInt8]) -> Column {
        let rows = table.rules.count, words = (rows + 63) / 64, columns = table.inputs.count
        var base = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: Kind.count)
        var keys: [Key: Int32] = [:]
        var entries: [Entry] = []
        func entry(_ key: Key) -> Int {
            if let index = keys[key] { return Int(index) }
            keys[key] = Int32(entries.count)
            entries.append(Entry())
            return entries.count - 1
        }
        var null = Toggles()
        for row in 0..<rows {
            let flags = cells[row * columns + column]
            let cell = column < table.rules[row].inputEntries.count ? table.rules[row].inputEntries[column] : nil
            let negated = cell?.literals?.negated ?? false
            for kind in 0..<Kind.count where !decided(flags, for: Kind(rawValue: kind)!) || flags & wildcardBit != 0 || negated {
                base[kind][row >> 6] |= 1 << UInt64(row & 63)
            }
            guard flags & wildcardBit == 0, let literals = cell?.literals else { continue }
            var listed: Set<Key> = []
            var listsNull = false
            for value in literals.values {
                if let key = Key(value) { listed.insert(key) } else { listsNull = true }
            }
            // Indexed only where the cell is decided for the key's kind; elsewhere the evaluator decides.
            for key in listed where decided(flags, for: key.kind) {
                if negated { entries[entry(key)].toggles.off.append(Int32(row)) } else { entries[entry(key)].toggles.on.append(Int32(row)) }
            }
            if listsNull {
                if negated { null.off.append(Int32(row)) } else { null.on.append(Int32(row)) }
            }
        }
        var allowed: Allowed?
        if let literals = table.inputs[column].inputValues?.literals {
            let kinds = Set(literals.values.filter { $0 != .null }.map(Kind.init))
            if kinds.count <= 1 {
                allowed = Allowed(kind: kinds.first, negated: literals.negated)
                for value in literals.values { if let key = Key(value) { entries[entry(key)].allowed = true } }
            }
        }
        return Column(base: base, keys: keys, entries: entries, null: null, allowed: allowed)
    }

    private static func constantOutput(_ rule: DecisionTable.Rule, of table: DecisionTable) -> ConstantOutput? {
        guard rule.outputEntries.count == table.outputs.count else { return nil }
        var values: [FEELValue] = []
        var problems: [String] = []
        for (output, entry) in zip(table.outputs, rule.outputEntries) {
            guard let value = entry.plainLiteral else { return nil }
            // Allowed values are checked here only when they are literals too, so no scope can change the outcome.
            if let allowed = output.outputValues {
                guard allowed.literals != nil else { return nil }
                if value != .null, !allowed.matches(value, scope: FEELScope()) {
                    problems.append("rule \(rule.row): output \(output.name ?? "") = \(value) is not one of its output values \(allowed.source)")
                }
            }
            values.append(value)
        }
        return ConstantOutput(values: values, result: TableEvaluator.result(values, outputs: table.outputs), problems: problems)
    }

    /// How the index sees a (non-null or null) value in a column.
    func probe(_ value: FEELValue, column: Int) -> Probe {
        switch value {
        case .null: return Probe(kind: .null, entry: -1)
        case .string(let s): return Probe(kind: .string, entry: columns[column].keys[.string(s)] ?? -1)
        case .boolean(let b): return Probe(kind: .boolean, entry: columns[column].keys[.boolean(b)] ?? -1)
        case .number(let n): return Probe(kind: .number, entry: columns[column].keys[.number(n)] ?? -1)
        default: return Probe(kind: .other, entry: -1)
        }
    }

    /// Whether a non-null value is one of the column's input values, as `FEELUnaryTests.matches` says; nil when the
    /// column has none, or when only the evaluator decides.
    func isAllowed(_ probe: Probe, column: Int) -> Bool? {
        guard let allowed = columns[column].allowed else { return nil }
        if let kind = allowed.kind, kind != probe.kind { return nil }
        let listed = probe.entry >= 0 && columns[column].entries[Int(probe.entry)].allowed
        return listed != allowed.negated
    }

    /// Calls `body` with the index of each rule whose every input entry matches the probed values, in rule order,
    /// until it returns false. `test` decides a cell the index does not (row index, column index).
    func forEachMatch(_ probes: UnsafeBufferPointer<Probe>, test: (Int, Int) -> Bool, _ body: (Int) -> Bool) {
        guard rowCount > 0 else { return }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: wordCount * 2) { buffer in
            let candidates = UnsafeMutableBufferPointer(rebasing: buffer[0..<wordCount])
            let scratch = UnsafeMutableBufferPointer(rebasing: buffer[wordCount...])
            for i in 0..<wordCount { candidates[i] = ~0 }
            if rowCount % 64 != 0 { candidates[wordCount - 1] = (1 << UInt64(rowCount % 64)) - 1 }
            // A row with more cells than values given: its extra cells are not tested (as before compiling).
            let tested = min(columnCount, probes.count)
            for column in 0..<tested {
                let probe = probes[column]
                let entry = columns[column]
                let base = entry.base[probe.kind.rawValue]
                let toggles: Toggles? = probe.kind == .null ? entry.null
                    : probe.entry >= 0 ? entry.entries[Int(probe.entry)].toggles : nil
                guard let toggles, !toggles.on.isEmpty || !toggles.off.isEmpty else {
                    for i in 0..<wordCount { candidates[i] &= base[i] }
                    continue
                }
                for i in 0..<wordCount { scratch[i] = base[i] }
                for row in toggles.on { scratch[Int(row) >> 6] |= 1 << UInt64(row & 63) }
                for row in toggles.off { scratch[Int(row) >> 6] &= ~(1 << UInt64(row & 63)) }
                for i in 0..<wordCount { candidates[i] &= scratch[i] }
            }
            for word in 0..<wordCount {
                var bits = candidates[word]
                while bits != 0 {
                    let row = word * 64 + bits.trailingZeroBitCount
                    bits &= bits - 1
                    var matched = true
                    for column in 0..<tested where !Self.decided(cells[row * columnCount + column], for: probes[column].kind) {
                        if !test(row, column) { matched = false; break }
                    }
                    if matched, !body(row) { return }
                }
            }
        }
    }
}

/// Reads a plain name (`age`) or a context entry (`applicant.age`) from the scope as the evaluator would, or gives
/// nil where only the evaluator knows the answer (a name not in the scope: it reports that).
enum InputReader: Sendable {
    case name(String)
    case entry(String, String)

    init?(_ expression: FEELExpression) {
        switch expression.root.kind {
        case .name(let name): self = .name(name)
        case .path(let target, let member):
            guard case .name(let name) = target.kind else { return nil }
            self = .entry(name, member)
        default: return nil
        }
    }

    func read(_ scope: FEELScope) -> FEELValue? {
        switch self {
        case .name(let name):
            return scope[name]
        case .entry(let name, let member):
            switch scope[name] {
            case .context(let context)?: return context[member] ?? .null
            case .null?: return .null
            default: return nil
            }
        }
    }
}

private extension CompiledTable.Key {
    var kind: CompiledTable.Kind {
        switch self {
        case .string: .string
        case .boolean: .boolean
        case .number: .number
        }
    }
}

extension FEELExpression {
    /// The value when the expression is a literal the evaluator gives back unchanged (`"a"`, `2`, `-3`, `true`,
    /// `null`); temporal literals are left out, since a name in scope could shadow `date`.
    var plainLiteral: FEELValue? {
        switch root.kind {
        case .literal(let value): return value
        case .negate(let inner):
            if case .literal(.number(let number)) = inner.kind { return .number(FEELNumber.negate(number)) }
            return nil
        default: return nil
        }
    }
}

/// Holds a table's compiled form, built at the first evaluation and shared by every copy of the table.
final class CompiledTableCache: Sendable {
    private let compiled = Mutex<CompiledTable?>(nil)

    func get(_ table: DecisionTable) -> CompiledTable {
        compiled.withLock { compiled in
            if let compiled { return compiled }
            let built = CompiledTable(table)
            compiled = built
            return built
        }
    }
}
