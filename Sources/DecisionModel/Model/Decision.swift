/// A DMN `decision`, with the requirements that feed it and the logic that computes it.
public struct Decision: Sendable {
    public var id: String
    public var name: String
    public var typeRef: String?
    public var label: String?
    public var question: String?
    /// Referenced elements exactly as written in `href` (usually `#id`), resolved by the model.
    public var requiredDecisions: [Reference]
    public var requiredInputs: [Reference]
    public var requiredKnowledge: [Reference]
    public var logic: ExpressionLogic
    public var location: SourceLocation
    /// Why this decision could not be loaded (an unsupported construct, a FEEL syntax error …), with
    /// locations. Only a model loaded with `DMNLoader.Mode.partial` has any: the decision then evaluates
    /// to null with these problems, and the rest of the model evaluates (DMN's null-plus-message semantics).
    public var loadProblems: [DMNProblem] = []

    public init(id: String, name: String, typeRef: String?, label: String? = nil, question: String? = nil,
                requiredDecisions: [Reference] = [], requiredInputs: [Reference] = [],
                requiredKnowledge: [Reference] = [], logic: ExpressionLogic, location: SourceLocation) {
        self.id = id
        self.name = name
        self.typeRef = typeRef
        self.label = label
        self.question = question
        self.requiredDecisions = requiredDecisions
        self.requiredInputs = requiredInputs
        self.requiredKnowledge = requiredKnowledge
        self.logic = logic
        self.location = location
    }

    public var decisionTable: DecisionTable? {
        if case .table(let table) = logic.untyped { return table }
        return nil
    }
}

/// An `href` to another element, with where it was written (so a dangling one can be reported).
public struct Reference: Sendable, Hashable {
    public var href: String { didSet { (id, namespace) = Self.split(href) } }
    public var location: SourceLocation
    /// The id part of `#id` or `namespace#id`. Split once: evaluation looks references up for every decision.
    public private(set) var id: String
    /// The namespace part of `namespace#id`, nil for a local `#id`.
    public private(set) var namespace: String?

    public init(href: String, location: SourceLocation) {
        self.href = href
        self.location = location
        (id, namespace) = Self.split(href)
    }

    static func split(_ href: String) -> (id: String, namespace: String?) {
        // In ASCII text a byte is a Character, so `#` is found among the bytes without grapheme breaking (~8,000
        // instructions a reference, hundreds of which a warm start decodes). Other text is searched by Characters:
        // there a `#` followed by a combining mark is no `#`.
        let found = href.utf8.allSatisfy { $0 < 0x80 } ? href.utf8.lastIndex(of: UInt8(ascii: "#")) : href.lastIndex(of: "#")
        guard let hash = found else { return (href, nil) }
        return (String(href[href.index(after: hash)...]), hash == href.startIndex ? nil : String(href[..<hash]))
    }
}

extension ExpressionLogic {
    /// Stands in for logic that could not be loaded (the owner's `loadProblems` say why); evaluates to null.
    static func unloadable(at location: SourceLocation) -> ExpressionLogic {
        // `null` always parses.
        .literal(LiteralExpression(expression: try! FEELExpression("null"), location: location))
    }
}

/// The boxed expressions the engine evaluates.
public indirect enum ExpressionLogic: Sendable {
    case table(DecisionTable)
    case literal(LiteralExpression)
    case invocation(Invocation)
    case context(BoxedContext)
    case relation(BoxedRelation)
    case list(BoxedList)
    case function(FunctionDefinition)
    case conditional(BoxedConditional)
    case filter(BoxedFilter)
    case iterator(BoxedIterator)
    /// An expression with a `typeRef` of its own: its value is coerced to that type (null when it does not conform).
    case typed(ExpressionLogic, typeRef: String)

    /// The expression without its type.
    public var untyped: ExpressionLogic {
        if case .typed(let logic, _) = self { return logic.untyped }
        return self
    }

    /// The compiled form of a decision table, nil for other logic. The table is still copied out of the case here (a
    /// retain and a release per field, a few per cent of a small table's evaluation): the compiler copies an indirect
    /// case's payload that is passed on whole, as `DecisionTable.compiled` passes it to compile it the first time.
    var compiledTable: CompiledTable? {
        if case .table(let table) = self { return table.compiled }
        return nil
    }
}

public struct LiteralExpression: Sendable {
    public var expression: FEELExpression
    public var typeRef: String?
    public var location: SourceLocation

    public init(expression: FEELExpression, typeRef: String? = nil, location: SourceLocation) {
        self.expression = expression
        self.typeRef = typeRef
        self.location = location
    }
}

/// A boxed invocation: a function (a business knowledge model, a decision service, an imported one …)
/// called with named bindings.
public struct Invocation: Sendable {
    /// The function as written (usually a knowledge model's name).
    public var function: String
    /// The same text as a FEEL expression (`Say Hello`, `myimport.Say Hello`), when it parses.
    public var callee: FEELExpression?
    public var bindings: [(parameter: String, value: ExpressionLogic?)]
    public var location: SourceLocation

    public init(function: String, callee: FEELExpression? = nil, bindings: [(parameter: String, value: ExpressionLogic?)],
                location: SourceLocation) {
        self.function = function
        self.callee = callee
        self.bindings = bindings
        self.location = location
    }
}

/// A DMN `businessKnowledgeModel`: a reusable function with formal parameters.
public struct BusinessKnowledgeModel: Sendable {
    public var id: String
    public var name: String
    public var parameters: [(name: String, typeRef: String?)]
    public var body: ExpressionLogic
    public var requiredKnowledge: [Reference]
    /// The type of the value the function returns (the variable's typeRef); nil when not declared.
    public var typeRef: String?
    public var location: SourceLocation
    /// Why this model could not be loaded (see `Decision.loadProblems`); decisions requiring it fail.
    public var loadProblems: [DMNProblem] = []

    public init(id: String, name: String, parameters: [(name: String, typeRef: String?)], body: ExpressionLogic,
                requiredKnowledge: [Reference] = [], typeRef: String? = nil, location: SourceLocation) {
        self.id = id
        self.name = name
        self.parameters = parameters
        self.body = body
        self.requiredKnowledge = requiredKnowledge
        self.typeRef = typeRef
        self.location = location
    }
}

/// A DMN `decisionService`: a function over part of the graph. Its parameters are its input data, then its
/// input decisions; it returns its one output decision's value, or a context of its output decisions' values.
public struct DecisionService: Sendable {
    public var id: String
    public var name: String
    public var typeRef: String?
    public var outputDecisions: [Reference]
    public var encapsulatedDecisions: [Reference]
    public var inputDecisions: [Reference]
    public var inputData: [Reference]
    public var location: SourceLocation
    /// Why this service could not be loaded (see `Decision.loadProblems`); running it gives null with these problems.
    public var loadProblems: [DMNProblem] = []

    public init(id: String, name: String, typeRef: String?, outputDecisions: [Reference], encapsulatedDecisions: [Reference] = [],
                inputDecisions: [Reference] = [], inputData: [Reference] = [], location: SourceLocation) {
        self.id = id
        self.name = name
        self.typeRef = typeRef
        self.outputDecisions = outputDecisions
        self.encapsulatedDecisions = encapsulatedDecisions
        self.inputDecisions = inputDecisions
        self.inputData = inputData
        self.location = location
    }
}
