import DecisionModel

/// A self-contained HTML page of an assessment, for bringing to a PMDA consultation or a client.
extension TextReport {
    public func html(_ a: Assessment) -> String {
        // Escaped for HTML, and characters a terminal would obey (when the file is shown with cat) made visible.
        func e(_ s: String) -> String { AnswersFile.escape(VisibleText.sanitize(s)) }
        let title = UIStrings.text(.title, language) + (a.device.map { " — \($0)" } ?? "")
        var h: [String] = [
            "<!DOCTYPE html>",
            "<html lang=\"\(language.rawValue)\"><head><meta charset=\"utf-8\">",
            "<title>\(e(title))</title>",
            "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"
                + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}"
                + ".src{color:#555;font-size:.9em}.warn{color:#8a4b00;border-left:4px solid #d08a00;padding-left:.6em}code{background:#f4f4f4;padding:0 .2em}</style>",
            "</head><body>",
            "<h1>\(e(title))</h1>",
            "<h2>\(e(UIStrings.text(.summary, language)))</h2>",
            "<table>",
        ]
        for row in summaryRows(a) { h.append("<tr><th>\(e(row.label))</th><td>\(e(row.value))</td></tr>") }
        h.append("</table>")
        for group in possibleGroups(a) {
            h.append("<h3>\(e(group.heading))</h3><ul>")
            for item in group.items { h.append("<li>\(e(item.label))<br><span class=\"src\">\(e(item.condition))</span></li>") }
            h.append("</ul>")
        }
        for note in lookupNotes(a) { h.append("<p class=\"warn\"><strong>\(e(note))</strong></p>") }
        if let block = timelineBlock(a) {
            h.append("<h2>\(e(block.heading))</h2><pre>\(e(block.lines.joined(separator: "\n")))</pre>")
        }
        h.append("<h2>\(e(UIStrings.text(.why, language)))</h2>")
        for (trace, more) in whyTraces(a) {
            h.append("<h3><code>\(e(trace.decision))</code> = <code>\(e(traceValue(trace, a)))</code></h3>")
            if let note = opennessNote(trace.decision, a) { h.append("<p class=\"src\">\(e(note))</p>") }
            h.append("<ul>")
            if trace.rules.isEmpty && trace.hitPolicy != nil { h.append("<li>\(e(UIStrings.text(.noRuleHit, language)))</li>") }
            for rule in trace.rules {
                let reason = rule.annotation(language.rawValue) ?? rule.description ?? ""
                h.append("<li><strong>\(e(UIStrings.text(.rule, language))) \(rule.row)</strong>"
                         + "\(rule.id.map { " (<code>\(e($0))</code>)" } ?? ""): \(e(reason))"
                         + "\(citation(rule).map { "<br><span class=\"src\">\(e(UIStrings.text(.source, language))): \(e($0))</span>" } ?? "")</li>")
            }
            if let more = moreRows(more) { h.append("<li>\(e(more))</li>") }
            h.append("</ul>")
        }
        let steps = nextSteps(a)
        if !steps.isEmpty {
            h.append("<h2>\(e(UIStrings.text(.nextSteps, language)))</h2>")
            var start = 1
            for group in steps {
                h.append("<h3>\(e(group.heading))</h3><ol start=\"\(start)\">")
                for step in group.steps { h.append("<li>\(e(step))</li>") }
                h.append("</ol>")
                if let source = group.source { h.append("<p class=\"src\">\(e(UIStrings.text(.source, language))): \(e(source))</p>") }
                start += group.steps.count
            }
        }
        if !a.openQuestions.isEmpty || !a.unanswered.isEmpty {
            h.append("<h2>\(e(UIStrings.text(.openQuestions, language)))</h2><ul>")
            for name in a.openQuestions + a.unanswered { h.append("<li><code>\(e(name))</code>: \(e(question(name)))</li>") }
            h.append("</ul>")
        }
        if !a.alternatives.isEmpty {
            h.append("<h2>\(e(UIStrings.text(.alternatives, language)))</h2><ul>")
            for alternative in a.alternatives {
                h.append("<li>\(e(outcomeText(alternative)))<br><span class=\"src\">\(e(UIStrings.text(.ifWord, language))) \(e(conditionText(alternative)))</span>"
                         + (timelineLine(alternative).map { "<br>\(e($0))" } ?? "") + "</li>")
            }
            h.append("</ul>")
        }
        h.append("<hr><p class=\"src\">\(e(UIStrings.text(.rulesLine, language))): \(e(a.rulesVersion)) · <code>\(e(a.rulesChecksum))</code> · as-of \(e(a.asOf))</p>")
        h.append("</body></html>")
        return h.joined(separator: "\n") + "\n"
    }
}
