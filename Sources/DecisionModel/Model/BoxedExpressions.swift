/// The boxed expressions of DMN beyond decision tables, literal expressions and invocations
/// (DMN 1.5 chapter 7: contexts, relations, lists, function definitions, conditionals, filters, iterators).

/// A boxed context: entries evaluated in order, each seeing the ones before it. A final entry without a
/// name is the result; without one, the value is the context of all entries.
public struct BoxedContext: Sendable {
    public struct Entry: Sendable {
        /// Nil for the result entry.
        public var name: String?
        public var typeRef: String?
        public var value: ExpressionLogic
        public var location: SourceLocation

        public init(name: String?, typeRef: String?, value: ExpressionLogic, location: SourceLocation) {
            self.name = name
            self.typeRef = typeRef
            self.value = value
            self.location = location
        }
    }

    public var entries: [Entry]
    public var location: SourceLocation

    public init(entries: [Entry], location: SourceLocation) {
        self.entries = entries
        self.location = location
    }
}

/// A boxed relation: a list of contexts with the same keys (the columns), one per row.
public struct BoxedRelation: Sendable {
    public var columns: [(name: String, typeRef: String?)]
    public var rows: [[ExpressionLogic]]
    public var location: SourceLocation
    /// Where each row was written, for problems in its cells.
    public var rowLocations: [SourceLocation]

    public init(columns: [(name: String, typeRef: String?)], rows: [[ExpressionLogic]], location: SourceLocation,
                rowLocations: [SourceLocation] = []) {
        self.columns = columns
        self.rows = rows
        self.location = location
        self.rowLocations = rowLocations
    }
}

/// A boxed list: one expression per item.
public struct BoxedList: Sendable {
    public var items: [ExpressionLogic]
    public var location: SourceLocation

    public init(items: [ExpressionLogic], location: SourceLocation) {
        self.items = items
        self.location = location
    }
}

/// A boxed function definition. FEEL functions close over the names in scope where they are defined;
/// the external kinds (Java, PMML) are kept so that calling one reports it as unsupported.
public struct FunctionDefinition: Sendable {
    public enum Kind: Sendable, Equatable {
        case feel
        case external(String)
    }

    public var kind: Kind
    public var parameters: [(name: String, typeRef: String?)]
    public var body: ExpressionLogic?
    public var location: SourceLocation

    public init(kind: Kind, parameters: [(name: String, typeRef: String?)], body: ExpressionLogic?, location: SourceLocation) {
        self.kind = kind
        self.parameters = parameters
        self.body = body
        self.location = location
    }
}

/// A boxed conditional (DMN 1.5): `if` a condition `then` one expression `else` another.
public struct BoxedConditional: Sendable {
    public var condition: ExpressionLogic
    public var then: ExpressionLogic
    public var otherwise: ExpressionLogic
    public var location: SourceLocation

    public init(condition: ExpressionLogic, then: ExpressionLogic, otherwise: ExpressionLogic, location: SourceLocation) {
        self.condition = condition
        self.then = then
        self.otherwise = otherwise
        self.location = location
    }
}

/// A boxed filter (DMN 1.5): the items of a list (`in`) for which `match` is true, with `item` bound to each.
public struct BoxedFilter: Sendable {
    public var list: ExpressionLogic
    public var match: ExpressionLogic
    public var location: SourceLocation

    public init(list: ExpressionLogic, match: ExpressionLogic, location: SourceLocation) {
        self.list = list
        self.match = match
        self.location = location
    }
}

/// A boxed iterator (DMN 1.5): `for` returns a list, `some`/`every` a boolean, over the items of `in`.
public struct BoxedIterator: Sendable {
    public enum Kind: String, Sendable {
        case `for`, some, every
    }

    public var kind: Kind
    public var variable: String
    public var domain: ExpressionLogic
    /// `return` for `for`, `satisfies` for `some` and `every`.
    public var body: ExpressionLogic
    public var location: SourceLocation

    public init(kind: Kind, variable: String, domain: ExpressionLogic, body: ExpressionLogic, location: SourceLocation) {
        self.kind = kind
        self.variable = variable
        self.domain = domain
        self.body = body
        self.location = location
    }
}
