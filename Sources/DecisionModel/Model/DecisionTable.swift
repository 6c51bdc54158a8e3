/// A DMN decision table.
public struct DecisionTable: Sendable {
    public var id: String?
    public var hitPolicy: HitPolicy
    public var inputs: [Input] { didSet { compiledCache = CompiledTableCache() } }
    public var outputs: [Output] { didSet { compiledCache = CompiledTableCache() } }
    /// Names of the annotation columns (DMN 1.2+ `annotation`), in order.
    public var annotationNames: [String] { didSet { compiledCache = CompiledTableCache() } }
    public var rules: [Rule] { didSet { compiledCache = CompiledTableCache() } }
    public var outputLabel: String?
    public var location: SourceLocation
    /// The compiled form, made at the first evaluation; a change to what it is made from starts a new one.
    private var compiledCache = CompiledTableCache()

    /// The table arranged for evaluation (see `CompiledTable`), made once per table and shared by its copies.
    var compiled: CompiledTable { compiledCache.get(self) }

    public init(id: String?, hitPolicy: HitPolicy, inputs: [Input], outputs: [Output], annotationNames: [String],
                rules: [Rule], outputLabel: String? = nil, location: SourceLocation) {
        self.id = id
        self.hitPolicy = hitPolicy
        self.inputs = inputs
        self.outputs = outputs
        self.annotationNames = annotationNames
        self.rules = rules
        self.outputLabel = outputLabel
        self.location = location
    }

    public struct Input: Sendable {
        public var id: String?
        public var label: String?
        public var expression: FEELExpression
        public var typeRef: String?
        public var inputValues: FEELUnaryTests?
        public var location: SourceLocation

        public init(id: String?, label: String?, expression: FEELExpression, typeRef: String?,
                    inputValues: FEELUnaryTests?, location: SourceLocation) {
            self.id = id
            self.label = label
            self.expression = expression
            self.typeRef = typeRef
            self.inputValues = inputValues
            self.location = location
        }

        /// The column's heading: the label, else the expression text.
        public var title: String { label ?? expression.source }
    }

    public struct Output: Sendable {
        public var id: String?
        public var name: String?
        public var label: String?
        public var typeRef: String?
        /// Allowed output values; their order gives PRIORITY and OUTPUT ORDER.
        public var outputValues: FEELUnaryTests?
        public var defaultOutputEntry: FEELExpression?
        public var location: SourceLocation

        public init(id: String?, name: String?, label: String?, typeRef: String?, outputValues: FEELUnaryTests?,
                    defaultOutputEntry: FEELExpression?, location: SourceLocation) {
            self.id = id
            self.name = name
            self.label = label
            self.typeRef = typeRef
            self.outputValues = outputValues
            self.defaultOutputEntry = defaultOutputEntry
            self.location = location
        }
    }

    public struct Rule: Sendable {
        public var id: String?
        /// 1-based position in the table.
        public var row: Int
        public var inputEntries: [FEELUnaryTests]
        public var outputEntries: [FEELExpression]
        public var annotations: [String] {
            get { annotationTexts.strings }
            set { annotationTexts = TextList(newValue) }
        }
        /// The annotations, read only when asked for (see `StoredTexts`).
        public var annotationTexts: TextList
        public var description: String?
        public var location: SourceLocation

        public init(id: String?, row: Int, inputEntries: [FEELUnaryTests], outputEntries: [FEELExpression],
                    annotations: [String], description: String?, location: SourceLocation) {
            self.init(id: id, row: row, inputEntries: inputEntries, outputEntries: outputEntries,
                      annotationTexts: TextList(annotations), description: description, location: location)
        }

        public init(id: String?, row: Int, inputEntries: [FEELUnaryTests], outputEntries: [FEELExpression],
                    annotationTexts: TextList, description: String?, location: SourceLocation) {
            self.id = id
            self.row = row
            self.inputEntries = inputEntries
            self.outputEntries = outputEntries
            self.annotationTexts = annotationTexts
            self.description = description
            self.location = location
        }
    }
}

/// The DMN hit policies; COLLECT carries its optional aggregation.
public enum HitPolicy: Sendable, Hashable, CustomStringConvertible {
    case unique, any, priority, first, ruleOrder, outputOrder
    case collect(Aggregation?)

    public enum Aggregation: String, Sendable, Hashable { case sum = "SUM", min = "MIN", max = "MAX", count = "COUNT" }

    /// Parses the `hitPolicy` attribute (full names, or the single-letter table notation).
    public init?(attribute: String?, aggregation: String?) {
        let agg = aggregation.flatMap { Aggregation(rawValue: $0.uppercased()) }
        if aggregation != nil && agg == nil { return nil }
        switch (attribute ?? "UNIQUE").uppercased() {
        case "UNIQUE", "U": self = .unique
        case "ANY", "A": self = .any
        case "PRIORITY", "P": self = .priority
        case "FIRST", "F": self = .first
        case "RULE ORDER", "R": self = .ruleOrder
        case "OUTPUT ORDER", "O": self = .outputOrder
        case "COLLECT", "C": self = .collect(agg)
        case "C+": self = .collect(.sum)
        case "C<": self = .collect(.min)
        case "C>": self = .collect(.max)
        case "C#": self = .collect(.count)
        default: return nil
        }
        if agg != nil, case .collect = self {} else if agg != nil { return nil }
    }

    /// The table notation: U A P F R O C C+ C< C> C#.
    public var description: String {
        switch self {
        case .unique: "U"
        case .any: "A"
        case .priority: "P"
        case .first: "F"
        case .ruleOrder: "R"
        case .outputOrder: "O"
        case .collect(nil): "C"
        case .collect(.sum): "C+"
        case .collect(.min): "C<"
        case .collect(.max): "C>"
        case .collect(.count): "C#"
        }
    }

    /// Whether the table yields one rule's output (as opposed to a list or an aggregate).
    public var isSingleHit: Bool {
        switch self {
        case .unique, .any, .priority, .first: true
        default: false
        }
    }
}
