import DecisionModel

/// A decision table used as a catalogue: each rule lists one value of an input (its first column, a
/// quoted literal) with outputs describing it — e.g. the JMDN generic names. Searchable by any text.
public struct LookupTable: Sendable {
    public struct Entry: Sendable {
        public var value: String
        /// Output name → value, in column order.
        public var fields: [(name: String, value: FEELValue)]
        public var annotations: [(name: String, text: String)]
        public var location: SourceLocation

        public func field(_ name: String) -> FEELValue? { fields.first { $0.name == name }?.value }
        public func annotation(_ name: String) -> String? { annotations.first { $0.name == name }?.text }
    }

    public var decision: String
    public var input: String
    public var entries: [Entry]

    /// The table named by a question's `lookup`, or nil when the rules have none.
    public init?(rules: RuleSet, input: String) {
        guard let name = rules.questions[input]?.lookup, let decision = rules.model.decision(named: name),
              let table = decision.decisionTable, let column = table.inputs.first,
              column.expression.referencedNames.contains(input) else { return nil }
        self.decision = name
        self.input = input
        self.entries = table.rules.compactMap { rule in
            guard let literal = rule.inputEntries.first?.literalValues, literal.count == 1 else { return nil }
            let outputs = rule.outputEntries.map { $0.evaluate(FEELScope()) }
            return Entry(value: literal[0].bareText,
                         fields: zip(table.outputs, outputs).map { (name: $0.name ?? "", value: $1) },
                         annotations: zip(table.annotationNames, rule.annotations).map { (name: $0, text: $1) },
                         location: rule.location)
        }
    }

    public func entry(for value: String) -> Entry? { entries.first { $0.value == value } }

    /// Entries whose value or any text field contains every word of the query (case-insensitive);
    /// exact value matches first.
    public func search(_ query: String) -> [Entry] {
        let words = query.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return [] }
        // The code itself first, then entries whose names match, then those matched only through their notes,
        // so that 血圧 lists the blood-pressure monitors before a transducer whose source mentions one.
        func rank(_ entry: Entry) -> Int? {
            if entry.value == query { return 0 }
            let names = ([entry.value] + entry.fields.compactMap { if case .string(let s) = $0.value { s } else { nil } })
                .joined(separator: " ").lowercased()
            if words.allSatisfy(names.contains) { return 1 }
            let all = names + " " + entry.annotations.map(\.text).joined(separator: " ").lowercased()
            return words.allSatisfy(all.contains) ? 2 : nil
        }
        return entries.enumerated().compactMap { i, e in rank(e).map { (rank: $0, index: i, entry: e) } }
            .sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }.map(\.entry)
    }
}
