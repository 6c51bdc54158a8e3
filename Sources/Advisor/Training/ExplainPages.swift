import DecisionModel

/// The page for each kind of subject `Explainer` resolves.
extension Explainer {
    func explain(_ input: InputData, _ language: Language, _ page: inout Page) {
        let question = rules.questions[input.name]
        page.heading("\(input.name) — \(t(.kindInput, language))")
        page.table(bilingual(question?.prompt ?? LocalizedText(), language), indent: 2)
        if let help = question?.help, !help.isEmpty {
            page.blank()
            page.heading(t(.meaning, language))
            page.table(bilingual(help, language), indent: 2)
        }
        page.blank()
        if let choices = Questionnaire(rules: rules).choices(for: input) {
            page.text("\(t(.answers, language)):")
            page.table(choices.map { [$0, answerLabel(input.name, Self.choiceValue($0), language)] }, indent: 2)
        } else {
            page.text("\(t(.answers, language)): \(rules.model.baseType(of: input.typeRef) ?? "string")")
        }
        if let question, let source = rules.citations.citation(cite: question.cite.joined(separator: " "), source: question.source, language) {
            page.text("\(t(.source, language)): \(source)")
        }
        page.text("\(t(.usedBy, language)): \(list(graph.users(ofInput: input.name)))")
        termLine(terms(linkedTo: .input(input.name), text: (question?.prompt.text(language) ?? "") + " " + (question?.help.text(language) ?? "")),
                 language, &page)
        example(language, &page, prefilter: { scenario in
            if case .value(let v)? = scenario.answers[input.name], v != .null { return true }
            return false
        }) { scenario, assessment in
            let value: FEELValue = if case .value(let v)? = scenario.answers[input.name] { v } else { .null }
            var lines = ["\(input.name) = \(value.bareText) (\(answerLabel(input.name, value, language)))"]
            for user in graph.users(ofInput: input.name) {
                guard let trace = assessment.evaluation.trace(of: user), let rule = trace.rules.first else { continue }
                lines.append("→ \(user): \(trace.value.readable) (\(t(.row, language)) \(rule.row)\(rule.id.map { " [\($0)]" } ?? ""))")
            }
            return lines
        }
    }

    func explain(_ decision: Decision, _ language: Language, _ page: inout Page) {
        page.heading("\(decision.name) — \(t(.kindDecision, language))" + (decision.label.map { ": \($0)" } ?? ""))
        for term in terms(linkedTo: .decision(decision.name)).prefix(2) {
            page.table(bilingual(term.definition, language), indent: 2)
            page.text("[\(term.id)] \(Citations.withoutResearchNotes(term.source))", indent: 2, style: .dim)
        }
        page.blank()
        if let table = decision.decisionTable {
            page.text("\(t(.hitPolicy, language)): \(table.hitPolicy) — \(TrainingStrings.hitPolicy(table.hitPolicy, language))")
            page.text("\(t(.columns, language)): \(list(table.inputs.map(\.title)))")
            page.text("\(t(.gives, language)): \(list(table.outputs.compactMap(\.name)))")
            page.text("\(t(.rows, language)): \(table.rules.count)")
        }
        page.text("\(t(.reads, language)): \(list(graph.requiredInputs(of: decision) + graph.requiredDecisions(of: decision)))")
        page.text("\(t(.usedBy, language)): \(list(graph.users(ofDecision: decision.name)))")
        if let table = decision.decisionTable {
            let sources = table.rules.compactMap { citation($0, in: table, language) }
            var counts: [String: Int] = [:]
            for source in sources { counts[source, default: 0] += 1 }
            let top = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(3)
            if !top.isEmpty {
                page.text("\(t(.citations, language)):")
                for (source, count) in top { page.text("(\(count)) \(source)", indent: 2, marker: "•") }
            }
        }
        example(language, &page) { _, assessment in
            guard let trace = assessment.evaluation.trace(of: decision.name), let rule = trace.rules.first else { return nil }
            return ["\(decision.name): \(trace.value.readable)",
                    "\(t(.row, language)) \(rule.row)\(rule.id.map { " [\($0)]" } ?? ""): \(rule.annotation(language.rawValue) ?? rule.description ?? "")"]
        }
    }

    func explain(_ rule: DecisionTable.Rule, of decision: Decision, _ language: Language, _ page: inout Page) {
        guard let table = decision.decisionTable else { return }
        page.heading("\(rule.id ?? "\(decision.name):\(rule.row)") — \(t(.kindRule, language)) \(rule.row) / \(decision.name) (\(table.hitPolicy))")
        var reasons = LocalizedText()
        for l in Language.allCases { reasons[l] = rule.annotation(l.rawValue, in: table) }
        page.table(bilingual(reasons, language), indent: 2)
        if let source = citation(rule, in: table, language) { page.text("\(t(.source, language)): \(source)", indent: 2) }
        if let description = rule.description?.nonEmpty { page.text(description, indent: 2, style: .dim) }
        page.blank()
        page.text("\(t(.when, language)):")
        let conditions = zip(table.inputs, rule.inputEntries).filter { !$0.1.isWildcard }
        page.table(conditions.map { column, entry in [column.title, cellText(entry, column: column, language)] }, indent: 2)
        if conditions.count < table.inputs.count { page.text(t(.otherColumnsAny, language), indent: 2, style: .dim) }
        page.text("\(t(.then, language)):")
        page.table(zip(table.outputs, rule.outputEntries).map { [$0.name ?? "", $1.source] }, indent: 2)
        page.text("\(t(.usedBy, language)): \(list([decision.name] + graph.users(ofDecision: decision.name)))")
        example(language, &page) { _, assessment in
            guard let trace = assessment.evaluation.trace(of: decision.name), trace.rules.contains(where: { $0.row == rule.row }) else { return nil }
            return ["\(decision.name): \(trace.value.readable)"]
        }
    }

    /// A choice as typed: `true`/`false` are booleans, anything else is shown as it stands.
    static func choiceValue(_ text: String) -> FEELValue {
        switch text {
        case "true": .boolean(true)
        case "false": .boolean(false)
        default: .string(text)
        }
    }

    /// What a reader sees as a row's source: its cited entries, else the source without research notes.
    func citation(_ rule: DecisionTable.Rule, in table: DecisionTable, _ language: Language) -> String? {
        rules.citations.citation(cite: rule.annotation("cite", in: table), source: rule.annotation("source", in: table), language)
    }

    /// A cell as written, with the labels of the values it names.
    func cellText(_ entry: FEELUnaryTests, column: DecisionTable.Input, _ language: Language) -> String {
        let input = column.expression.source
        guard let values = entry.literalValues, rules.questions[input] != nil else { return entry.source }
        let labels = values.map { answerLabel(input, $0, language) }.filter { !$0.isEmpty }
        return labels.isEmpty ? entry.source : "\(entry.source)  (\(labels.joined(separator: "; ")))"
    }

    func explain(_ term: Glossary.Term, _ language: Language, _ page: inout Page) {
        page.heading("\(term.title(language)) — \(t(.kindTerm, language))")
        if let reading = term.reading { page.text("\(t(.reading, language)): \(reading)", indent: 2) }
        if !term.aliases.isEmpty { page.text("\(t(.alsoWritten, language)): \(term.aliases.joined(separator: ", "))", indent: 2) }
        page.table(bilingual(term.definition, language), indent: 2)
        page.text("\(t(.source, language)): \(Citations.withoutResearchNotes(term.source))", indent: 2)
        page.blank()
        var inputs: [String] = [], decisions: [String] = [], outcomes: [String] = [], related: [String] = []
        for link in term.links {
            switch link {
            case .input(let name): inputs.append(name)
            case .decision(let name): decisions.append(name)
            case .outcome(let key, let value): outcomes.append(value.map { "\(key) = \($0)" } ?? key)
            case .term(let id): related.append(rules.glossary.term(id: id).map { "\($0.title(language)) [\(id)]" } ?? id)
            }
        }
        let users = Set(decisions + inputs.flatMap(graph.users(ofInput:))
                        + term.links.compactMap { if case .outcome(let key, _) = $0 { key } else { nil } }
                            .flatMap { ContractKeys.producers(in: rules.model, keys: [$0]) })
        if !inputs.isEmpty { page.text("\(t(.questions, language)): \(list(inputs))") }
        page.text("\(t(.usedBy, language)): \(list(rules.model.decisionsInDependencyOrder.map(\.name).filter(users.contains)))")
        if !outcomes.isEmpty { page.text("\(t(.outcomes, language)): \(list(outcomes))") }
        if !related.isEmpty { page.text("\(t(.seeAlso, language)): \(list(related))") }
        let outcomeLinks = term.links.compactMap { link -> (String, String)? in
            if case .outcome(let key, let value?) = link { return (key, value) }
            return nil
        }
        if !outcomeLinks.isEmpty {
            example(language, &page) { _, assessment in
                for (key, value) in outcomeLinks where assessment.value(key).bareText == value {
                    return ["\(key) = \(outcomeLabel(key, assessment.value(key), language))"]
                }
                return nil
            }
        } else if !inputs.isEmpty {
            example(language, &page, prefilter: { s in inputs.contains { if case .value(let v)? = s.answers[$0], v != .null { true } else { false } } }) { scenario, _ in
                inputs.compactMap { name in
                    guard case .value(let v)? = scenario.answers[name], v != .null else { return nil }
                    return "\(name) = \(v.bareText) (\(answerLabel(name, v, language)))"
                }
            }
        }
    }

    func explain(key: String, value: String?, _ language: Language, _ page: inout Page) {
        let entry = rules.outcomes.keys[key]
        let outcome = value.flatMap { entry?.values[$0] }
        page.heading("\(value.map { "\(key) = \($0)" } ?? key) — \(t(.kindOutcome, language))")
        page.table(bilingual(outcome?.label ?? entry?.label ?? LocalizedText(), language), indent: 2)
        if let outcome, let source = rules.citations.citation(cite: outcome.cite.joined(separator: " "), source: outcome.source, language) {
            page.text("\(t(.source, language)): \(source)", indent: 2)
        }
        page.blank()
        let producers = rules.model.decisionsInDependencyOrder.filter { ContractKeys.producers(in: rules.model, keys: [key]).contains($0.name) }
        for decision in producers {
            var line = "\(t(.decidedBy, language)): \(decision.name)"
            if let value, let table = decision.decisionTable {
                let column = String(key.split(separator: ".").last ?? "")
                let rows = table.rules.filter { rule in
                    zip(table.outputs, rule.outputEntries).contains { $0.name == column && $1.evaluate(FEELScope()).bareText == value }
                }
                if !rows.isEmpty { line += " (\(t(.rows, language)): " + rows.map { $0.id ?? String($0.row) }.joined(separator: ", ") + ")" }
            }
            page.text(line)
        }
        if let steps = outcome?.steps, let first = steps.first {
            page.text("\(t(.firstStep, language)):")
            page.table(bilingual(first, language), indent: 2)
        }
        termLine(terms(linkedTo: .outcome(key: key, value: value)), language, &page)
        if let value {
            example(language, &page) { _, assessment in
                assessment.value(key).bareText == value ? ["\(key) = \(outcomeLabel(key, assessment.value(key), language))"] : nil
            }
        }
    }

    /// A worked case: the first scenario (quiz cases first) for which `lines` has something to say.
    func example(_ language: Language, _ page: inout Page, prefilter: (Scenario) -> Bool = { _ in true },
                 _ lines: (Scenario, Assessment) -> [String]?) {
        guard let library else { return }
        var said: [String] = []
        guard let (scenario, _) = library.firstCase(where: { scenario, assessment in
            guard let found = lines(scenario, assessment) else { return false }
            said = found
            return true
        }, prefilter: prefilter) else {
            page.blank()
            page.text(t(.noExample, language), style: .dim)
            return
        }
        page.blank()
        page.heading("\(t(.example, language)) — \(scenario.id)")
        page.text(scenario.descriptions.text(language), indent: 2)
        for line in said { page.text(line, indent: 4) }
        if let source = Citations.withoutResearchNotes(scenario.source).nonEmpty { page.text("\(t(.caseSource, language)): \(source)", indent: 2, style: .dim) }
    }
}
