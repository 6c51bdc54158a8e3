/// Turning text typed by a person (`--set`, answer files) into a value of an input's type.
extension DMNModel {
    public enum InputValueError: Error, Sendable, Equatable, CustomStringConvertible {
        case unknownInput(String, known: [String])
        case malformed(input: String, text: String, expected: String)
        case notAllowed(input: String, text: String, allowed: [String])

        public var description: String {
            switch self {
            case .unknownInput(let name, let known):
                let near = known.filter { $0.lowercased() == name.lowercased() || $0.lowercased().hasPrefix(name.lowercased()) }
                return "unknown input '\(name)'" + (near.isEmpty ? "" : "; did you mean \(near.map { "'\($0)'" }.joined(separator: ", "))?")
            case .malformed(let input, let text, let expected):
                return "'\(text)' is not a valid value for \(input): expected \(expected)"
            case .notAllowed(let input, let text, let allowed):
                return "'\(text)' is not an allowed value for \(input); allowed: \(allowed.joined(separator: ", "))"
            }
        }
    }

    /// The allowed values of an input written the way a person types them (strings bare).
    public func allowedValueTexts(of input: InputData) -> [String]? {
        guard let values = allowedValues(of: input.typeRef)?.literalValues else { return nil }
        return values.map(\.bareText)
    }

    /// Parses `text` as a value of the input's type: strings bare (quotes optional), numbers, true/false,
    /// ISO dates, times and date-times; anything else as a FEEL expression.
    public func parseValue(_ text: String, for input: InputData) throws(InputValueError) -> FEELValue {
        let trimmed = text.trimmingWhitespace()
        let base = baseType(of: input.typeRef) ?? "Any"
        let value: FEELValue
        switch base {
        case "string":
            if trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\""),
               let literal = try? FEELExpression(trimmed).evaluate(FEELScope()), case .string = literal {
                value = literal
            } else {
                value = .string(trimmed)
            }
        case "number":
            guard let n = FEELNumber(trimmed) else { throw .malformed(input: input.name, text: text, expected: "a number") }
            value = .number(n)
        case "boolean":
            switch trimmed.lowercased() {
            case "true": value = .boolean(true)
            case "false": value = .boolean(false)
            default: throw .malformed(input: input.name, text: text, expected: "true or false")
            }
        case "date":
            guard let d = FEELDate(iso8601: trimmed) else { throw .malformed(input: input.name, text: text, expected: "a date YYYY-MM-DD") }
            value = .date(d)
        case "time":
            guard let t = FEELTime(iso8601: trimmed) else { throw .malformed(input: input.name, text: text, expected: "a time hh:mm:ss") }
            value = .time(t)
        case "dateTime", "date and time":
            guard let t = FEELDateTime(iso8601: trimmed) else {
                throw .malformed(input: input.name, text: text, expected: "a date and time YYYY-MM-DDThh:mm:ss")
            }
            value = .dateTime(t)
        default:
            guard let expression = try? FEELExpression(trimmed, knownNames: knownNames) else {
                throw .malformed(input: input.name, text: text, expected: "a FEEL value such as {a: 1} or [1, 2]")
            }
            value = expression.evaluate(FEELScope())
        }
        if let why = nonConformance(of: value, to: input.typeRef) {
            if let allowed = allowedValueTexts(of: input) {
                throw .notAllowed(input: input.name, text: text, allowed: allowed)
            }
            throw .malformed(input: input.name, text: text, expected: why)
        }
        return value
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
