import DecisionModel

/// `rules check` on the glossary: every term in both languages with a source, every link resolving, and every
/// decision explained by some term.
struct GlossaryChecks {
    let glossary: Glossary
    let model: DMNModel
    let outcomes: Outcomes

    func findings() -> [Finding] {
        var findings: [Finding] = []
        let ids = Set(glossary.terms.map(\.id))
        for term in glossary.terms {
            for language in Language.allCases {
                if (term.name[language] ?? "").isEmpty {
                    findings.append(Finding(.error, "missing-translation", at: term.location, "glossary term '\(term.id)' has no \(language.rawValue) name"))
                }
                if (term.definition[language] ?? "").isEmpty {
                    findings.append(Finding(.error, "missing-translation", at: term.location, "glossary term '\(term.id)' has no \(language.rawValue) definition"))
                }
            }
            if term.source.isEmpty {
                findings.append(Finding(.error, "missing-citation", at: term.location, "glossary term '\(term.id)' names no source"))
            }
            for link in term.links {
                if let problem = problem(with: link, ids: ids) {
                    findings.append(Finding(.error, "glossary-link", at: term.location, "glossary term '\(term.id)': \(problem)"))
                }
            }
        }
        let explained = Set(glossary.terms.flatMap(\.links).compactMap { link -> String? in
            if case .decision(let name) = link { return name }
            return nil
        })
        for decision in model.decisions where !explained.contains(decision.name) {
            findings.append(Finding(.warning, "glossary-decision", at: decision.location,
                                    "decision '\(decision.name)' has no glossary term (<see decision=\"\(decision.name)\"/>)"))
        }
        return findings
    }

    func problem(with link: Glossary.Link, ids: Set<String>) -> String? {
        switch link {
        case .input(let name):
            return model.input(named: name) == nil ? "links to input '\(name)', which does not exist" : nil
        case .decision(let name):
            return model.decision(named: name) == nil ? "links to decision '\(name)', which does not exist" : nil
        case .term(let id):
            return ids.contains(id) ? nil : "links to term '\(id)', which does not exist"
        case .outcome(let key, let value):
            guard let known = outcomes.keys[key] else { return "links to outcome key '\(key)', which outcomes.xml does not name" }
            if let value, known.values[value] == nil { return "links to \(key) = \(value), which outcomes.xml does not name" }
            return nil
        }
    }
}
