/// Finite stand-ins for the values a decision-table column can take, for static analysis of tables.
///
/// Listed values (allowed values, booleans, the constant outputs of an upstream table) are used as they are.
/// Numbers and dates without a list are represented by the points around every literal the column's
/// entries mention — enough to tell apart every region the entries can distinguish.
public struct ColumnDomains: Sendable {
    public let model: DMNModel

    public init(model: DMNModel) { self.model = model }

    /// A string no rule can mention, standing for "any other text".
    public static let otherText = FEELValue.string("\u{1F}other")

    /// The values to try for column `index` of `table`; nil when the column cannot be enumerated.
    public func domain(_ table: DecisionTable, column index: Int) -> [FEELValue]? {
        let input = table.inputs[index]
        let entries = table.rules.map { $0.inputEntries[index] }
        let source = input.expression.source.trimmingWhitespace()
        // An unanswered or "unknown" input is null, so null is always a possible value.
        if let item = model.input(named: source) {
            return domain(typeRef: item.typeRef, entries: entries).map { [.null] + $0 }
        }
        // `decision.output` or `decision`: the constant outputs the upstream table can give.
        let parts = source.split(separator: ".", maxSplits: 1).map { String($0).trimmingWhitespace() }
        if let upstream = model.decision(named: parts[0]), let upstreamTable = upstream.decisionTable {
            let outputIndex: Int?
            if parts.count == 2 { outputIndex = upstreamTable.outputs.firstIndex { $0.name == parts[1] } }
            else { outputIndex = upstreamTable.outputs.count == 1 ? 0 : nil }
            guard let o = outputIndex else { return nil }
            var values: [FEELValue] = [.null]
            for rule in upstreamTable.rules {
                let expression = rule.outputEntries[o]
                guard expression.referencedNames.isEmpty else { return nil }
                values.append(expression.evaluate(FEELScope()))
            }
            if let d = upstreamTable.outputs[o].defaultOutputEntry?.evaluate(FEELScope()) { values.append(d) }
            return values.uniqued()
        }
        return nil
    }

    func domain(typeRef: String?, entries: [FEELUnaryTests]) -> [FEELValue]? {
        let base = model.baseType(of: typeRef)
        if base == "boolean" { return [.boolean(true), .boolean(false)] }
        if let listed = model.allowedValues(of: typeRef)?.literalValues { return listed }
        let mentioned = entries.flatMap { $0.literalValues ?? [] }
        if base == "number", let range = model.allowedValues(of: typeRef) {
            // A small bounded range such as [1..4] is taken to be whole numbers (classes, counts).
            let whole = (-10...10).map { FEELValue.number(FEELNumber($0)) }.filter { range.matches($0, scope: FEELScope()) }
            if !whole.isEmpty && whole.count <= 10 { return whole }
        }
        switch base {
        case "string"?:
            var values = mentioned.filter { if case .string = $0 { true } else { false } }
            values.append(Self.otherText)
            return values.uniqued()
        case "number"?:
            // Each number once and each point once, kept in first-seen order as they are made: a table of
            // 60,000 thresholds made 300,000 points, most of them twice, in arrays several times their size.
            var points: [FEELValue] = []
            var numbers: Set<FEELNumber> = [], seen: Set<FEELNumber> = []
            for entry in entries {
                for n in Self.numbers(in: entry.source) where numbers.insert(n).inserted {
                    for delta in Self.numberDeltas {
                        if let sum = FEELNumber.add(n, delta), seen.insert(sum).inserted { points.append(.number(sum)) }
                    }
                }
            }
            if points.isEmpty { points = [.number(FEELNumber(0))] }
            let allowed = model.allowedValues(of: typeRef)
            return allowed.map { allowed in points.filter { allowed.matches($0, scope: FEELScope()) } } ?? points
        case "date"?:
            var points: [FEELValue] = []
            for d in entries.flatMap({ Self.dates(in: $0.source) }) {
                for offset in ["-P1D", "P0D", "P1D"] {
                    if let shifted = try? FEELExpression("date(\"\(d)\") + duration(\"\(offset.replacingOccurrences(of: "-", with: ""))\") * \(offset.hasPrefix("-") ? -1 : 1)")
                        .evaluate(FEELScope()) {
                        points.append(shifted)
                    }
                }
            }
            return points.isEmpty ? [.date(FEELDate(iso8601: "2000-01-01")!)] : points.uniqued()
        default:
            return nil
        }
    }

    /// The points tried around each number an entry mentions, parsed once.
    private static let numberDeltas = ["-1", "-0.5", "0", "0.5", "1"].compactMap { FEELNumber($0) }

    /// Numeric literals written in an entry (`< 50000`, `[1..4]`).
    static func numbers(in source: String) -> [FEELNumber] {
        if source.utf8.allSatisfy({ $0 < 0x80 }) { return asciiNumbers(in: source) }
        var found: [FEELNumber] = []
        var current = ""
        var inString = false
        for c in source + " " {
            if c == "\"" { inString.toggle() }
            if !inString && (c.isNumber || (c == "." && !current.isEmpty && !current.contains("."))) {
                current.append(c)
            } else {
                if current.hasSuffix(".") { current.removeLast() }
                if let n = FEELNumber(current) { found.append(n) }
                current = ""
            }
        }
        return found
    }

    /// `numbers(in:)` for ASCII text, byte by byte (the same reading: among ASCII characters only the digits are
    /// numbers), without looking up character properties, which cost more than the rest of the table check.
    private static func asciiNumbers(in source: String) -> [FEELNumber] {
        var found: [FEELNumber] = []
        let bytes = Array(source.utf8) + [UInt8(ascii: " ")]
        var inString = false, start: Int?, hasDot = false
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\"") { inString.toggle() }
            let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if !inString && (digit || (byte == UInt8(ascii: ".") && start != nil && !hasDot)) {
                if start == nil { start = index }
                if byte == UInt8(ascii: ".") { hasDot = true }
            } else {
                if let first = start {
                    let end = bytes[index - 1] == UInt8(ascii: ".") ? index - 1 : index
                    if let n = FEELNumber(String(decoding: bytes[first..<end], as: UTF8.self)) { found.append(n) }
                }
                start = nil
                hasDot = false
            }
        }
        return found
    }

    /// Dates written as `date("YYYY-MM-DD")` in an entry.
    static func dates(in source: String) -> [String] {
        var found: [String] = []
        var rest = Substring(source)
        while let range = rest.range(of: "date(\"") {
            let after = rest[range.upperBound...]
            let text = String(after.prefix(10))
            if FEELDate(iso8601: text) != nil { found.append(text) }
            rest = after
        }
        return found
    }
}

extension Array where Element == FEELValue {
    /// The values without repeats, in first-seen order (scalars hashed, so a big table stays fast).
    func uniqued() -> [FEELValue] {
        var out: [FEELValue] = []
        var seen: Set<ScalarKey> = []
        var others: [FEELValue] = []
        for v in self {
            if let key = ScalarKey(v) {
                if seen.insert(key).inserted { out.append(v) }
            } else if !others.contains(v) {
                others.append(v)
                out.append(v)
            }
        }
        return out
    }
}
