/// What one decision did: the rules that produced its value and the input values it saw.
public struct DecisionTrace: Sendable {
    public struct RuleHit: Sendable, Equatable {
        public var id: String?
        public var row: Int
        /// Annotation column name → text, in column order.
        public var annotations: [(name: String, text: String)]
        public var description: String?
        public var location: SourceLocation

        public static func == (a: RuleHit, b: RuleHit) -> Bool {
            a.id == b.id && a.row == b.row && a.description == b.description
                && a.annotations.map(\.name) == b.annotations.map(\.name) && a.annotations.map(\.text) == b.annotations.map(\.text)
        }

        public func annotation(_ name: String) -> String? {
            annotations.first { $0.name == name }?.text
        }
    }

    public var decision: String
    /// Table notation (`U`, `F`, `C>` …); nil for literal expressions and invocations.
    public var hitPolicy: String?
    /// The rules whose outputs make up the value, in the order the hit policy used them.
    public var rules: [RuleHit]
    /// Every input column (or referenced name) with the value it had.
    public var inputs: [(name: String, value: FEELValue)]
    public var value: FEELValue
    public var problems: [String]
    /// Set when the table's hit policy was violated (UNIQUE with several matches, ANY with differing outputs):
    /// the value is then null and, as DMN says, the evaluation is in error; `rules` are the rows that matched.
    public var violation: String?

    public init(decision: String, hitPolicy: String?, rules: [RuleHit] = [], inputs: [(name: String, value: FEELValue)] = [],
                value: FEELValue = .null, problems: [String] = []) {
        self.decision = decision
        self.hitPolicy = hitPolicy
        self.rules = rules
        self.inputs = inputs
        self.value = value
        self.problems = problems
    }
}

extension DecisionTrace.RuleHit {
    /// `rule` of `table` as a trace reports it.
    public init(_ rule: DecisionTable.Rule, of table: DecisionTable) {
        self.init(id: rule.id, row: rule.row, annotations: zip(table.annotationNames, rule.annotations).map { (name: $0, text: $1) },
                  description: rule.description, location: rule.location)
    }
}

/// A problem met while evaluating: the value concerned became null, as DMN prescribes.
public struct EvaluationProblem: Sendable, Equatable, CustomStringConvertible {
    public var element: String
    public var location: SourceLocation?
    public var message: String

    public init(element: String, location: SourceLocation?, message: String) {
        self.element = element
        self.location = location
        self.message = message
    }

    public var description: String {
        (location.map { "\($0): " } ?? "") + "\(element): \(message)"
    }
}

/// Values of every decision, with the trace in evaluation order.
public struct EvaluationResult: Sendable {
    public var values: [String: FEELValue]
    public var traces: [DecisionTrace]
    public var problems: [EvaluationProblem]

    public init(values: [String: FEELValue] = [:], traces: [DecisionTrace] = [], problems: [EvaluationProblem] = []) {
        self.values = values
        self.traces = traces
        self.problems = problems
    }

    public func trace(of decision: String) -> DecisionTrace? { traces.first { $0.decision == decision } }

    /// The decisions whose hit policy was violated, in evaluation order.
    public var violations: [DecisionTrace] { traces.filter { $0.violation != nil } }
}
