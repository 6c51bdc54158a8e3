import DecisionModel
import Foundation

/// A decision table used as a catalogue: each rule lists one value of an input (its first column, a
/// quoted literal) with outputs describing it — e.g. the JMDN generic names. Searchable by any text.
///
/// A second table may refine the catalogue: a decision whose first column tests the same input and whose outputs
/// have the catalogue's names. Its rules with constant outputs say "this value, when these other answers hold,
/// is really that entry" (a sibling generic name of another class); they are attached to the entries as
/// `refinements`, so a listing can show the split before anyone answers the separating question.
public struct LookupTable: Sendable {
    /// The annotation column holding other names an entry is searched by, separated by `;`.
    public static let synonymsAnnotation = "synonyms"

    public struct Entry: Sendable {
        public var value: String
        /// Output name → value, in column order.
        public var fields: [(name: String, value: FEELValue)]
        public var annotations: [(name: String, text: String)]
        public var location: SourceLocation
        public var refinements: [Refinement] = []

        public func field(_ name: String) -> FEELValue? { fields.first { $0.name == name }?.value }
        public func annotation(_ name: String) -> String? { annotations.first { $0.name == name }?.text }

        public var synonyms: [String] {
            (annotation(LookupTable.synonymsAnnotation) ?? "")
                .split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    /// The entry a value becomes when other answers hold, read from a refining table's rule.
    public struct Refinement: Sendable {
        /// The other inputs the rule tests, each with the values it accepts.
        public var conditions: [(input: String, values: [FEELValue])]
        /// The refined entry's fields under the catalogue's output names; its own value (code) when the rule names it.
        public var fields: [(name: String, value: FEELValue)]
        public var value: String?
        public var decision: String
        public var rule: String?

        public func field(_ name: String) -> FEELValue? { fields.first { $0.name == name }?.value }
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
        let outputNames = table.outputs.compactMap(\.name)
        self.entries = table.rules.compactMap { rule in
            guard let literal = rule.inputEntries.first?.literalValues, literal.count == 1 else { return nil }
            let outputs = rule.outputEntries.map { $0.evaluate(FEELScope()) }
            return Entry(value: literal[0].bareText,
                         fields: zip(table.outputs, outputs).map { (name: $0.name ?? "", value: $1) },
                         annotations: zip(table.annotationNames, rule.annotations).map { (name: $0, text: $1) },
                         location: rule.location)
        }
        let refinements = Self.refinements(in: rules.model, input: input, catalogue: name, outputNames: outputNames)
        for i in entries.indices {
            entries[i].refinements = refinements.filter { $0.codes.contains(entries[i].value) && $0.refinement.value != entries[i].value }
                .map(\.refinement)
        }
    }

    /// Rules of other tables keyed on the same input whose outputs are constants with the catalogue's names.
    static func refinements(in model: DMNModel, input: String, catalogue: String,
                            outputNames: [String]) -> [(codes: Set<String>, refinement: Refinement)] {
        guard let nameColumn = outputNames.first else { return [] }
        var found: [(codes: Set<String>, refinement: Refinement)] = []
        for decision in model.decisions where decision.name != catalogue {
            guard let table = decision.decisionTable, let first = table.inputs.first,
                  first.expression.referencedNames == [input],
                  Set(outputNames).isSubset(of: Set(table.outputs.compactMap(\.name))) else { continue }
            for rule in table.rules {
                guard let codes = rule.inputEntries.first?.literalValues, !codes.isEmpty else { continue }
                let fields = zip(table.outputs, rule.outputEntries.map { $0.evaluate(FEELScope()) })
                    .map { (name: $0.name ?? "", value: $1) }
                guard case .string? = fields.first(where: { $0.name == nameColumn })?.value else { continue }
                var conditions: [(input: String, values: [FEELValue])] = []
                for (column, entry) in zip(table.inputs.dropFirst(), rule.inputEntries.dropFirst()) where !entry.isWildcard {
                    conditions.append((input: column.expression.source, values: entry.literalValues ?? []))
                }
                let code = fields.first { $0.name == input }?.value
                let value: String? = if case .string(let s)? = code { s } else { nil }
                found.append((codes: Set(codes.map(\.bareText)),
                              refinement: Refinement(conditions: conditions, fields: fields.filter { outputNames.contains($0.name) },
                                                     value: value, decision: decision.name, rule: rule.id)))
            }
        }
        return found
    }

    /// The answers under which a refining table keeps `value` as it is (e.g. `needleAttached = false` for a
    /// syringe without a needle): the conditions of the first rule that names the value in its first column and
    /// yields the value itself. Empty when no refining rule names the value. Scenario tests for a family's
    /// codes set these, so that the class they expect is the table's.
    public static func answersKeeping(_ value: String, in model: DMNModel, input: String,
                                      catalogue: String) -> [(input: String, value: FEELValue)] {
        guard let outputNames = model.decision(named: catalogue)?.decisionTable?.outputs.compactMap(\.name) else { return [] }
        for decision in model.decisions where decision.name != catalogue {
            guard let table = decision.decisionTable, table.inputs.first?.expression.referencedNames == [input],
                  Set(outputNames).isSubset(of: Set(table.outputs.compactMap(\.name))),
                  let codeColumn = table.outputs.firstIndex(where: { $0.name == input }) else { continue }
            for rule in table.rules {
                guard let codes = rule.inputEntries.first?.literalValues, codes.contains(where: { $0.bareText == value }) else { continue }
                let kept = rule.outputEntries[codeColumn].evaluate(FEELScope([input: .string(value)]))
                guard kept == .string(value) else { continue }
                return zip(table.inputs.dropFirst(), rule.inputEntries.dropFirst()).compactMap { column, entry in
                    guard !entry.isWildcard, let first = entry.literalValues?.first else { return nil }
                    return (input: column.expression.source, value: first)
                }
            }
        }
        return []
    }

    public func entry(for value: String) -> Entry? { entries.first { $0.value == value } }

    /// Entries matching every word of the query (case- and width-insensitive), best first: the code itself, then
    /// entries whose names match (those naming the query as their head noun first, so "needle" lists needles
    /// before a needle holder), then those matched through a synonym or a refined sibling name, then those
    /// matched only through their notes.
    public func search(_ query: String) -> [Entry] {
        let words = Self.normalized(query).split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return [] }
        func rank(_ entry: Entry) -> (tier: Int, heads: Int)? {
            if entry.value == query.trimmingCharacters(in: .whitespaces) { return (0, 0) }
            let names = entry.fields.compactMap { if case .string(let s) = $0.value { s } else { nil } }
            let nameText = Self.normalized(([entry.value] + names).joined(separator: " "))
            if words.allSatisfy({ Self.contains(nameText, $0) }) {
                return (1, words.filter { w in names.contains { Self.headMatches(Self.normalized($0), w) } }.count)
            }
            let siblings = entry.refinements.flatMap { $0.fields.compactMap { if case .string(let s) = $0.value { s } else { nil } } }
            let synonymText = nameText + " " + Self.normalized((entry.synonyms + siblings).joined(separator: " "))
            if words.allSatisfy({ Self.contains(synonymText, $0) }) { return (2, 0) }
            let notes = entry.annotations.filter { $0.name != Self.synonymsAnnotation }.map(\.text)
            let all = synonymText + " " + Self.normalized(notes.joined(separator: " "))
            // Notes are prose: there the words must stand together ("blood pressure", not "blood gas … partial
            // pressures"); in names and synonyms they may stand apart.
            return Self.contains(Self.unhyphenated(all), Self.unhyphenated(words.joined(separator: " "))) ? (3, 0) : nil
        }
        return entries.enumerated().compactMap { i, e in rank(e).map { (rank: $0, index: i, entry: e) } }
            .sorted { ($0.rank.tier, -$0.rank.heads, $0.index) < ($1.rank.tier, -$1.rank.heads, $1.index) }
            .map(\.entry)
    }

    /// Lower case, full-width letters and digits folded (ＥＣＧ → ecg), so either way of typing finds the entry.
    static func normalized(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.lowercased()
    }

    /// "blood-pressure monitors" reads as "blood pressure monitors".
    static func unhyphenated(_ text: String) -> String {
        text.replacingOccurrences(of: "-", with: " ")
    }

    /// A word also matches its singular ("needles" finds "needle").
    static func contains(_ text: String, _ word: String) -> Bool {
        if text.contains(word) { return true }
        guard word.count > 3, word.hasSuffix("s") else { return false }
        return text.contains(word.dropLast())
    }

    /// Whether the word is the name's head noun: the end of a Japanese name (…用針), or the last word before
    /// "for"/"with" of an English one ("Needle for drug injection", "Single-use winged needle for …").
    static func headMatches(_ name: String, _ word: String) -> Bool {
        var core = name
        if let paren = core.firstIndex(where: { $0 == "(" || $0 == "（" }) { core = String(core[..<paren]) }
        core = core.trimmingCharacters(in: .whitespaces)
        if core.unicodeScalars.contains(where: { $0.value > 0x2E80 }) { return core.hasSuffix(word) }
        for marker in [" for ", " with ", " of "] {
            if let range = core.range(of: marker) { core = String(core[..<range.lowerBound]) }
        }
        guard let head = core.split(whereSeparator: { $0 == " " || $0 == "-" }).last.map(String.init) else { return false }
        return head == word || head.hasPrefix(word) || (word.hasSuffix("s") && head == String(word.dropLast()))
    }
}
