/// A parsed S-FEEL expression (a literal expression, an output entry, an input expression).
///
/// Parse once, evaluate many times; parsing throws `FEELError` with the offset of the
/// offending token, evaluation never fails (problems become `null` and are reported).
public struct FEELExpression: Sendable, CustomStringConvertible {
    public let source: String
    let root: FEELNode
    private let text: FEELSourceText

    /// - Parameter knownNames: names in scope that contain spaces or other characters
    ///   (`Monthly Salary`); the lexer reads the longest known name as one name.
    public init(_ source: String, knownNames: Set<String> = []) throws(FEELError) {
        try self.init(source, names: FEELNames(knownNames))
    }

    /// Parses with names arranged once for a whole model.
    public init(_ source: String, names: FEELNames) throws(FEELError) {
        if let (value, text) = FEELPlainString.read(source, names: names) {
            self.init(source: source, text: text, root: FEELNode(.literal(.string(value)), at: 0))
        } else if let name = FEELPlainString.name(source) {
            self.init(source: source, text: FEELSourceText(source, isASCII: true), root: FEELNode(.name(name), at: 0))
        } else {
            try self.init(parsing: source, names: names)
        }
    }

    private init(source: String, text: FEELSourceText, root: FEELNode) {
        (self.source, self.text, self.root) = (source, text, root)
    }

    /// Always by the lexer and the parser (the reference `FEELPlainString` is tested against).
    init(parsing source: String, names: FEELNames) throws(FEELError) {
        self.source = source
        self.text = FEELSourceText(source)
        var parser = try FEELParser(text, names: names)
        self.root = try parser.parseWholeExpression()
    }

    public func evaluate(_ scope: FEELScope) -> FEELValue {
        var problems: [FEELError] = []
        return evaluate(scope, problems: &problems)
    }

    /// Evaluates; runtime problems (unknown names, type mismatches, division by zero, …) are
    /// appended to `problems` with their offsets.
    public func evaluate(_ scope: FEELScope, problems: inout [FEELError]) -> FEELValue {
        var evaluator = FEELEvaluator(source: text, scope: scope)
        let value = evaluator.evaluate(root)
        problems.append(contentsOf: evaluator.problems)
        return value
    }

    /// Names taken from the scope: first segments of paths and called function names
    /// (built-in functions and names bound inside the expression are left out).
    public var referencedNames: Set<String> {
        var names: Set<String> = []
        FEELEvaluator.referencedNames(root, into: &names)
        return names
    }

    /// The value when the expression is a plain literal (`"High"`, `12`, `-3.5`, `true`,
    /// `null`, `date("2025-04-01")`, `@"P1Y"`), nil otherwise.
    public var literalValue: FEELValue? {
        root.literalValue
    }

    public var description: String { source }
}
