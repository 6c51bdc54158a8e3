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

    /// Where the rows a value toggles in a column lie in `toggledRows`: first those it turns on (a literal cell
    /// listing it), then those it turns off (a `not(…)` cell listing it); and whether the input values list it.
    struct Entry: Sendable {
        var on: Range<Int32>
        var off: Range<Int32>
        var allowed: Bool
    }

    /// An input value as the index sees it: its kind and its entry (-1: nothing in its column lists it).
    struct Probe {
        var kind: Kind
        var entry: Int32
    }

    /// The output values of a rule whose output entries are all literals, with the table's value for that rule
    /// and the problems of values outside their column's allowed output values.
    private struct ConstantOutput {
        let values: [FEELValue]
        let result: FEELValue
        let problems: [String]
    }

    /// What evaluation reads of the table, kept here so that it never copies the table (not the table itself: its
    /// cache holds this object).
    let hitPolicy: HitPolicy
    let inputs: [DecisionTable.Input]
    let outputs: [DecisionTable.Output]
    let rules: [DecisionTable.Rule]
    let rowCount: Int
    let wordCount: Int
    let columnCount: Int
    /// Column × kind × word: the rows each column lets through for an input of each kind before the value is
    /// looked up: `-`, cells left to the evaluator, and `not(…)` literal cells (turned off for values they list).
    let bases: [UInt64]
    /// Per column, the entry of each string and number a cell or the input values list; booleans by column × 2
    /// (false, true), -1 where none does. Apart by kind, so that a lookup hashes only the input's own value.
    let stringEntries: [(keys: [String], index: StringIndex, entries: [Int32])]
    let numberEntries: [[FEELNumber: Int32]]
    let booleanEntries: [Int32]
    let entries: [Entry]
    let toggledRows: [Int32]
    /// Per column, the entry of a null input (cells listing `null`).
    let nullEntries: [Int32]
    /// Per column, the kind of its literal input values (`Kind.count` when they are nulls only; -1 when the column
    /// has no input values of one kind, so they are left to the evaluator), and whether they are negated.
    let allowedKinds: [Int8]
    let allowedNegated: [Bool]
    /// Per column, whether it has input values at all (checked before copying them out of the column).
    let hasInputValues: [Bool]
    /// Per input column, how to read its value without an evaluator when the expression is a name or a path.
    let inputReaders: [InputReader?]
    /// Per input column, the name it reads when its expression is a name (`member` nil) or a context entry
    /// (`name.member`): read without copying a reader.
    let inputNames: [(name: String, member: String?)?]
    /// Per input column, whether reading it can report no problem once its reader finds a value: a name, a context
    /// entry or a literal, in a column without input values. A FIRST table reads these only for the rows it tries.
    let quietColumns: [Bool]
    let quietOnly: Bool
    /// Per row, the columns whose cells are not `-` (bit per column), for a table of at most 64 rows and columns.
    let testedColumns: [UInt64]
    /// FIRST tables of at most 64 rows and columns are evaluated row by row when no trace is asked for, reading
    /// each column only when a row tried tests it (see `TableEvaluator`).
    let readsLazily: Bool
    /// Rows × columns, row-major; see `decided(_:for:)`.
    let cells: [UInt8]
    /// Per rule whose output entries are all literals, its output values (nil for other rules); the table's value
    /// when it is the one hit, made once; and the problems of values outside their column's allowed output values
    /// (empty for most). Apart, so that evaluation copies out only what it uses.
    let constantValues: [[FEELValue]?]
    let constantResults: [FEELValue?]
    let constantProblems: [[String]]
    /// Per rule without constant outputs, how to read each output entry without an evaluator (see `InputReader`).
    let outputReaders: [[InputReader?]]
    /// The output columns that have output values, checked for the outputs of rules without constant ones.
    let checkedOutputs: [Int]
    /// Rows × columns: the index in `numberTests` of a cell that compares numbers with literals (-1 for others).
    let numberCells: [Int32]
    let numberTests: [NumberTests]
    /// The output names when there are several and they are distinct: the keys of every rule's context value.
    let distinctOutputNames: [String]?
    /// Per output column, its literal output values (their order is the priority), nil when it has none.
    let outputPriorities: [[FEELValue]?]
    /// Per rule with constant outputs, its output priority (see `TableEvaluator.rank`), made once; only OUTPUT ORDER
    /// sorts by it (nil for every rule of other tables: ranking every rule was a tenth of compiling a table).
    let constantRanks: [[Int]?]
    /// The table's value when no rule matches, made once when every default output entry is a plain literal.
    let constantDefault: FEELValue?
    let annotationNames: [String]
    /// Each rule as a trace reports it, in an array of its own (the rules of a single hit need no new array), made
    /// when the rule is first traced: its annotations are read only then (see `StoredTexts`).
    private let ruleHitsMade: Mutex<[[DecisionTrace.RuleHit]?]>

    private static let wildcardBit: UInt8 = 0x80
    private static let literalBit: UInt8 = 0x40

    init(_ table: DecisionTable) {
        (hitPolicy, inputs, outputs, rules) = (table.hitPolicy, table.inputs, table.outputs, table.rules)
        rowCount = table.rules.count
        wordCount = (rowCount + 63) / 64
        columnCount = table.inputs.count
        inputReaders = table.inputs.map { InputReader($0.expression) }
        inputNames = inputReaders.map { reader in
            switch reader {
            case .name(let name)?: (name, nil)
            case .entry(let name, let member)?: (name, member)
            default: nil
            }
        }
        quietColumns = zip(inputReaders, table.inputs).map { reader, input in
            input.inputValues == nil && reader?.isQuiet == true
        }
        quietOnly = !quietColumns.contains(false)
        var cells = [UInt8](repeating: Self.wildcardBit, count: rowCount * columnCount)
        // Rules read by index here and below: a cold run compiles every table, and iterating copies each rule.
        for row in table.rules.indices {
            let entries = table.rules[row].inputEntries
            for column in 0..<min(columnCount, entries.count) {
                cells[row * columnCount + column] = Self.flags(entries[column])
            }
        }
        self.cells = cells
        readsLazily = table.hitPolicy == .first && rowCount > 0 && rowCount <= 64 && columnCount > 0 && columnCount <= 64
        testedColumns = !readsLazily ? [] : (0..<rowCount).map { [columnCount] row in
            (0..<columnCount).reduce(UInt64(0)) { mask, column in
                cells[row * columnCount + column] & Self.wildcardBit == 0 ? mask | 1 << UInt64(column) : mask
            }
        }
        var index = Index(wordCount: wordCount)
        for column in 0..<columnCount { index.add(column, of: table, cells: cells) }
        (bases, entries, toggledRows, nullEntries) = (index.bases, index.entries, index.toggledRows, index.nullEntries)
        (numberEntries, booleanEntries) = (index.numberEntries, index.booleanEntries)
        stringEntries = index.stringEntries.map { (keys: $0.keys, index: StringIndex($0.keys), entries: $0.entries) }
        (allowedKinds, allowedNegated) = (index.allowedKinds, index.allowedNegated)
        hasInputValues = table.inputs.map { $0.inputValues != nil }
        let outputNames = table.outputs.map { $0.name ?? "" }
        let distinctNames = outputNames.count > 1 && Set(outputNames).count == outputNames.count ? outputNames : nil
        distinctOutputNames = distinctNames
        let constantOutputs = table.rules.indices.map { Self.constantOutput(table.rules[$0], of: table, names: distinctNames) }
        constantValues = constantOutputs.map { $0?.values }
        constantResults = constantOutputs.map { $0?.result }
        constantProblems = constantOutputs.map { $0?.problems ?? [] }
        outputReaders = table.rules.indices.map { row in
            constantOutputs[row] == nil ? table.rules[row].outputEntries.map { InputReader($0) } : []
        }
        checkedOutputs = table.outputs.indices.filter { table.outputs[$0].outputValues != nil }
        var numberCells = [Int32](repeating: -1, count: rowCount * columnCount)
        var numberTests: [NumberTests] = []
        for row in table.rules.indices {
            let entries = table.rules[row].inputEntries
            for column in 0..<min(columnCount, entries.count) where cells[row * columnCount + column] == 0 {
                guard let tests = NumberTests(entries[column]) else { continue }
                numberCells[row * columnCount + column] = Int32(numberTests.count)
                numberTests.append(tests)
            }
        }
        (self.numberCells, self.numberTests) = (numberCells, numberTests)
        outputPriorities = table.outputs.map { $0.outputValues?.literalValues }
        constantRanks = table.hitPolicy != .outputOrder ? Array(repeating: nil, count: rowCount)
            : constantValues.map { [outputPriorities] in $0.map { TableEvaluator.rank($0, outputPriorities) } }
        if !table.outputs.contains(where: { $0.defaultOutputEntry != nil }) {
            constantDefault = .null
        } else {
            let defaults = table.outputs.map { $0.defaultOutputEntry.map { $0.plainLiteral } ?? .null }
            constantDefault = defaults.contains { $0 == nil } ? nil : TableEvaluator.result(defaults.map { $0! }, outputs: table.outputs)
        }
        annotationNames = table.annotationNames
        ruleHitsMade = Mutex(Array(repeating: nil, count: rowCount))
    }

    /// Rule `index` as a trace reports it, in an array of its own.
    func ruleHits(_ index: Int) -> [DecisionTrace.RuleHit] {
        ruleHitsMade.withLock { made in
            if let known = made[index] { return known }
            let rule = rules[index]
            let hits = [DecisionTrace.RuleHit(id: rule.id, row: rule.row,
                                              annotations: zip(annotationNames, rule.annotations).map { (name: $0, text: $1) },
                                              description: rule.description, location: rule.location)]
            made[index] = hits
            return hits
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

    /// The index while it is built, one column after the other.
    private struct Index {
        let wordCount: Int
        var bases: [UInt64] = []
        /// Per column, the strings listed in the order met and their entries.
        var stringEntries: [(keys: [String], entries: [Int32])] = []
        var numberEntries: [[FEELNumber: Int32]] = []
        var booleanEntries: [Int32] = []
        var entries: [Entry] = []
        var toggledRows: [Int32] = []
        var nullEntries: [Int32] = []
        var allowedKinds: [Int8] = []
        var allowedNegated: [Bool] = []

        init(wordCount: Int) { self.wordCount = wordCount }

        mutating func add(_ column: Int, of table: DecisionTable, cells: [UInt8]) {
            let rows = table.rules.count, columns = table.inputs.count
            // Kind after kind, `wordCount` words each: one array, not one per kind checked for uniqueness per row.
            var base = [UInt64](repeating: 0, count: Kind.count * wordCount)
            // Each value listed gets a number in the order met (its entry's place after the null entry), in the
            // dictionaries a lookup reads; a cell's toggles are kept as (number, row, off) and laid out per value
            // once the column is read: no pair of arrays per value.
            var strings: [String: Int32] = [:], numbers: [FEELNumber: Int32] = [:], booleans: [Int32] = [-1, -1]
            // The strings again in the order met, with their numbers: the entries are laid out from these, without
            // hashing every key again.
            var stringKeys: [String] = [], stringNumbers: [Int32] = []
            var count: Int32 = 0
            func number(_ key: Key) -> Int32 {
                func next() -> Int32 { count += 1; return count - 1 }
                switch key {
                case .string(let s):
                    if let n = strings[s] { return n }
                    // Sized once for the column's rows rather than grown step by step.
                    if strings.isEmpty { strings.reserveCapacity(rows) }
                    let n = next()
                    strings[s] = n
                    stringKeys.append(s)
                    stringNumbers.append(n)
                    return n
                case .number(let v): if let n = numbers[v] { return n }; let n = next(); numbers[v] = n; return n
                case .boolean(let b):
                    if booleans[b ? 1 : 0] < 0 { booleans[b ? 1 : 0] = next() }
                    return booleans[b ? 1 : 0]
                }
            }
            var toggles: [(value: Int32, row: Int32, off: Bool)] = []
            toggles.reserveCapacity(rows)
            var null: (on: [Int32], off: [Int32]) = ([], [])
            // Distinct keys of a cell in an array (a cell lists a value or a few, fewer than a set is worth hashing
            // for), one array for the column.
            var listed: [Key] = []
            for row in 0..<rows {
                let flags = cells[row * columns + column]
                let bit = UInt64(1) << UInt64(row & 63)
                guard flags & literalBit != 0, let literals = table.rules[row].inputEntries[column].literals else {
                    // `-` and cells left to the evaluator: through for every kind.
                    for kind in 0..<Kind.count { base[kind * wordCount + (row >> 6)] |= bit }
                    continue
                }
                let negated = literals.negated
                for kind in 0..<Kind.count where negated || !decided(flags, for: Kind(rawValue: kind)!) {
                    base[kind * wordCount + (row >> 6)] |= bit
                }
                listed.removeAll(keepingCapacity: true)
                var listsNull = false
                for value in literals.values {
                    if let key = Key(value) {
                        if !listed.contains(key) { listed.append(key) }
                    } else {
                        listsNull = true
                    }
                }
                // Indexed only where the cell is decided for the key's kind; elsewhere the evaluator decides.
                for key in listed where decided(flags, for: key.kind) {
                    toggles.append((number(key), Int32(row), negated))
                }
                if listsNull {
                    if negated { null.off.append(Int32(row)) } else { null.on.append(Int32(row)) }
                }
            }
            bases += base
            var allowed: [Int32] = []
            var allowedKind: Int8 = -1
            if let literals = table.inputs[column].inputValues?.literals {
                var kinds: Set<Kind> = []
                for value in literals.values where value != .null { kinds.insert(Kind(value)) }
                if kinds.count <= 1 {
                    allowedKind = Int8(kinds.first?.rawValue ?? Kind.count)
                    // A loop, not `map(number)`: passing the nested function as a value boxes what it captures.
                    for value in literals.values { if let key = Key(value) { allowed.append(number(key)) } }
                }
                allowedNegated.append(literals.negated)
            } else {
                allowedNegated.append(false)
            }
            allowedKinds.append(allowedKind)
            nullEntries.append(Int32(entries.count))
            append(null.on, null.off, allowed: false)
            // Entries of the values in their numbers' order, each its rows on, then off, in row order.
            let first = Int32(entries.count)
            var ons = [Int32](repeating: 0, count: Int(count)), offs = ons
            for toggle in toggles { if toggle.off { offs[Int(toggle.value)] += 1 } else { ons[Int(toggle.value)] += 1 } }
            var isAllowed = [Bool](repeating: false, count: Int(count))
            for n in allowed { isAllowed[Int(n)] = true }
            var start = Int32(toggledRows.count)
            for n in 0..<Int(count) {
                let on = start..<start + ons[n], off = on.upperBound..<on.upperBound + offs[n]
                entries.append(Entry(on: on, off: off, allowed: isAllowed[n]))
                (ons[n], offs[n], start) = (on.lowerBound, off.lowerBound, off.upperBound)
            }
            toggledRows += repeatElement(0, count: Int(start) - toggledRows.count)
            for toggle in toggles {
                let n = Int(toggle.value)
                if toggle.off { toggledRows[Int(offs[n])] = toggle.row; offs[n] += 1 } else { toggledRows[Int(ons[n])] = toggle.row; ons[n] += 1 }
            }
            stringEntries.append((stringKeys, stringNumbers.map { first + $0 }))
            // Most columns list no number, and mapping even an empty dictionary allocates.
            numberEntries.append(numbers.isEmpty ? [:] : numbers.mapValues { first + $0 })
            booleanEntries += booleans.map { $0 < 0 ? -1 : first + $0 }
        }

        private mutating func append(_ on: [Int32], _ off: [Int32], allowed: Bool) {
            let start = Int32(toggledRows.count)
            toggledRows += on
            toggledRows += off
            entries.append(Entry(on: start..<start + Int32(on.count), off: start + Int32(on.count)..<Int32(toggledRows.count), allowed: allowed))
        }
    }

    /// `names`: the distinct output names, when they are, shared by every rule's context as evaluation shares them.
    private static func constantOutput(_ rule: DecisionTable.Rule, of table: DecisionTable, names: [String]?) -> ConstantOutput? {
        guard rule.outputEntries.count == table.outputs.count else { return nil }
        var values: [FEELValue] = []
        values.reserveCapacity(table.outputs.count)
        var problems: [String] = []
        // By index, not zipped: a cold run reads every rule, and zipping copies each output and entry.
        for column in table.outputs.indices {
            guard let value = rule.outputEntries[column].plainLiteral else { return nil }
            // Allowed values are checked here only when they are literals too, so no scope can change the outcome.
            if let allowed = table.outputs[column].outputValues {
                guard allowed.literals != nil else { return nil }
                if value != .null, !allowed.matches(value, scope: FEELScope()) {
                    problems.append("rule \(rule.row): output \(table.outputs[column].name ?? "") = \(value) is not one of its output values \(allowed.source)")
                }
            }
            values.append(value)
        }
        let result = names.map { FEELValue.context(FEELContext(distinctKeys: $0, values: values)) }
            ?? TableEvaluator.result(values, outputs: table.outputs)
        return ConstantOutput(values: values, result: result, problems: problems)
    }

    /// The value of an input column read without the evaluator, nil when only the evaluator can tell.
    @inline(__always)
    func read(column: Int, _ scope: FEELScope) -> FEELValue? {
        if let (name, member) = inputNames[column] {
            guard let member else { return scope[name] }
            return scope.member(member, of: name)
        }
        return inputReaders.withUnsafeBufferPointer { $0[column]?.read(scope) }
    }

    /// Whether `read(column:_:)` finds a value for a quiet column (see `quietColumns`), without copying it out.
    func canRead(column: Int, _ scope: FEELScope) -> Bool {
        if let (name, member) = inputNames[column] {
            return member == nil ? scope.contains(name) : scope.holdsContextOrNull(name)
        }
        return inputReaders.withUnsafeBufferPointer { $0[column]?.canRead(scope) ?? false }
    }

    /// The rows the index lets through in one column for a probed value, in a table of at most 64 rows: what
    /// `forEachMatch` makes of the column.
    func rows(column: Int, _ probe: Probe) -> UInt64 {
        var rows = bases[column * Kind.count + probe.kind.rawValue]
        guard probe.entry >= 0 else { return rows }
        let entry = entries[Int(probe.entry)]
        for i in entry.on { rows |= 1 << UInt64(toggledRows[Int(i)]) }
        for i in entry.off { rows &= ~(1 << UInt64(toggledRows[Int(i)])) }
        return rows
    }

    /// Whether the cell at `row`, `column` is `-`.
    func isWildcard(row: Int, column: Int) -> Bool { cells[row * columnCount + column] & Self.wildcardBit != 0 }

    /// Whether the cell at `row`, `column` lists literals (`"a", "b"`, `not(null)`): it names nothing.
    func isLiteral(row: Int, column: Int) -> Bool { cells[row * columnCount + column] & Self.literalBit != 0 }

    /// Calls `body` with each row the index lets through in one column for a probed value, in row order, and
    /// whether its cell is decided to match (else only the evaluator can tell whether it does).
    func forEachRow(column: Int, _ probe: Probe, _ body: (Int, Bool) -> Void) {
        guard rowCount > 0 else { return }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: wordCount) { rows in
            fill(rows, column: column, probe)
            for word in 0..<wordCount {
                var bits = rows[word]
                while bits != 0 {
                    let row = word * 64 + bits.trailingZeroBitCount
                    bits &= bits - 1
                    body(row, Self.decided(cells[row * columnCount + column], for: probe.kind))
                }
            }
        }
    }

    /// The rows the index lets through in one column for a probed value, `wordCount` words.
    @inline(__always)
    private func fill(_ rows: UnsafeMutableBufferPointer<UInt64>, column: Int, _ probe: Probe) {
        let base = (column * Kind.count + probe.kind.rawValue) * wordCount
        for i in 0..<wordCount { rows[i] = bases[base + i] }
        guard probe.entry >= 0 else { return }
        let entry = entries[Int(probe.entry)]
        for i in entry.on { let row = toggledRows[Int(i)]; rows[Int(row) >> 6] |= 1 << UInt64(row & 63) }
        for i in entry.off { let row = toggledRows[Int(i)]; rows[Int(row) >> 6] &= ~(1 << UInt64(row & 63)) }
    }

    /// Whether the index decides the cell at `row`, `column` for an input of `kind` (else the evaluator does).
    func decides(row: Int, column: Int, _ kind: Kind) -> Bool {
        Self.decided(cells[row * columnCount + column], for: kind)
    }

    /// How the index sees a value in a column.
    func probe(_ value: FEELValue, column: Int) -> Probe {
        let kind = Kind(value)
        if kind == .null { return Probe(kind: .null, entry: nullEntries[column]) }
        guard let key = Key(value) else { return Probe(kind: kind, entry: -1) }
        switch key {
        case .string(let s):
            let strings = stringEntries[column]
            return Probe(kind: kind, entry: strings.index.position(of: s, in: strings.keys).map { strings.entries[$0] } ?? -1)
        case .number(let n): return Probe(kind: kind, entry: numberEntries[column][n] ?? -1)
        case .boolean(let b): return Probe(kind: kind, entry: booleanEntries[column * 2 + (b ? 1 : 0)])
        }
    }

    /// Whether a non-null value is one of the column's input values, as `FEELUnaryTests.matches` says; nil when the
    /// column has none, or when only the evaluator decides.
    func isAllowed(_ probe: Probe, column: Int) -> Bool? {
        let kind = allowedKinds[column]
        guard kind >= 0, kind == Kind.count || kind == probe.kind.rawValue else { return nil }
        return (probe.entry >= 0 && entries[Int(probe.entry)].allowed) != allowedNegated[column]
    }

    /// A cell the index leaves to the evaluator, decided without it where that is plain: a number compared with
    /// number literals. Nil when the evaluator must decide.
    func test(row: Int, column: Int, _ value: FEELValue) -> Bool? {
        let index = numberCells[row * columnCount + column]
        guard index >= 0 else { return nil }
        let tests = numberTests[Int(index)]
        if case .number(let number) = value { return tests.matches(number) }
        // Comparing anything else (null included) with a number is false or null, never true: a cell of such tests
        // does not match it. Its negation depends on which, so the evaluator decides that.
        return tests.negated ? nil : false
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
                let base = (column * Kind.count + probe.kind.rawValue) * wordCount
                guard probe.entry >= 0, case let entry = entries[Int(probe.entry)], !entry.on.isEmpty || !entry.off.isEmpty else {
                    for i in 0..<wordCount { candidates[i] &= bases[base + i] }
                    continue
                }
                fill(scratch, column: column, probe)
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

/// A cell of comparisons and intervals with number literals (`< 18`, `[1..4]`, `not(> 3, 7)`): for a number input
/// each test is plainly true or false, so the cell is what the evaluator's `testAny` makes of them.
struct NumberTests: Sendable {
    struct Bound: Sendable {
        let value: FEELNumber
        let closed: Bool
    }

    let ranges: [(low: Bound?, high: Bound?)]
    let negated: Bool

    init?(_ cell: FEELUnaryTests) {
        let tests: [FEELUnaryTestNode]
        switch cell.body {
        case .any: return nil
        case .positive(let list): (tests, negated) = (list, false)
        case .negated(let list, _): (tests, negated) = (list, true)
        }
        func number(_ node: FEELNode) -> FEELNumber? {
            if case .number(let n)? = FEELExpression.plainLiteral(node) { return n }
            return nil
        }
        var ranges: [(low: Bound?, high: Bound?)] = []
        for test in tests {
            switch test {
            case .comparison(let op, let node, _):
                guard let n = number(node) else { return nil }
                switch op {
                case .equal: ranges.append((Bound(value: n, closed: true), Bound(value: n, closed: true)))
                case .less: ranges.append((nil, Bound(value: n, closed: false)))
                case .lessOrEqual: ranges.append((nil, Bound(value: n, closed: true)))
                case .greater: ranges.append((Bound(value: n, closed: false), nil))
                case .greaterOrEqual: ranges.append((Bound(value: n, closed: true), nil))
                case .notEqual: return nil
                }
            case .interval(let startClosed, let low, let high, let endClosed, _):
                guard let a = number(low), let b = number(high) else { return nil }
                ranges.append((Bound(value: a, closed: startClosed), Bound(value: b, closed: endClosed)))
            case .expression(let node, false):
                guard let n = number(node) else { return nil }
                ranges.append((Bound(value: n, closed: true), Bound(value: n, closed: true)))
            case .expression:
                return nil
            }
        }
        if ranges.isEmpty { return nil }
        self.ranges = ranges
    }

    func matches(_ input: FEELNumber) -> Bool {
        let hit = ranges.contains { range in
            if let low = range.low, low.closed ? input < low.value : !(low.value < input) { return false }
            if let high = range.high, high.closed ? high.value < input : !(input < high.value) { return false }
            return true
        }
        return hit != negated
    }
}

/// Reads an expression of a cell or column without the FEEL evaluator where that is plain: a name (`age`) or a
/// context entry (`applicant.age`) from the scope, a literal, `list contains(name, literal)`, and `and`/`or` of
/// these. Gives nil wherever only the evaluator knows the answer (a name not in the scope, an argument of another
/// type, a non-boolean operand): it then evaluates the whole expression and reports what it finds.
enum InputReader: Sendable {
    case name(String)
    case entry(String, String)
    case literal(FEELValue)
    // Only the cases that nest are boxed: a plain name is read without following a pointer.
    indirect case listContains(InputReader, FEELValue)
    indirect case and(InputReader, InputReader)
    indirect case or(InputReader, InputReader)

    init?(_ expression: FEELExpression) {
        self.init(expression.root)
    }

    init?(_ node: FEELNode) {
        switch node.kind {
        case .name(let name): self = .name(name)
        case .path(let target, let member):
            guard case .name(let name) = target.kind else { return nil }
            self = .entry(name, member)
        case .call(let callee, let arguments):
            guard case .name("list contains") = callee.kind, arguments.count == 2, arguments.allSatisfy({ $0.name == nil }),
                  let list = InputReader(arguments[0].value), let element = FEELExpression.plainLiteral(arguments[1].value)
            else { return nil }
            self = .listContains(list, element)
        case .and(let left, let right):
            guard let a = InputReader(left), let b = InputReader(right) else { return nil }
            self = .and(a, b)
        case .or(let left, let right):
            guard let a = InputReader(left), let b = InputReader(right) else { return nil }
            self = .or(a, b)
        default:
            guard let value = FEELExpression.plainLiteral(node) else { return nil }
            self = .literal(value)
        }
    }

    /// Whether `canRead` can tell that `read` finds a value without reading it: a name, a context entry, a literal,
    /// `list contains` of a named list, and `and`/`or` of such tests.
    var isQuiet: Bool {
        switch self {
        case .name, .entry, .literal: true
        case .listContains(.name, _): true
        case .and(let left, let right), .or(let left, let right): left.isBooleanTest && right.isBooleanTest
        default: false
        }
    }

    private var isBooleanTest: Bool {
        switch self {
        case .listContains(.name, _): true
        case .and(let left, let right), .or(let left, let right): left.isBooleanTest && right.isBooleanTest
        default: false
        }
    }

    /// For a quiet reader (see `isQuiet`), whether `read` finds a value, told from what names the scope binds.
    func canRead(_ scope: FEELScope) -> Bool {
        switch self {
        case .name(let name): scope.contains(name)
        case .entry(let name, _): scope.holdsContextOrNull(name)
        case .literal: true
        case .listContains(.name(let name), _): !scope.contains("list contains") && scope.holdsList(name)
        case .and(let left, let right), .or(let left, let right): left.canRead(scope) && right.canRead(scope)
        default: false
        }
    }

    func read(_ scope: FEELScope) -> FEELValue? {
        switch self {
        case .name(let name):
            return scope[name]
        case .entry(let name, let member):
            return scope.member(member, of: name)
        case .literal(let value):
            return value
        case .listContains(let list, let element):
            // A name in scope may shadow the built-in.
            guard scope["list contains"] == nil, case .list(let items)? = list.read(scope) else { return nil }
            return .boolean(items.contains { FEELSemantics.equals($0, element) == true })
        case .and(let left, let right):
            // `false and x` never looks at x; otherwise both must be booleans (the evaluator reports others).
            guard case .boolean(let a)? = left.read(scope) else { return nil }
            if !a { return .boolean(false) }
            guard case .boolean(let b)? = right.read(scope) else { return nil }
            return .boolean(b)
        case .or(let left, let right):
            guard case .boolean(let a)? = left.read(scope) else { return nil }
            if a { return .boolean(true) }
            guard case .boolean(let b)? = right.read(scope) else { return nil }
            return .boolean(b)
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
    var plainLiteral: FEELValue? { Self.plainLiteral(root) }

    static func plainLiteral(_ node: FEELNode) -> FEELValue? {
        switch node.kind {
        case .literal(let value): return value
        case .negate(let inner):
            if case .literal(.number(let number)) = inner.kind { return .number(FEELNumber.negate(number)) }
            return nil
        default: return nil
        }
    }
}

/// Holds a table's compiled form, built at the first evaluation and shared by every copy of the table. Read
/// without a lock: two threads evaluating a table for the first time may both build it, and one copy wins. A word
/// holding a retained reference rather than `AtomicLazyReference`, whose load is not specialised across modules
/// and looked up generic metadata at every evaluation.
final class CompiledTableCache: Sendable {
    private let bits = Atomic<UInt>(0)

    func get(_ table: DecisionTable) -> CompiledTable {
        let stored = bits.load(ordering: .acquiring)
        if stored != 0 { return Self.table(stored).takeUnretainedValue() }
        let built = Unmanaged.passRetained(CompiledTable(table))
        let mine = UInt(bitPattern: built.toOpaque())
        let (exchanged, original) = bits.compareExchange(expected: 0, desired: mine, ordering: .acquiringAndReleasing)
        if exchanged { return built.takeUnretainedValue() }
        built.release()
        return Self.table(original).takeUnretainedValue()
    }

    private static func table(_ bits: UInt) -> Unmanaged<CompiledTable> {
        Unmanaged.fromOpaque(UnsafeRawPointer(bitPattern: bits)!)
    }

    deinit {
        let stored = bits.load(ordering: .acquiring)
        if stored != 0 { Self.table(stored).release() }
    }
}
