/// Turning text typed by a person (`--set`, answer files, the questionnaire) into a value of an input's type.
///
/// The text is read as a literal of the input's type and never evaluated: an answer is data, not code.
extension DMNModel {
    public enum InputValueError: Error, Sendable, Equatable, CustomStringConvertible {
        case unknownInput(String, known: [String])
        case malformed(input: String, text: String, expected: String)
        case notAllowed(input: String, text: String, allowed: [String])

        public var description: String {
            switch self {
            case .unknownInput(let name, let known):
                let lower = name.lowercased()
                let near = lower.isEmpty ? [] : known.filter { $0.lowercased() == lower || $0.lowercased().hasPrefix(lower) }.prefix(5)
                return "unknown input '\(excerpt(name))'" + (near.isEmpty ? "" : "; did you mean \(near.map { "'\($0)'" }.joined(separator: ", "))?")
            case .malformed(let input, let text, let expected):
                return "'\(excerpt(text))' is not a valid value for \(input): expected \(expected)"
            case .notAllowed(let input, let text, let allowed):
                return "'\(excerpt(text))' is not an allowed value for \(input); allowed: \(allowed.joined(separator: ", "))"
            }
        }
    }

    /// The allowed values of an input written the way a person types them (strings bare).
    public func allowedValueTexts(of input: InputData) -> [String]? {
        guard let values = allowedValues(of: input.typeRef)?.literalValues else { return nil }
        return values.map(\.bareText)
    }

    /// The allowed values as a reader expects them: a list of values, `1–4` for a closed range of integers, or
    /// the unary tests themselves.
    public func allowedValuesDescription(of input: InputData) -> String? {
        if let texts = allowedValueTexts(of: input) { return texts.joined(separator: ", ") }
        guard let tests = allowedValues(of: input.typeRef) else { return nil }
        let source = tests.source.trimmingWhitespace()
        if source.hasPrefix("["), source.hasSuffix("]") {
            let inner = String(source.dropFirst().dropLast())
            if let dots = inner.firstRange(of: ".."), let low = Int(String(inner[..<dots.lowerBound]).trimmingWhitespace()),
               let high = Int(String(inner[dots.upperBound...]).trimmingWhitespace()) {
                return "\(low)–\(high)"
            }
        }
        return "a value matching \(source)"
    }

    /// Parses `text` as a literal of the input's type: strings bare (a FEEL string literal `"…"` is read with its
    /// escapes), numbers, true/false, ISO dates, times, date-times and durations (or their `date("…")` forms),
    /// and for other types FEEL literal syntax (lists and contexts of literals). Nothing is evaluated.
    public func parseValue(_ text: String, for input: InputData) throws(InputValueError) -> FEELValue {
        let trimmed = text.trimmingWhitespace()
        let base = baseType(of: input.typeRef) ?? "Any"
        let value: FEELValue
        func malformed(_ expected: String) -> InputValueError { .malformed(input: input.name, text: text, expected: expected) }
        switch base {
        case "string":
            if trimmed.hasPrefix("\""), case .string(let literal)? = try? FEELLiteralParser.parse(trimmed) {
                value = .string(literal)
            } else {
                value = .string(trimmed)
            }
        case "number":
            guard let n = FEELNumber(trimmed) else { throw malformed("a number") }
            value = .number(n)
        case "boolean":
            switch trimmed.lowercased() {
            case "true": value = .boolean(true)
            case "false": value = .boolean(false)
            default: throw malformed("true or false")
            }
        case "date":
            value = try Self.temporal(trimmed, iso: FEELDate(iso8601: trimmed).map(FEELValue.date), expected: "a date YYYY-MM-DD",
                                      matches: { if case .date = $0 { true } else { false } }, malformed)
        case "time":
            value = try Self.temporal(trimmed, iso: FEELTime(iso8601: trimmed).map(FEELValue.time), expected: "a time hh:mm:ss",
                                      matches: { if case .time = $0 { true } else { false } }, malformed)
        case "dateTime", "date and time":
            value = try Self.temporal(trimmed, iso: FEELDateTime(iso8601: trimmed).map(FEELValue.dateTime),
                                      expected: "a date and time YYYY-MM-DDThh:mm:ss",
                                      matches: { if case .dateTime = $0 { true } else { false } }, malformed)
        case "dayTimeDuration", "days and time duration", "yearMonthDuration", "years and months duration", "duration":
            let kind: FEELDuration.Kind? = base.hasPrefix("day") ? .daysAndTime : base.hasPrefix("year") ? .yearsAndMonths : nil
            let expected = kind == .daysAndTime ? "a days-and-time duration such as P2D or PT4H"
                : kind == .yearsAndMonths ? "a years-and-months duration such as P1Y2M" : "a duration such as P1Y2M or P3DT4H"
            value = try Self.temporal(trimmed, iso: FEELDuration(iso8601: trimmed).map(FEELValue.duration), expected: expected,
                                      matches: { if case .duration(let d) = $0 { kind == nil || d.kind == kind } else { false } }, malformed)
        default:
            do { value = try FEELLiteralParser.parse(trimmed) } catch {
                throw malformed("a FEEL literal such as 12, \"text\", true, date(\"2026-01-31\"), [1, 2] or {a: 1} (\(error))")
            }
        }
        if let hazard = Self.firstHazard(in: value) {
            throw malformed("text without control characters (found \(hazard))")
        }
        if let why = nonConformance(of: value, to: input.typeRef) {
            if let allowed = allowedValueTexts(of: input) {
                throw .notAllowed(input: input.name, text: text, allowed: allowed)
            }
            throw malformed(allowedValuesDescription(of: input) ?? why)
        }
        return value
    }

    /// The ISO form, else a FEEL temporal literal of the right kind (`date("2026-01-31")`, `@"P1D"`).
    private static func temporal(_ text: String, iso: FEELValue?, expected: String, matches: (FEELValue) -> Bool,
                                 _ malformed: (String) -> InputValueError) throws(InputValueError) -> FEELValue {
        if let iso {
            guard matches(iso) else { throw malformed(expected) }
            return iso
        }
        // Only text shaped like a constructor (`date("…")`, `@"…"`) gets the literal reader's reason.
        let constructorLike = text.contains("(") || text.hasPrefix("@")
        let literal: FEELValue
        do { literal = try FEELLiteralParser.parse(text) } catch {
            throw malformed(constructorLike ? "\(expected) (\(error.message))" : expected)
        }
        guard matches(literal) else { throw malformed(expected) }
        return literal
    }

    /// A control or direction-override character anywhere in the strings of a value (keys included).
    static func firstHazard(in value: FEELValue) -> String? {
        switch value {
        case .string(let s): return VisibleText.firstHazard(in: s)
        case .list(let items): return items.lazy.compactMap(firstHazard).first
        case .context(let c):
            for (key, v) in c.entries {
                if let h = VisibleText.firstHazard(in: key) ?? firstHazard(in: v) { return h }
            }
            return nil
        default: return nil
        }
    }
}

extension FEELValue {
    /// A value as a person types it: strings without quotes, everything else in FEEL notation.
    public var bareText: String {
        switch self {
        case .string(let s): s
        case .date(let d): d.description
        case .time(let t): t.description
        case .dateTime(let t): t.description
        case .duration(let d): d.description
        default: description
        }
    }
}
