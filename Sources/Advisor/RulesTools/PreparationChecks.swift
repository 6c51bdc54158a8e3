import DecisionModel

/// The lint of `preparation.xml`: names that must exist elsewhere in the rules, translations, sources, and
/// coverage — every consultation the rules can recommend has its preparation, every route its checklist.
struct PreparationChecks {
    let preparation: Preparation
    let model: DMNModel
    let outcomes: Outcomes
    var citations = Citations()
    let file: String

    /// The outcome key whose values are consultation names, and the one whose values need a checklist.
    static let consultationKey = "consultations"
    static let routeKey = "pathway"
    /// A route value that needs no documents.
    static let noRoute = "none"

    func findings() -> [Finding] {
        var findings: [Finding] = []
        func error(_ location: SourceLocation, _ message: String) {
            findings.append(Finding(.error, "preparation", at: location, message))
        }
        let fileStart = SourceLocation(file: file, line: 1)
        let known = Set(outcomes.keys[Self.consultationKey]?.values.keys.map { $0 } ?? [])
        func checkTexts(_ text: LocalizedText, _ what: String, _ location: SourceLocation) {
            for language in Language.allCases where (text[language] ?? "").isEmpty {
                findings.append(Finding(.error, "missing-translation", at: location, "\(what) has no \(language.rawValue) text"))
            }
        }
        func checkConsultation(_ name: String, _ location: SourceLocation) {
            if !known.isEmpty && !known.contains(name) {
                error(location, "'\(name)' is not a consultation of outcomes.xml (key \(Self.consultationKey))")
            }
        }
        func checkConditions(_ conditions: [Preparation.Condition], _ location: SourceLocation) {
            for condition in conditions {
                if let input = model.input(named: condition.name) {
                    let allowed = model.allowedValueTexts(of: input) ?? []
                    if !allowed.isEmpty && !allowed.contains(condition.value) {
                        error(location, "input '\(condition.name)' does not allow '\(condition.value)'")
                    }
                } else if let key = outcomes.keys[condition.name] {
                    if !key.values.isEmpty && key.values[condition.value] == nil {
                        error(location, "'\(condition.value)' is not a value of '\(condition.name)' in outcomes.xml")
                    }
                } else if !ContractKeys.all.contains(condition.name) {
                    error(location, "'\(condition.name)' is neither an input nor an assessment key")
                }
            }
        }
        func checkCite(_ cite: String?, _ location: SourceLocation) {
            guard !citations.entries.isEmpty else { return }
            for id in Citations.ids(cite) where citations[id] == nil {
                findings.append(Finding(.error, "unknown-citation", at: location, "cites '\(id)', which citations.xml does not define"))
            }
        }
        for name in known.sorted() where preparation.consultations[name] == nil {
            error(fileStart, "consultation '\(name)' (outcomes.xml) has no <consultation> entry: what to bring is missing")
        }
        for (name, c) in preparation.consultations.sorted(by: { $0.key < $1.key }) {
            checkConsultation(name, c.location)
            if preparation.kinds[c.kind] == nil { error(c.location, "consultation '\(name)' names an undefined kind '\(c.kind)'") }
            if c.source.isEmpty { findings.append(Finding(.error, "missing-citation", at: c.location, "consultation '\(name)' names no source")) }
            for bring in c.bring { checkTexts(bring, "a <bring> of '\(name)'", c.location) }
            checkCite(c.cite, c.location)
        }
        for (kind, label) in preparation.kinds { checkTexts(label, "kind '\(kind)'", fileStart) }
        var questions = Array(preparation.questions.values)
        if let fallback = preparation.fallback { questions.append(fallback) } else { error(fileStart, "no <default> question") }
        for q in questions {
            if !q.input.isEmpty && model.input(named: q.input) == nil { error(q.location, "question for '\(q.input)', which is no input") }
            checkConsultation(q.consultation, q.location)
            for pair in q.instead {
                checkConsultation(pair.consultation, q.location)
                checkConditions(pair.when, q.location)
            }
            checkTexts(q.ask, "the question for '\(q.input.isEmpty ? "default" : q.input)'", q.location)
        }
        let routes = outcomes.keys[Self.routeKey]?.values.keys.filter { $0 != Self.noRoute } ?? []
        for route in routes.sorted() where !preparation.checklists.contains(where: { list in
            list.when.contains { $0.name == Self.routeKey && $0.value == route }
        }) {
            error(fileStart, "route '\(route)' has no document checklist")
        }
        for list in preparation.checklists {
            checkConditions(list.when, list.location)
            checkTexts(list.label, "checklist '\(list.name)'", list.location)
            checkCite(list.cite, list.location)
            if list.source.isEmpty { findings.append(Finding(.error, "missing-citation", at: list.location, "checklist '\(list.name)' names no source")) }
            for item in list.items {
                checkConditions(item.when, list.location)
                checkTexts(item.text, "an item of checklist '\(list.name)'", list.location)
            }
        }
        return findings
    }
}
