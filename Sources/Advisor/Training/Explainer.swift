import DecisionModel

/// `yakuji explain NAME`: what an input, decision, rule, glossary term or outcome value means, in Japanese and
/// English, where it comes from, which decisions use it, and a worked case that shows it.
public struct Explainer: Sendable {
    public let rules: RuleSet
    public let library: CaseLibrary?

    public init(rules: RuleSet, library: CaseLibrary?) {
        self.rules = rules
        self.library = library
    }

    public enum Subject: Sendable {
        case input(InputData)
        case decision(Decision)
        case rule(Decision, DecisionTable.Rule)
        case term(Glossary.Term)
        case outcome(key: String, value: String?)

        public var kind: String {
            switch self {
            case .input: "input"
            case .decision: "decision"
            case .rule: "rule"
            case .term: "term"
            case .outcome: "outcome"
            }
        }

        /// How to ask for this subject again.
        public var reference: String {
            switch self {
            case .input(let input): input.name
            case .decision(let decision): decision.name
            case .rule(let decision, let rule): rule.id ?? "\(decision.name):\(rule.row)"
            case .term(let term): term.id
            case .outcome(let key, let value): value.map { "\(key)=\($0)" } ?? key
            }
        }
    }

    var graph: DecisionGraph { DecisionGraph(model: rules.model) }

    /// Everything the name can mean, the most specific first: an input, a decision, a rule (id or
    /// `decision:row`), a glossary term (id, name or alias), an outcome (`key`, `key=value` or a value no other
    /// key shares).
    public func resolve(_ name: String) -> [Subject] {
        let name = name.trimmingWhitespace()
        var found: [Subject] = []
        if let input = rules.model.input(named: name) { found.append(.input(input)) }
        if let decision = rules.model.decision(named: name) { found.append(.decision(decision)) }
        if let (decision, rule) = graph.rule(name) { found.append(.rule(decision, rule)) }
        if let term = rules.glossary.term(named: name) { found.append(.term(term)) }
        found += outcomes(named: name).map { .outcome(key: $0.key, value: $0.value) }
        return found
    }

    func outcomes(named name: String) -> [(key: String, value: String?)] {
        if let equals = name.firstIndex(of: "=") {
            let key = String(name[..<equals]).trimmingWhitespace(), value = String(name[name.index(after: equals)...]).trimmingWhitespace()
            return rules.outcomes.keys[key]?.values[value] != nil ? [(key, value)] : []
        }
        if rules.outcomes.keys[name] != nil { return [(name, nil)] }
        let keys = rules.outcomes.keys.values.filter { $0.values[name] != nil }.map(\.name).sorted()
        return keys.count == 1 ? [(keys[0], name)] : keys.map { ($0, name) }
    }

    /// Names close to one that resolved to nothing: glossary matches, then inputs, decisions and rule ids
    /// containing it.
    public func suggestions(for name: String) -> [String] {
        let folded = LookupTable.normalized(name)
        var names = rules.glossary.search(name).prefix(5).map(\.id)
        let candidates = rules.model.inputs.map(\.name) + rules.model.decisions.map(\.name)
            + rules.model.decisions.flatMap { $0.decisionTable?.rules.compactMap(\.id) ?? [] }
        names += candidates.filter { LookupTable.normalized($0).contains(folded) }.prefix(8)
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    public func page(_ subject: Subject, language: Language) -> Page {
        var page = Page()
        switch subject {
        case .input(let input): explain(input, language, &page)
        case .decision(let decision): explain(decision, language, &page)
        case .rule(let decision, let rule): explain(rule, of: decision, language, &page)
        case .term(let term): explain(term, language, &page)
        case .outcome(let key, let value): explain(key: key, value: value, language, &page)
        }
        return page
    }

    /// Both languages, the reader's first, as an aligned two-column table.
    func bilingual(_ text: LocalizedText, _ language: Language) -> [[String]] {
        let order: [Language] = language == .ja ? [.ja, .en] : [.en, .ja]
        return order.compactMap { l in text[l].flatMap { $0.isEmpty ? nil : [l.rawValue, $0] } }
    }

    func t(_ id: TrainingStrings.ID, _ language: Language) -> String { TrainingStrings.text(id, language) }

    func list(_ names: [String]) -> String { names.isEmpty ? "—" : names.joined(separator: ", ") }

    /// Glossary terms that link to a thing, else those its text mentions.
    func terms(linkedTo link: Glossary.Link, text: String = "") -> [Glossary.Term] {
        let linked = rules.glossary.terms.filter { $0.links.contains(link) }
        return linked.isEmpty ? rules.glossary.mentioned(in: text) : linked
    }

    func termLine(_ terms: [Glossary.Term], _ language: Language, _ page: inout Page) {
        guard !terms.isEmpty else { return }
        page.text("\(t(.glossary, language)): " + terms.map { "\($0.title(language)) [\($0.id)]" }.joined(separator: "; "))
    }

    func answerLabel(_ input: String, _ value: FEELValue, _ language: Language) -> String {
        TextReport(rules: rules, language: language).answerLabel(input, value)
    }

    func outcomeLabel(_ key: String, _ value: FEELValue, _ language: Language) -> String {
        if value == .null { return UIStrings.text(.undetermined, language) }
        return TextReport(rules: rules, language: language).label(key, value)
    }
}
