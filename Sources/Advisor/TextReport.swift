import Foundation
import DecisionModel

/// The terminal and Markdown renderings of an assessment, in the user's language.
public struct TextReport: Sendable {
    public let rules: RuleSet
    public let language: Language

    public init(rules: RuleSet, language: Language) {
        self.rules = rules
        self.language = language
    }

    private func t(_ id: UIStrings.ID) -> String { UIStrings.text(id, language) }

    /// Summary keys, in the order a reader wants them.
    static let summaryKeys = ["regulatoryCategory", "deviceClass", "classCategory", "classBasis", "pathway", "reviewBody",
                              "reviewCategory", "mahLicence"]

    func label(_ key: String, _ value: FEELValue) -> String {
        switch value {
        case .null: return t(.undetermined)
        case .list(let items): return items.isEmpty ? "—" : items.map { label(key, $0) }.joined(separator: ", ")
        default: return rules.outcomes.label(key: key, value: value.bareText, language)
        }
    }

    /// A null that a matching rule gave on purpose reads "not applicable"; a null no rule gave, "not determined".
    /// A key's qualifier (`<key>Detail`, e.g. a class read from a secondary source) follows its label.
    func summaryLabel(_ key: String, _ a: Assessment) -> String {
        let value = a.value(key)
        let detail = a.value(key + "Detail")
        if value != .null && detail != .null { return label(key, value) + " — " + label(key + "Detail", detail) }
        guard value == .null else { return label(key, value) }
        // A rule may give null on purpose while an answer is open; the alternatives then show it is undecided.
        if a.alternatives.contains(where: { $0.outcome.contains { $0.key == key } }) { return t(.undetermined) }
        let producers = ContractKeys.producers(in: rules.model, keys: [key])
        let decided = a.evaluation.traces.contains { producers.contains($0.decision) && !$0.rules.isEmpty }
        return t(decided ? .notApplicable : .undetermined)
    }

    /// Shown under the summary when the rules determined them.
    static let detailKeys = ["change.procedure", "change.filedWith", "change.deadlineDays", "qms.auditRequired", "qms.body",
                             "qms.renewalStatus", "qms.renewalApplicationDue", "qms.renewalDue", "schemes", "consultations"]

    func detail(_ key: String, _ value: FEELValue) -> String {
        switch value {
        case .number, .date: value.bareText + (key == "change.deadlineDays" ? (language == .ja ? " 日以内" : " days") : "")
        default: label(key, value)
        }
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

    public func text(_ a: Assessment) -> String {
        var out: [String] = []
        out.append(t(.title) + (a.device.map { " — \($0)" } ?? ""))
        out.append("")
        out.append(t(.summary))
        for key in Self.summaryKeys {
            out.append("  \(rules.outcomes.label(key: key, language)): \(summaryLabel(key, a))")
        }
        for key in Self.detailKeys where a.value(key) != .null && a.value(key) != .list([]) {
            out.append("  \(rules.outcomes.label(key: key, language)): \(detail(key, a.value(key)))")
        }
        for note in lookupNotes(a) { out.append("  ! " + note) }
        out += timelineLines(a)
        out.append("")
        out.append(t(.why))
        for trace in a.evaluation.traces {
            out.append("  \(trace.decision) = \(trace.value.bareText)")
            if trace.rules.isEmpty && trace.hitPolicy != nil { out.append("    \(t(.noRuleHit))") }
            for rule in trace.rules {
                let reason = rule.annotation(language.rawValue) ?? rule.description ?? ""
                out.append("    \(t(.rule)) \(rule.row)\(rule.id.map { " [\($0)]" } ?? ""): \(reason)")
                if let source = citation(rule) { out.append("      \(t(.source)): \(source)") }
            }
        }
        let steps = nextSteps(a)
        if !steps.isEmpty {
            out.append("")
            out.append(t(.nextSteps))
            var number = 0
            for group in steps {
                out.append("  \(group.heading)")
                for step in group.steps { number += 1; out.append("    \(number). \(step)") }
                if let source = group.source { out.append("       \(t(.source)): \(source)") }
            }
        }
        if !a.openQuestions.isEmpty {
            out.append("")
            out.append(t(.openQuestions))
            for name in a.openQuestions { out.append("  - \(name): \(question(name))") }
        }
        if !a.alternatives.isEmpty {
            out.append("")
            out.append(t(.alternatives) + (a.alternativesComplete ? "" : " " + t(.incomplete)))
            for alternative in a.alternatives {
                out.append("  • " + outcomeText(alternative))
                for (i, path) in alternative.when.prefix(Self.shownConditions).enumerated() {
                    out.append("      \(i == 0 ? t(.ifWord) : t(.orWord)) " + pathText(path))
                }
                if let more = moreText(alternative) { out.append("      " + more) }
                if let line = timelineLine(alternative) { out.append("      " + line) }
            }
            let consultations = a.value("consultations")
            if case .list(let items) = consultations, !items.isEmpty {
                out.append("  \(t(.consultHint)): \(label("consultations", consultations))")
            }
        }
        if !a.unanswered.isEmpty {
            out.append("")
            out.append(t(.unanswered))
            for name in a.unanswered { out.append("  - \(name): \(question(name))") }
        }
        out.append("")
        out.append("\(t(.rulesLine)): \(a.rulesVersion) \(a.rulesChecksum) as-of \(a.asOf)")
        // Answers and rule files may hold escape sequences; on a terminal they are shown, never obeyed.
        return VisibleText.sanitize(out.joined(separator: "\n") + "\n")
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

    func conditionText(_ alternative: Alternative) -> String {
        let shown = alternative.when.prefix(Self.shownConditions).map(pathText).joined(separator: "; \(t(.orWord)) ")
        return moreText(alternative).map { shown + " " + $0 } ?? shown
    }

    func moreText(_ alternative: Alternative) -> String? {
        let more = alternative.when.count - Self.shownConditions
        if more <= 0 { return nil }
        return more == 1 ? t(.moreCondition) : UIStrings.format(.moreConditions, language, String(more))
    }

    func pathText(_ path: [(input: String, value: FEELValue)]) -> String {
        path.map { "\($0.input) = \(answerLabel($0.input, $0.value))" }.joined(separator: " \(t(.andWord)) ")
    }

    func answerLabel(_ input: String, _ value: FEELValue) -> String {
        if let label = rules.questions[input]?.label(for: value.bareText, language), !label.isEmpty { return label }
        if value == .boolean(true) { return t(.yes) }
        if value == .boolean(false) { return t(.no) }
        return value.bareText
    }

    /// Steps of every outcome value that has them, in summary order, without repeats, each group headed by the
    /// outcome it follows from so a long list can be scanned.
    func nextSteps(_ a: Assessment) -> [(heading: String, steps: [String], source: String?)] {
        var groups: [(heading: String, steps: [String], source: String?)] = []
        var seen: Set<String> = []
        // For a marketed device the change procedure or the periodic audit comes first; entry-route steps do not apply.
        let auditing = a.value("qms.auditRequired") == .boolean(true)
        let keys: [String]
        if a.value("change") != .null {
            keys = ["change.procedure"] + (auditing ? ["qms.body"] : []) + ["schemes", "consultations"]
        } else if a.value("qms.renewalStatus") != .null {
            keys = ["qms.renewalStatus", "consultations"]
        } else {
            keys = Self.summaryKeys.flatMap { $0 == "classBasis" ? [$0, "classBasisDetail"] : [$0] }
                + ["qms.body", "schemes", "consultations"]
        }
        for key in keys {
            let values: [FEELValue]
            if case .list(let items) = a.value(key) { values = items } else { values = [a.value(key)] }
            for value in values where value != .null {
                var steps: [String] = []
                let outcome = rules.outcomes.keys[key]?.values[value.bareText]
                for step in outcome?.steps ?? [] {
                    let text = step.text(language)
                    if !text.isEmpty && seen.insert(text).inserted { steps.append(text) }
                }
                let source = outcome.flatMap { rules.citations.citation(cite: $0.cite.joined(separator: " "), source: $0.source, language) }
                if !steps.isEmpty { groups.append(("\(rules.outcomes.label(key: key, language)): \(label(key, value))", steps, source)) }
            }
        }
        return groups
    }

    public func markdown(_ a: Assessment) -> String {
        var out: [String] = []
        out.append("# \(t(.title))" + (a.device.map { ": \(escape($0))" } ?? ""))
        out.append("")
        out.append("## \(t(.summary))")
        out.append("")
        out.append("| | |")
        out.append("|---|---|")
        for key in Self.summaryKeys {
            out.append("| \(rules.outcomes.label(key: key, language)) | \(escape(summaryLabel(key, a))) |")
        }
        for key in Self.detailKeys where a.value(key) != .null && a.value(key) != .list([]) {
            out.append("| \(rules.outcomes.label(key: key, language)) | \(escape(detail(key, a.value(key)))) |")
        }
        out.append("")
        for note in lookupNotes(a) {
            out.append("> **\(note)**")
            out.append("")
        }
        if let block = timelineBlock(a) {
            out += ["## \(block.heading)", "", "```"] + block.lines + ["```", ""]
        }
        out.append("## \(t(.why))")
        out.append("")
        for trace in a.evaluation.traces {
            out.append("### \(escape(trace.decision)) = \(code(trace.value.bareText))")
            out.append("")
            if trace.rules.isEmpty && trace.hitPolicy != nil { out.append("- \(t(.noRuleHit))") }
            for rule in trace.rules {
                let reason = rule.annotation(language.rawValue) ?? rule.description ?? ""
                out.append("- **\(t(.rule)) \(rule.row)**\(rule.id.map { " (\(code($0)))" } ?? ""): \(escape(reason))")
                if let source = citation(rule) { out.append("  - \(t(.source)): \(escape(source))") }
            }
            let inputs = trace.inputs.map { "\(code($0.name)) = \(escape($0.value.bareText))" }.joined(separator: ", ")
            if !inputs.isEmpty { out.append("- \(t(.inputs)): \(inputs)") }
            out.append("")
        }
        let steps = nextSteps(a)
        if !steps.isEmpty {
            out.append("## \(t(.nextSteps))")
            out.append("")
            var number = 0
            for group in steps {
                out.append("### \(escape(group.heading))")
                out.append("")
                for step in group.steps { number += 1; out.append("\(number). \(escape(step))") }
                if let source = group.source {
                    out.append("")
                    out.append("\(t(.source)): \(escape(source))")
                }
                out.append("")
            }
        }
        if !a.openQuestions.isEmpty || !a.unanswered.isEmpty {
            out.append("## \(t(.openQuestions))")
            out.append("")
            for name in a.openQuestions + a.unanswered { out.append("- \(code(name)): \(escape(question(name)))") }
            out.append("")
        }
        if !a.alternatives.isEmpty {
            out.append("## \(t(.alternatives))")
            out.append("")
            for alternative in a.alternatives {
                out.append("- \(escape(outcomeText(alternative))) — \(t(.ifWord)) \(escape(conditionText(alternative)))"
                           + (timelineLine(alternative).map { " " + escape($0) } ?? ""))
            }
            if !a.alternativesComplete { out.append("- \(t(.incomplete))") }
            out.append("")
        }
        out.append("---")
        out.append("\(t(.rulesLine)): \(escape(a.rulesVersion)) · \(code(a.rulesChecksum)) · as-of \(a.asOf)")
        return VisibleText.sanitize(out.joined(separator: "\n") + "\n")
    }

    /// Markdown inline text that can neither inject markup nor break a table: the characters HTML gives meaning to
    /// become entities (renderers pass raw HTML through) and Markdown punctuation is escaped.
    func escape(_ s: String) -> String {
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
