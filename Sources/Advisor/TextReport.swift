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

    func t(_ id: UIStrings.ID) -> String { UIStrings.text(id, language) }

    /// Summary keys, in the order a reader wants them.
    static let summaryKeys = ["regulatoryCategory", "deviceClass", "classCategory", "classBasis", "pathway", "reviewBody",
                              "reviewCategory", "mahLicence"]

    /// Shown under the summary when the rules determined them, or when the open answers leave them open.
    static let detailKeys = ["change.procedure", "change.default", "change.confirmWith", "change.filedWith", "change.deadlineDays",
                             "qms.auditRequired", "qms.body", "qms.renewalStatus", "qms.renewalApplicationDue", "qms.renewalDue",
                             "schemes", "consultations"]

    public func text(_ a: Assessment) -> String {
        var out: [String] = []
        out.append(t(.title) + (a.device.map { " — \($0)" } ?? ""))
        out.append("")
        out.append(t(.summary))
        for row in summaryRows(a) { out.append("  \(row.label): \(row.value)") }
        for note in lookupNotes(a) { out.append("  ! " + note) }
        for group in possibleGroups(a) {
            out.append("  \(group.heading):")
            for item in group.items { out.append("    - \(item.label) — \(item.condition)") }
        }
        out += timelineLines(a)
        out.append("")
        out.append(t(.why))
        for (trace, more) in whyTraces(a) {
            out.append("  \(trace.decision) = \(traceValue(trace, a))" + (opennessNote(trace.decision, a).map { " (\($0))" } ?? ""))
            if trace.rules.isEmpty && trace.hitPolicy != nil { out.append("    \(t(.noRuleHit))") }
            for rule in trace.rules {
                let reason = rule.annotation(language.rawValue) ?? rule.description ?? ""
                out.append("    \(t(.rule)) \(rule.row)\(rule.id.map { " [\($0)]" } ?? ""): \(reason)")
                if let source = citation(rule) { out.append("      \(t(.source)): \(source)") }
            }
            if let more = moreRows(more) { out.append("    \(more)") }
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
            out.append(t(.alternatives))
            for alternative in a.alternatives {
                out.append("  • " + outcomeText(alternative))
                for (i, path) in alternative.when.prefix(Self.shownConditions).enumerated() {
                    out.append("      \(i == 0 ? t(.ifWord) : t(.orWord)) " + pathText(path))
                }
                if let more = moreText(alternative.when) { out.append("      " + more) }
                if let line = timelineLine(alternative) { out.append("      " + line) }
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

    /// Steps of every outcome value that has them, in summary order, without repeats, each group headed by the
    /// outcome it follows from so a long list can be scanned.
    func nextSteps(_ a: Assessment) -> [(heading: String, steps: [String], source: String?)] {
        var groups: [(heading: String, steps: [String], source: String?)] = []
        var seen: Set<String> = []
        // For a marketed device the change procedure or the periodic audit comes first; entry-route steps do not apply.
        let auditing = a.value("qms.auditRequired") == .boolean(true)
        let keys: [String]
        if a.value("change") != .null {
            keys = ["change.procedure", "change.default"] + (auditing ? ["qms.body"] : []) + ["schemes", "consultations"]
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
                let outcome = rules.outcomes.key(key)?.values[value.bareText]
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
}
