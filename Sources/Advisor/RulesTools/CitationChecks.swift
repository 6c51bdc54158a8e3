import DecisionModel

/// `rules check` for what readers see of the sources: every cited id exists, tables with a `cite` column fill
/// it, citation entries are in both languages, and no user-facing text carries a research cross-reference.
struct CitationChecks {
    let model: DMNModel
    let questions: Questions
    let outcomes: Outcomes
    let citations: Citations
    let outcomesFile: String

    func findings() -> [Finding] {
        entryFindings() + tableFindings() + questionFindings() + outcomeFindings()
    }

    private func unknown(_ ids: [String], at location: SourceLocation, _ what: String) -> [Finding] {
        ids.filter { citations[$0] == nil }.map {
            Finding(.error, "unknown-citation", at: location, "\(what) cites '\($0)', which citations.xml does not define")
        }
    }

    private func research(_ text: String, at location: SourceLocation, _ what: String) -> [Finding] {
        guard Citations.hasResearchNote(text) else { return [] }
        return [Finding(.warning, "research-reference", at: location, "\(what) shows readers a research cross-reference: \(text.prefix(80))")]
    }

    private func entryFindings() -> [Finding] {
        citations.entries.values.flatMap { entry -> [Finding] in
            Language.allCases.filter { (entry.text[$0] ?? "").isEmpty }.map {
                Finding(.error, "missing-translation", at: entry.location, "citation '\(entry.id)' has no \($0.rawValue) text")
            } + research(entry.text.text(.en) + " " + entry.text.text(.ja), at: entry.location, "citation '\(entry.id)'")
        }
    }

    private func tableFindings() -> [Finding] {
        var findings: [Finding] = []
        for decision in model.decisions {
            guard let table = decision.decisionTable else { continue }
            let names = table.annotationNames
            for rule in table.rules {
                let notes = Dictionary(zip(names, rule.annotations), uniquingKeysWith: { a, _ in a })
                let what = "\(decision.name) row \(rule.row)"
                if names.contains("cite") {
                    let ids = Citations.ids(notes["cite"])
                    if ids.isEmpty {
                        findings.append(Finding(.error, "missing-citation", at: rule.location, "\(what) names no citation (annotation column 'cite')"))
                    }
                    findings += unknown(ids, at: rule.location, what)
                }
                for language in Language.allCases {
                    findings += research(notes[language.rawValue] ?? "", at: rule.location, "\(what) (\(language.rawValue) reason)")
                }
            }
        }
        return findings
    }

    private func questionFindings() -> [Finding] {
        questions.questions.values.flatMap { q -> [Finding] in
            let texts = Language.allCases.flatMap { language in
                [q.prompt.text(language), q.help.text(language)] + q.choices.map { choice in choice.label.text(language) }
            }
            return unknown(q.cite, at: q.location, "question '\(q.input)'")
                + texts.flatMap { research($0, at: q.location, "question '\(q.input)'") }
        }
    }

    private func outcomeFindings() -> [Finding] {
        let location = SourceLocation(file: outcomesFile, line: 0)
        return outcomes.keys.values.flatMap { key in
            key.values.values.flatMap { value -> [Finding] in
                let what = "outcome \(key.name)=\(value.value)"
                let texts = Language.allCases.flatMap { language in
                    [value.label.text(language)] + value.steps.map { step in step.text(language) }
                }
                return unknown(value.cite, at: location, what) + texts.flatMap { research($0, at: location, what) }
            }
        }
    }
}
