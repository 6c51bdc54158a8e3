/// Parsed S-FEEL unary tests: the text of a decision table input entry.
///
/// `-` (any), `"a", "b"`, `< 18`, `[1..10)`, `not("x")`, `? > 3`, `null`, … A test list
/// matches when any of its tests is true.
public struct FEELUnaryTests: Sendable, CustomStringConvertible {
    public let source: String
    let body: FEELUnaryTestsBody
    private let text: FEELSourceText
    /// Set when every test compares the input with a literal (`"a", "b"`, `true`, `null`, `not("x")`), the form
    /// of most table cells: such a cell is decided without an evaluator (and a compiled table indexes it).
    let literals: LiteralTests?

    public init(_ source: String, knownNames: Set<String> = []) throws(FEELError) {
        try self.init(source, names: FEELNames(knownNames))
    }

    /// Parses with names arranged once for a whole model.
    public init(_ source: String, names: FEELNames) throws(FEELError) {
        if let (items, text, unusual) = FEELPlainString.listedItems(source, names: names) {
            if unusual { try Self.refuseInvisible(text) }
            self.init(source: source, text: text, body: .positive(items.map { .expression($0, usesInput: false) }))
        } else if let name = FEELPlainString.name(source) {
            // Nothing invisible to refuse in ASCII letters and digits.
            self.init(source: source, text: FEELSourceText(source, isASCII: true),
                      body: .positive([.expression(FEELNode(.name(name), at: 0), usesInput: false)]))
        } else {
            try self.init(parsing: source, names: names)
        }
    }

    private init(source: String, text: FEELSourceText, body: FEELUnaryTestsBody) {
        (self.source, self.text, self.body) = (source, text, body)
        literals = LiteralTests(body)
    }

    /// Always by the lexer and the parser (the reference `FEELPlainString` is tested against).
    init(parsing source: String, names: FEELNames) throws(FEELError) {
        self.source = source
        self.text = FEELSourceText(source)
        try Self.refuseInvisible(text)
        var parser = try FEELParser(text, names: names)
        self.body = try parser.parseWholeUnaryTests()
        self.literals = LiteralTests(body)
        // `not()` would otherwise parse as a call of a function named not, which no row means.
        // Checked by its first letter before the whole text is copied: a table has thousands of cells.
        if source.unicodeScalars.first(where: { !FEELLexer.isWhitespace($0) }) == "n",
           source.unicodeScalars.filter({ !FEELLexer.isWhitespace($0) }).elementsEqual("not()".unicodeScalars) {
            throw text.error("not() needs at least one test, e.g. not(\"a\")", at: 0)
        }
    }

    /// FEEL reads U+200B as whitespace, but in a table cell an invisible character only hides what the cell
    /// says: a cell of one zero-width space would match everything, `"hu\u{200B}man"` nothing a person types.
    private static func refuseInvisible(_ text: FEELSourceText) throws(FEELError) {
        for (offset, scalar) in text.text.unicodeScalars.enumerated() {
            switch scalar.value {
            case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD, 0x180E, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                throw text.error("invisible character \(VisibleText.codePoint(scalar)) in a unary test: "
                                 + "delete it, or write it as an escape inside a string", at: offset)
            case 0x00...0x08, 0x0E...0x1F, 0x7F...0x9F:
                throw text.error("control character \(VisibleText.codePoint(scalar)) in a unary test", at: offset)
            default:
                continue
            }
        }
    }

    /// `-` or empty text: matches anything, including null.
    public var isWildcard: Bool {
        if case .any = body { return true }
        return false
    }

    /// Whether the tests are `not(…)`.
    public var isNegated: Bool {
        if case .negated = body { return true }
        return false
    }

    /// `.boolean(true)`, `.boolean(false)`, or `.null` when the outcome is unknown
    /// (e.g. the input and a test value have different types).
    public func test(_ input: FEELValue, scope: FEELScope) -> FEELValue {
        var problems: [FEELError] = []
        return test(input, scope: scope, problems: &problems)
    }

    /// Like `test(_:scope:)`, appending runtime problems (unknown names, type mismatches).
    public func test(_ input: FEELValue, scope: FEELScope, problems: inout [FEELError]) -> FEELValue {
        if let literals, let result = literals.test(input) { return .boolean(result) }
        return evaluatedTest(input, scope: scope, problems: &problems)
    }

    /// The test by the evaluator alone, never by the literal shortcut (the reference the shortcut is tested against).
    func evaluatedTest(_ input: FEELValue, scope: FEELScope, problems: inout [FEELError]) -> FEELValue {
        var evaluator = FEELEvaluator(source: text, scope: scope)
        let result = evaluator.test(body, input: input)
        problems.append(contentsOf: evaluator.problems)
        return result
    }

    /// `test(input, scope:) == .boolean(true)`.
    public func matches(_ input: FEELValue, scope: FEELScope) -> Bool {
        if let literals, let result = literals.test(input) { return result }
        return test(input, scope: scope) == .boolean(true)
    }

    /// Names taken from the scope (not `?`, not built-in functions).
    public var referencedNames: Set<String> {
        var names: Set<String> = []
        for test in tests {
            for node in test.nodes { FEELEvaluator.referencedNames(node, into: &names) }
        }
        return names
    }

    /// When every test is a plain literal compared for equality (`"a", "b"`, `3`, `true`,
    /// `= "x"`, `date("2025-01-01")`), the values in order; nil otherwise (also for `-` and
    /// for `not(…)`).
    public var literalValues: [FEELValue]? {
        guard case .positive(let tests) = body else { return nil }
        var values: [FEELValue] = []
        for test in tests {
            switch test {
            case .expression(let node, false):
                guard let value = node.literalValue else { return nil }
                values.append(value)
            case .comparison(.equal, let node, _):
                guard let value = node.literalValue else { return nil }
                values.append(value)
            default:
                return nil
            }
        }
        return values
    }

    private var tests: [FEELUnaryTestNode] {
        switch body {
        case .any: return []
        case .positive(let tests), .negated(let tests, _): return tests
        }
    }

    public var description: String { source }
}

/// Unary tests that only compare the input for equality with literals. `test` gives what the evaluator gives
/// wherever that is plainly true or false: the input and every literal of one type, or null. Any other pairing
/// (which the evaluator reports, or where a boolean literal stands for a condition) is left to the evaluator.
struct LiteralTests: Sendable {
    let values: [FEELValue]
    let negated: Bool

    init?(_ body: FEELUnaryTestsBody) {
        let tests: [FEELUnaryTestNode]
        switch body {
        case .any: return nil
        case .positive(let list): (tests, negated) = (list, false)
        case .negated(let list, _): (tests, negated) = (list, true)
        }
        var values: [FEELValue] = []
        for test in tests {
            switch test {
            case .expression(let node, false), .comparison(.equal, let node, _):
                guard case .literal(let value) = node.kind else { return nil }
                switch value {
                case .string, .boolean, .number, .null: values.append(value)
                default: return nil
                }
            default:
                return nil
            }
        }
        if values.isEmpty { return nil }
        self.values = values
    }

    func test(_ input: FEELValue) -> Bool? {
        var hit = false
        for value in values {
            switch (input, value) {
            case (.null, .null): hit = true
            case (.null, _), (_, .null): continue
            case (.string(let a), .string(let b)): if a == b { hit = true }
            case (.boolean(let a), .boolean(let b)): if a == b { hit = true }
            case (.number(let a), .number(let b)): if a == b { hit = true }
            default: return nil
            }
        }
        return hit != negated
    }
}
