import DecisionModel
import Foundation

extension TimelineText {
    /// `--why T3` (a tag of the report), a figure key, a stage name, or `all`: for each matching stage, the rule
    /// rows that chose it and every published value of its figure, the used one marked. Nil when nothing matches.
    public func why(_ e: TimelineEstimate, _ selector: String) -> String? {
        let wanted = selector.trimmingCharacters(in: .whitespaces).lowercased()
        let picked = e.plan.stages.enumerated().filter { i, stage in
            ["all", Self.tag(i).lowercased(), stage.figure.lowercased(), stage.stage.lowercased()].contains(wanted)
                || stage.probabilityFigure?.lowercased() == wanted
        }
        guard !picked.isEmpty else { return nil }
        var out: [String] = []
        for (i, stage) in picked {
            out.append("\(Self.tag(i)) \(stageLabel(stage)): \(TimelineEstimate.Range(p50: stage.p50, p80: stage.p80).text) \(t(.months))")
            for rule in [stage.rule].compactMap({ $0 }) + stage.chosenBy {
                out.append("  \(t(.chosenBy)): \(rule.decision) \(rules(rule)) [\(Self.place(rule.location))]")
                let reason = rule.reason.text(language)
                if !reason.isEmpty { out.append("    \(reason)") }
                if let source = rule.source.map(Citations.withoutResearchNotes) { out.append("    \(UIStrings.text(.source, language)): \(source)") }
            }
            for key in [stage.figure] + [stage.probabilityFigure].compactMap({ $0 }) {
                out += evidence(key)
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// Every row of a figure in benchmarks.xml, the used one first.
    func evidence(_ key: String) -> [String] {
        guard let figure = rules.benchmarks[key] else { return ["  \(t(.figureLabel)) \(key): —"] }
        var out = ["  \(t(.figureLabel)) \(key): \(figure.label.text(language))"]
        for row in figure.evidence.sorted(by: { $0.used && !$1.used }) {
            var head = row.used ? "  ✓ \(t(.whyUsed))" : "  · \(t(.whyOther))"
            head += ": \(t(.published)) \(row.publishedText(language)); \(t(.statistic)) \(row.statistic); \(t(.period)) \(row.period); "
                + "\(t(.cohort)) \(row.cohort); \(t(.confidence)) \(row.confidence)"
            if row.used, let p50 = row.p50, let p80 = row.p80 { head += " → P50 \(Benchmarks.Evidence.format(p50)), P80 \(Benchmarks.Evidence.format(p80))" }
            if row.used, let p = row.probability { head += " → p = \(Benchmarks.Evidence.format(p))" }
            out.append(head)
            if let source = Citations.withoutResearchNotes(row.source).nonEmpty {
                out.append("      \(UIStrings.text(.source, language)): \(source)")
            }
            let note = row.note.text(language)
            if !note.isEmpty { out.append("      \(t(.noteLabel)): \(note)") }
            out.append("      [\(Self.place(row.location))]")
        }
        return out
    }

    /// The tags and figure keys `--why` accepts for this timeline.
    public func whyChoices(_ e: TimelineEstimate) -> String {
        (["all"] + e.plan.stages.enumerated().map { "\(Self.tag($0.offset)) (\($0.element.figure))" }).joined(separator: ", ")
    }
}
