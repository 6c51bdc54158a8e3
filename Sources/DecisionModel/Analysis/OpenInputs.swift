/// What is known of an input when the graph is evaluated over sets of values.
public enum InputState: Sendable, Equatable {
    /// The input has this value (null included: "unknown" for an input whose rules work it out themselves).
    case known(FEELValue)
    /// The input has one of its allowed values, not yet known which; `nullable` adds null as one more possibility
    /// (an answer still to be given that may be "unknown").
    case open(nullable: Bool)
}

/// One of the values an open input can take. Numbers and dates without a list of allowed values are split into
/// the ranges the tables tell apart (`< 50000`, `50000`, `> 50000`); such a range stands for every value in it.
public struct OpenCase: Sendable {
    /// The value; for a range or "other text", a value inside it that every table test treats like the rest.
    /// Nil for a value of a kind that cannot be enumerated at all.
    public var value: FEELValue?
    /// Bounds of a range (nil: unbounded on that side).
    public var lower: (value: FEELValue, inclusive: Bool)?
    public var upper: (value: FEELValue, inclusive: Bool)?
    /// Whether `value` only stands in for many values (a range, or every text the tables do not mention).
    public var standsForMany: Bool
    /// A text value not mentioned by any table.
    public var isOtherText: Bool

    /// Whether `value` is the value itself.
    public var isExact: Bool { value != nil && !standsForMany }

    public init(value: FEELValue?, lower: (value: FEELValue, inclusive: Bool)? = nil,
                upper: (value: FEELValue, inclusive: Bool)? = nil, standsForMany: Bool = false, isOtherText: Bool = false) {
        self.value = value
        self.lower = lower
        self.upper = upper
        self.standsForMany = standsForMany || lower != nil || upper != nil || isOtherText
        self.isOtherText = isOtherText
    }
}

/// An open input: a variable of the evaluation, with the values it can take.
public struct OpenVariable: Sendable {
    public var input: String
    public var cases: [OpenCase]
    /// The texts the tables mention, when the cases include "any other text".
    public var mentionedTexts: [FEELValue] = []

    /// Whether the cases split numbers or dates into ranges (conditions on them then read as ranges).
    public var isRanged: Bool { cases.contains { $0.standsForMany && !$0.isOtherText } }

    /// The FEEL unary test that says "one of these cases" for a ranged input (`< 50000`, `>= 50000`, `[10..20)`),
    /// or for "other text" alone (`not("a", "b")`); nil when the cases are plain values.
    public func test(_ indices: [Int]) -> String? {
        let sorted = indices.sorted()
        if sorted.count == 1, cases[sorted[0]].isOtherText {
            return "not(" + mentionedTexts.map(\.description).joined(separator: ", ") + ")"
        }
        guard isRanged else { return nil }
        // The ranges come first, in ascending order, each adjoining the next; a null case (an answer still to be
        // given may be "unknown") comes last.
        let last = cases.lastIndex { $0.standsForMany || $0.value != .null } ?? 0
        var runs: [(from: Int, to: Int)] = []
        for i in sorted where i <= last {
            if let previous = runs.last, previous.to == i - 1 { runs[runs.count - 1].to = i } else { runs.append((i, i)) }
        }
        var parts = runs.map { run -> String in
            let first = cases[run.from], final = cases[run.to]
            let lower = run.from == 0 ? nil : first.lower ?? first.value.map { ($0, true) }
            let upper = run.to == last ? nil : final.upper ?? final.value.map { ($0, true) }
            switch (lower, upper) {
            case (nil, nil): return "-"
            case (nil, let u?): return (u.inclusive ? "<= " : "< ") + u.value.description
            case (let l?, nil): return (l.inclusive ? ">= " : "> ") + l.value.description
            case (let l?, let u?):
                if l.value == u.value { return l.value.description }
                return (l.inclusive ? "[" : "(") + l.value.description + ".." + u.value.description + (u.inclusive ? "]" : ")")
            }
        }
        if sorted.contains(where: { $0 > last }) { parts.append("null") }
        return parts.joined(separator: ", ")
    }
}

extension DMNModel {
    /// The values an open input can take: a boolean's two, the allowed values listed for it, the whole numbers of
    /// a small range, or else the ranges (numbers, dates) and the texts its tables' tests tell apart.
    public func openCases(of input: InputData, nullable: Bool) -> OpenVariable {
        var variable = OpenVariable(input: input.name, cases: baseCases(of: input))
        if variable.cases.contains(where: \.isOtherText) {
            variable.mentionedTexts = variable.cases.filter { !$0.isOtherText }.compactMap(\.value)
        }
        if nullable { variable.cases.append(OpenCase(value: .null)) }
        return variable
    }

    private func baseCases(of input: InputData) -> [OpenCase] {
        let base = baseType(of: input.typeRef)
        if base == "boolean" { return [OpenCase(value: .boolean(true)), OpenCase(value: .boolean(false))] }
        let allowed = allowedValues(of: input.typeRef)
        if let listed = allowed?.literalValues { return listed.map { OpenCase(value: $0) } }
        if base == "number", let range = allowed {
            // A small bounded range such as [1..4] is taken to be whole numbers (classes, counts).
            let whole = (-10...10).map { FEELValue.number(FEELNumber($0)) }.filter { range.matches($0, scope: FEELScope()) }
            if !whole.isEmpty && whole.count <= 10 && !range.matches(.number(FEELNumber(11)), scope: FEELScope()) {
                return whole.map { OpenCase(value: $0) }
            }
        }
        let entries = testsOf(input.name)
        switch base {
        case "number"?:
            let points = entries.flatMap { ColumnDomains.numbers(in: $0.source) }.map(FEELValue.number)
            return ranges(points, allowed: allowed, anything: .number(FEELNumber(0))) { a, b in
                guard case .number(let x) = a, case .number(let y) = b, let sum = FEELNumber.add(x, y) else { return nil }
                return FEELNumber.divide(sum, FEELNumber(2)).map(FEELValue.number)
            } outside: { point, below in
                guard case .number(let n) = point else { return nil }
                return (below ? FEELNumber.subtract(n, FEELNumber(1)) : FEELNumber.add(n, FEELNumber(1))).map(FEELValue.number)
            }
        case "date"?:
            let points = entries.flatMap { ColumnDomains.dates(in: $0.source) }.compactMap(FEELDate.init(iso8601:)).map(FEELValue.date)
            return ranges(points, allowed: allowed, anything: FEELDate(iso8601: "2000-01-01").map(FEELValue.date)) { a, b in
                guard case .date(let x) = a, let next = Self.shift(x, days: 1), case .date(let y) = b, next < y else { return nil }
                return .date(next)
            } outside: { point, below in
                guard case .date(let d) = point else { return nil }
                return Self.shift(d, days: below ? -1 : 1).map(FEELValue.date)
            }
        case "string"?:
            var texts: [FEELValue] = []
            for entry in entries {
                for value in entry.literalValues ?? [] where value.stringValue != nil && !texts.contains(value) { texts.append(value) }
            }
            return texts.map { OpenCase(value: $0) } + [OpenCase(value: ColumnDomains.otherText, isOtherText: true)]
        default:
            return [OpenCase(value: nil)]
        }
    }

    private static func shift(_ date: FEELDate, days: Int) -> FEELDate? {
        let expression = try? FEELExpression("date(\"\(date)\") + duration(\"P\(abs(days))D\") * \(days < 0 ? -1 : 1)")
        if case .date(let shifted)? = expression?.evaluate(FEELScope()) { return shifted }
        return nil
    }

    /// The unary tests of every table column that is exactly this input.
    private func testsOf(_ name: String) -> [FEELUnaryTests] {
        var tests: [FEELUnaryTests] = []
        for decision in decisions {
            guard let table = decision.decisionTable else { continue }
            for (column, input) in table.inputs.enumerated() where input.expression.source.trimmingWhitespace() == name {
                tests += table.rules.map { $0.inputEntries[column] }
            }
        }
        return tests
    }

    /// Ranges split at every point: below the first, each point, between neighbours, above the last — each kept
    /// when a value inside it is allowed.
    private func ranges(_ mentioned: [FEELValue], allowed: FEELUnaryTests?, anything: FEELValue?,
                        between: (FEELValue, FEELValue) -> FEELValue?,
                        outside: (FEELValue, _ below: Bool) -> FEELValue?) -> [OpenCase] {
        let points = mentioned.uniqued().sorted { (TableEvaluator.less($0, $1) ?? false) }
        func ok(_ v: FEELValue) -> Bool { allowed?.matches(v, scope: FEELScope()) ?? true }
        guard let first = points.first, let last = points.last else {
            // No test compares it with anything: one case for every value (tests for null still work on it).
            return [OpenCase(value: anything.flatMap { ok($0) ? $0 : nil }, standsForMany: true)]
        }
        var cases: [OpenCase] = []
        if let below = outside(first, true), ok(below) {
            cases.append(OpenCase(value: below, upper: (first, false)))
        }
        for (i, point) in points.enumerated() {
            if ok(point) { cases.append(OpenCase(value: point)) }
            if i + 1 < points.count, let inside = between(point, points[i + 1]), ok(inside) {
                cases.append(OpenCase(value: inside, lower: (point, false), upper: (points[i + 1], false)))
            }
        }
        if let above = outside(last, false), ok(above) {
            cases.append(OpenCase(value: above, lower: (last, false)))
        }
        return cases
    }
}
