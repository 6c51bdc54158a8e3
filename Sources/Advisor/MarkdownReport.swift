import DecisionModel

/// The Markdown rendering of an assessment, for a consultation file or a wiki.
extension TextReport {
    public func markdown(_ a: Assessment) -> String {
        var out: [String] = []
        out.append("# \(t(.title))" + (a.device.map { ": \(escape($0))" } ?? ""))
        out.append("")
        out.append("## \(t(.summary))")
        out.append("")
        out.append("| | |")
        out.append("|---|---|")
        for row in summaryRows(a) { out.append("| \(escape(row.label)) | \(escape(row.value)) |") }
        out.append("")
        for group in possibleGroups(a) {
            out.append("**\(group.heading)**")
            out.append("")
            for item in group.items { out.append("- \(escape(item.label)) — \(escape(item.condition))") }
            out.append("")
        }
        for note in lookupNotes(a) {
            out.append("> **\(note)**")
            out.append("")
        }
        if let block = timelineBlock(a) {
            out += ["## \(block.heading)", "", "```"] + block.lines + ["```", ""]
        }
        out.append("## \(t(.why))")
        out.append("")
        for (trace, more) in whyTraces(a) {
            out.append("### \(escape(trace.decision)) = \(code(traceValue(trace, a)))")
            out.append("")
            if let note = opennessNote(trace.decision, a) { out.append("_\(escape(note))_"); out.append("") }
            if trace.rules.isEmpty && trace.hitPolicy != nil { out.append("- \(t(.noRuleHit))") }
            for rule in trace.rules {
                let reason = rule.annotation(language.rawValue) ?? rule.description ?? ""
                out.append("- **\(t(.rule)) \(rule.row)**\(rule.id.map { " (\(code($0)))" } ?? ""): \(escape(reason))")
                if let source = citation(rule) { out.append("  - \(t(.source)): \(escape(source))") }
            }
            if let more = moreRows(more) { out.append("- \(escape(more))") }
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
            out.append("")
        }
        out.append("---")
        out.append("\(t(.rulesLine)): \(escape(a.rulesVersion)) · \(code(a.rulesChecksum)) · as-of \(a.asOf)")
        return VisibleText.sanitize(out.joined(separator: "\n") + "\n")
    }

}
