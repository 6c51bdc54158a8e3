/// Syntax tree of parsed S-FEEL. Offsets count Unicode scalars into the source text.
struct FEELNode: Sendable {
    enum ArithmeticOperator: String, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/", power = "**"
    }

    enum ComparisonOperator: String, Sendable {
        case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    }

    struct Argument: Sendable {
        /// Nil for a positional argument.
        let name: String?
        let value: FEELNode
        let offset: Int
    }

    struct Binding: Sendable {
        let name: String
        let value: FEELNode
        let offset: Int
    }

    /// A parameter of a function definition, with its declared type when one is given.
    struct Parameter: Sendable {
        let name: String
        let type: FEELTypeExpression?
    }

    indirect enum Kind: Sendable {
        case literal(FEELValue)
        case name(String)
        case negate(FEELNode)
        case arithmetic(ArithmeticOperator, FEELNode, FEELNode)
        case and(FEELNode, FEELNode)
        case or(FEELNode, FEELNode)
        case comparison(ComparisonOperator, FEELNode, FEELNode)
        case between(FEELNode, FEELNode, FEELNode)
        case inTests(FEELNode, [FEELUnaryTestNode])
        case ifThenElse(FEELNode, FEELNode, FEELNode)
        case path(FEELNode, String)
        case filter(FEELNode, FEELNode)
        case call(FEELNode, [Argument])
        case list([FEELNode])
        /// Entries evaluate in order; later ones may refer to earlier keys.
        case context([Binding])
        /// `for a in x, b in y return e`.
        case forLoop([Binding], FEELNode)
        /// `some`/`every a in x satisfies e`.
        case quantified(every: Bool, [Binding], FEELNode)
        /// A range value: `[a..b]`, `(a..b)`, `]a..b[` ….
        case range(startClosed: Bool, FEELNode, FEELNode, endClosed: Bool)
        /// A unary comparison as a value: `< 10`, `>= x`, `= 5`, `!= 5`.
        case unaryComparison(ComparisonOperator, FEELNode)
        /// `e instance of T`.
        case instanceOf(FEELNode, FEELTypeExpression)
        /// `function(a, b: number) body`; `external` bodies are contexts naming a Java method or PMML model.
        case function([Parameter], FEELNode, external: Bool)
    }

    let kind: Kind
    let offset: Int
    /// Height of the tree below this node (1 for a leaf); bounded by the parser.
    let depth: Int

    init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
        self.depth = 1 + (FEELNode.children(of: kind).map(\.depth).max() ?? 0)
    }

    static func children(of kind: Kind) -> [FEELNode] {
        switch kind {
        case .literal, .name: return []
        case .negate(let node): return [node]
        case .arithmetic(_, let l, let r), .and(let l, let r), .or(let l, let r), .comparison(_, let l, let r),
             .filter(let l, let r):
            return [l, r]
        case .between(let a, let b, let c), .ifThenElse(let a, let b, let c): return [a, b, c]
        case .range(_, let a, let b, _): return [a, b]
        case .unaryComparison(_, let node), .instanceOf(let node, _): return [node]
        case .function(_, let body, _): return [body]
        case .inTests(let value, let tests): return [value] + tests.flatMap(\.nodes)
        case .path(let node, _): return [node]
        case .call(let callee, let arguments): return [callee] + arguments.map(\.value)
        case .list(let items): return items
        case .context(let bindings): return bindings.map(\.value)
        case .forLoop(let bindings, let body), .quantified(_, let bindings, let body):
            return bindings.map(\.value) + [body]
        }
    }

    /// Whether the node refers to the unary-test input `?` (outside nested bindings of `?`).
    var usesInputName: Bool {
        if case .name("?") = kind { return true }
        return FEELNode.children(of: kind).contains { $0.usesInputName }
    }

    /// When the node is a plain literal value (a string, number, boolean, negated number, or
    /// a temporal literal), that value.
    var literalValue: FEELValue? {
        switch kind {
        case .literal(let value): return value
        case .negate(let inner):
            if case .literal(.number(let number)) = inner.kind { return .number(FEELNumber.negate(number)) }
            return nil
        case .call(let callee, let arguments):
            guard case .name(let name) = callee.kind, ["date", "time", "date and time", "duration"].contains(name),
                  arguments.count == 1, arguments[0].name == nil,
                  case .literal(.string(let text)) = arguments[0].value.kind else { return nil }
            return FEELBuiltins.temporalLiteral(function: name, text: text)
        default:
            return nil
        }
    }
}

/// One positive unary test.
indirect enum FEELUnaryTestNode: Sendable {
    /// `< e`, `<= e`, `> e`, `>= e`, `= e`, `!= e`: the input on the left.
    case comparison(FEELNode.ComparisonOperator, FEELNode, offset: Int)
    /// `[a..b]`, `(a..b)`, `]a..b[`, …
    case interval(startClosed: Bool, FEELNode, FEELNode, endClosed: Bool, offset: Int)
    /// An expression: compared with `=` to the input, or — when it mentions `?` — a
    /// boolean condition on the input; a list value tests membership.
    case expression(FEELNode, usesInput: Bool)

    var nodes: [FEELNode] {
        switch self {
        case .comparison(_, let node, _): return [node]
        case .interval(_, let start, let end, _, _): return [start, end]
        case .expression(let node, _): return [node]
        }
    }

    var depth: Int { (nodes.map(\.depth).max() ?? 0) + 1 }
}
