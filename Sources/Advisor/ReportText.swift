import DecisionModel

/// The wording shared by the text, Markdown and HTML reports.
extension TextReport {
    func label(_ key: String, _ value: FEELValue) -> String {
        switch value {
        case .null: return t(.undetermined)
        case .list(let items): return items.isEmpty ? "—" : items.map { label(key, $0) }.joined(separator: ", ")
        default: return rules.outcomes.label(key: key, value: value.bareText, language)
        }
    }

    /// A determined value; a null a rule gave on purpose reads "not applicable", a null no rule gave "not
    /// determined"; a key the open answers leave open lists what it can still be ("at least Class II").
    /// A key's qualifier (`<key>Detail`, e.g. a class read from a secondary source) follows its label.
    func summaryLabel(_ key: String, _ a: Assessment) -> String {
        let value = a.value(key)
        let possible = a.possibleValues[key] ?? []
        if possible.count > 1 || possible.first?.value == nil && !possible.isEmpty { return openLabel(key, possible) }
        let detail = a.value(key + "Detail")
        if value != .null && detail != .null { return label(key, value) + " — " + label(key + "Detail", detail) }
        guard value == .null else { return label(key, value) }
        return t(possible.first?.ruled == true ? .notApplicable : .undetermined)
    }

    /// "not determined (Certification or Approval)"; for numbers "at least Class II — not determined (…)".
    func openLabel(_ key: String, _ possible: [KeyValue]) -> String {
        var names: [String] = []
        var numbers: [FEELNumber] = []
        var allNumbers = true
        for option in possible {
            let text: String
            switch option.value {
            case nil: text = t(.unknownValue); allNumbers = false
            case .null?: text = option.ruled ? t(.notApplicableShort) : t(.unknownValue); allNumbers = false
            case let value?:
                text = label(key, value)
                if case .number(let n) = value { numbers.append(n) } else { allNumbers = false }
            }
            if !names.contains(text) { names.append(text) }
        }
        let listed = UIStrings.format(.openValues, language, list(names))
        if allNumbers, let least = numbers.min(), numbers.count > 1 {
            return UIStrings.format(.atLeast, language, label(key, .number(least))) + " — " + listed
        }
        return listed
    }

    /// "A, B or C".
    func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        let separator = language == .ja ? "、" : ", "
        return names.dropLast().joined(separator: separator) + " \(t(.orWord)) " + names.last!
    }

    /// The summary: headline keys always, detail keys when determined or open.
    func summaryRows(_ a: Assessment) -> [(label: String, value: String)] {
        var rows = Self.summaryKeys.map { (rules.outcomes.label(key: $0, language), summaryLabel($0, a)) }
        for key in Self.detailKeys {
            let value = a.value(key)
            if a.isOpen(key) {
                rows.append((rules.outcomes.label(key: key, language), summaryLabel(key, a)))
            } else if value != .null && value != .list([]) {
                rows.append((rules.outcomes.label(key: key, language), detail(key, value)))
            }
        }
        return rows
    }

    func detail(_ key: String, _ value: FEELValue) -> String {
        switch value {
        case .number, .date: value.bareText + (key == "change.deadlineDays" ? (language == .ja ? " 日以内" : " days") : "")
        default: label(key, value)
        }
    }

    /// Schemes and consultations that some still-possible answers lead to, each with its conditions.
    func possibleGroups(_ a: Assessment) -> [(heading: String, items: [(label: String, condition: String)])] {
        var groups: [(heading: String, items: [(label: String, condition: String)])] = []
        for (key, heading, items) in [("schemes", UIStrings.ID.possibleSchemes, a.possibleSchemes),
                                      ("consultations", .possibleConsultations, a.possibleConsultations)] where !items.isEmpty {
            groups.append((t(heading), items.map { item in
                var condition = item.when.isEmpty ? "" : t(.ifWord) + " " + conditionText(item.when)
                if !item.whileUnknown.isEmpty {
                    let waiting = UIStrings.format(.whileUnknown, language, list(item.whileUnknown))
                    condition = condition.isEmpty ? waiting : waiting + "; " + condition
                }
                return (label(key, item.value), condition.isEmpty ? t(.undetermined) : condition)
            }))
        }
        return groups
    }

    /// A code answered but missing from its lookup table changes nothing; the reader must not miss that.
    func lookupNotes(_ a: Assessment) -> [String] {
        rules.questions.questions.values.filter { $0.lookup != nil }.map(\.input).sorted().compactMap { input -> String? in
            guard case .value(let value)? = a.answers[input], value != .null,
                  let table = LookupTable(rules: rules, input: input), table.entry(for: value.bareText) == nil else { return nil }
            return UIStrings.format(.lookupMissing, language, excerpt(value.bareText), String(table.entries.count))
        }
    }

    /// The citation a reader sees for a rule row, in the report's language (research notes stay in the rules).
    func citation(_ rule: DecisionTrace.RuleHit) -> String? {
        rules.citations.citation(cite: rule.annotation("cite"), source: rule.annotation("source"), language)
    }

    func question(_ input: String) -> String {
        rules.questions[input]?.prompt.text(language).nonEmpty ?? input
    }

    /// Rows shown for a decision the open answers leave undetermined; the JSON trace lists them all.
    static let shownOpenRows = 5

    /// The decisions "why" shows: all of them, except undetermined ones that only open answers no reported result
    /// depends on feed (a change table on a new product) — each with the rows it shows and how many it leaves out.
    func whyTraces(_ a: Assessment) -> [(trace: DecisionTrace, more: Int)] {
        let relevant = Set(a.openQuestions + a.unanswered)
        return a.evaluation.traces.compactMap { trace in
            guard trace.value == .null, let openness = a.openness[trace.decision], !openness.dependsOn.isEmpty else { return (trace, 0) }
            guard openness.dependsOn.contains(where: relevant.contains) else { return nil }
            var shown = trace
            shown.rules = Array(trace.rules.prefix(Self.shownOpenRows))
            return (shown, trace.rules.count - shown.rules.count)
        }
    }

    func moreRows(_ count: Int) -> String? {
        count > 0 ? "…" + UIStrings.format(.andMore, language, String(count)) : nil
    }

    func traceValue(_ trace: DecisionTrace, _ a: Assessment) -> String {
        if trace.value == .null, let openness = a.openness[trace.decision], !openness.dependsOn.isEmpty { return t(.undetermined) }
        return trace.value.bareText
    }

    /// "the same whatever novelty, clinicalDataNeeded" / "depends on novelty" for a decision fed by open answers.
    func opennessNote(_ decision: String, _ a: Assessment) -> String? {
        guard let openness = a.openness[decision] else { return nil }
        // The JSON lists every name; a line of text shows the first few.
        func names(_ list: [String]) -> String {
            list.count <= 6 ? list.joined(separator: ", ") : list.prefix(5).joined(separator: ", ") + UIStrings.format(.andMore, language, String(list.count - 5))
        }
        var notes: [String] = []
        if !openness.dependsOn.isEmpty { notes.append(UIStrings.format(.dependsOnOpen, language, names(openness.dependsOn))) }
        if !openness.independentOf.isEmpty { notes.append(UIStrings.format(.sameWhatever, language, names(openness.independentOf))) }
        return notes.isEmpty ? nil : notes.joined(separator: "; ")
    }

    func outcomeText(_ alternative: Alternative) -> String {
        alternative.outcome.map { key, value in
            let text = value == .null && alternative.notApplicable.contains(key) ? t(.notApplicable) : label(key, value)
            return "\(rules.outcomes.label(key: key, language)): \(text)"
        }
        .joined(separator: "; ")
    }

    /// The simplest few combinations per outcome; the JSON lists them all.
    static let shownConditions = 3

    func conditionText(_ when: [[AnswerCondition]]) -> String {
        let shown = when.prefix(Self.shownConditions).map(pathText).joined(separator: "; \(t(.orWord)) ")
        return moreText(when).map { shown + " " + $0 } ?? shown
    }

    func conditionText(_ alternative: Alternative) -> String { conditionText(alternative.when) }

    func moreText(_ when: [[AnswerCondition]]) -> String? {
        let more = when.count - Self.shownConditions
        if more <= 0 { return nil }
        return more == 1 ? t(.moreCondition) : UIStrings.format(.moreConditions, language, String(more))
    }

    func moreText(_ alternative: Alternative) -> String? { moreText(alternative.when) }

    func pathText(_ path: [AnswerCondition]) -> String {
        if path.isEmpty { return t(.anyAnswers) }
        return path.map { condition in
            if condition.isResult {
                return "\(rules.outcomes.label(key: condition.input, language)) = "
                    + condition.values.map { label(condition.input, $0) }.joined(separator: " \(t(.orWord)) ")
            }
            if let test = condition.test {
                return "\(condition.input) \(test.first.map { "<>=[(".contains($0) } == true ? "" : "= ")\(test)"
            }
            // Several values read as "one of", or as "none of" the rest when that is shorter.
            let allowed = choiceValues(condition.input)
            if condition.values.count > 1, let allowed, allowed.count - condition.values.count < condition.values.count {
                let others = allowed.filter { !condition.values.contains($0) }
                return "\(condition.input) ≠ " + others.map { answerLabel(condition.input, $0) }.joined(separator: ", ")
            }
            return "\(condition.input) = " + condition.values.map { answerLabel(condition.input, $0) }.joined(separator: " \(t(.orWord)) ")
        }.joined(separator: " \(t(.andWord)) ")
    }

    private func choiceValues(_ input: String) -> [FEELValue]? {
        guard let item = rules.model.input(named: input) else { return nil }
        if rules.model.baseType(of: item.typeRef) == "boolean" { return [.boolean(true), .boolean(false)] }
        return rules.model.allowedValues(of: item.typeRef)?.literalValues
    }

    func answerLabel(_ input: String, _ value: FEELValue) -> String {
        if let label = rules.questions[input]?.label(for: value.bareText, language), !label.isEmpty { return label }
        if value == .boolean(true) { return t(.yes) }
        if value == .boolean(false) { return t(.no) }
        if value == .null { return t(.unknownAnswer) }
        return value.bareText
    }

    func escape(_ s: String) -> String { MarkdownText.escape(s) }

    /// A code span whose fence is longer than any run of backticks inside, so the text cannot close it early.
    func code(_ s: String) -> String {
        let flat = s.split(whereSeparator: \.isNewline).joined(separator: " ")
        var longest = 0, run = 0
        for c in flat {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }
}

/// Markdown inline text that can neither inject markup nor break a table: the characters HTML gives meaning to
/// become entities (renderers pass raw HTML through) and Markdown punctuation is escaped.
enum MarkdownText {
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "~": out += "\\" + String(c)
            case "\n", "\r\n", "\r": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}
