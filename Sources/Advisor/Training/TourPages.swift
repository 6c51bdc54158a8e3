import DecisionModel

/// How a tour step reads on screen.
extension Tour {
    /// Rows listed one by one when a table has at most this many that did not match; beyond it, the near
    /// misses are listed and the rest grouped by the condition that failed.
    static let listedRows = 12
    static let nearMissesShown = 10

    public func page(_ step: Step, number: Int, of total: Int, assessment: Assessment, language: Language) -> Page {
        func t(_ id: TrainingStrings.ID) -> String { TrainingStrings.text(id, language) }
        var page = Page()
        page.blank()
        let label = rules.model.decision(named: step.trace.decision)?.label.map { "  (\($0))" } ?? ""
        page.heading("── " + TrainingStrings.format(.tourStep, language, String(number), String(total)) + " · \(step.trace.decision) ──" + label)
        guard let table = step.table else {
            page.text("\(t(.tourLiteral)): \(step.trace.value.readable)")
            return page
        }
        page.text("\(t(.hitPolicy)): \(table.hitPolicy) — \(TrainingStrings.hitPolicy(table.hitPolicy, language))", style: .dim)
        page.text("\(t(.tourInputs)):")
        page.table(step.trace.inputs.map { [$0.name, valueText($0.name, $0.value, language)] }, indent: 2)
        if step.trace.inputs.isEmpty { page.text(t(.tourNoInputs), indent: 2) }
        page.blank()
        let hits = step.rows.filter { $0.verdict == .hit }
        if hits.isEmpty { page.text(t(.tourNoHit), style: .bad) }
        for row in hits {
            let outputs = zip(table.outputs, row.rule.outputEntries).map { "\($0.name ?? "") = \($1.source)" }.joined(separator: ", ")
            page.text("✔ \(t(.row)) \(row.rule.row)\(row.rule.id.map { " [\($0)]" } ?? ""): \(t(.tourHit)) → \(outputs)", style: .good)
            if let reason = row.rule.annotation(language.rawValue, in: table) ?? row.rule.description { page.text(reason, indent: 4) }
            if let source = rules.citations.citation(cite: row.rule.annotation("cite", in: table), source: row.rule.annotation("source", in: table), language) { page.text("\(t(.source)): \(source)", indent: 4, style: .dim) }
        }
        let misses = step.rows.filter { if case .miss = $0.verdict { true } else { false } }
        let matching = step.rows.filter { $0.verdict == .alsoMatches }
        let unreached = step.rows.filter { if case .notReached = $0.verdict { true } else { false } }
        for row in matching { page.text(rowLine(row, step, language), indent: 2, marker: mark(row.verdict)) }
        if misses.count <= Self.listedRows {
            for row in misses { page.text(rowLine(row, step, language), indent: 2, marker: mark(row.verdict)) }
        } else {
            // Near misses teach the most, but listed one by one only while they are few (an unanswered code
            // misses every row of a catalogue table by one condition).
            var near = misses.filter { if case .miss(let c) = $0.verdict { c.count == 1 } else { false } }
            if near.count > Self.nearMissesShown { near = [] }
            if !near.isEmpty {
                page.text(t(.tourNearMisses) + ":")
                for row in near { page.text(rowLine(row, step, language), indent: 2, marker: "✘") }
            }
            let shown = Set(near.map(\.rule.row))
            var groups: [(title: String, rows: [Int])] = []
            for row in misses where !shown.contains(row.rule.row) {
                guard case .miss(let columns) = row.verdict, let first = columns.first else { continue }
                let title = table.inputs[first].title
                if let i = groups.firstIndex(where: { $0.title == title }) { groups[i].rows.append(row.rule.row) } else { groups.append((title, [row.rule.row])) }
            }
            if !groups.isEmpty {
                page.text(t(.tourOthers) + ":")
                page.table(groups.map { [$0.title, rowCount($0.rows.count, language) + ": " + ranges($0.rows)] }, indent: 2)
            }
        }
        if case .notReached(let stop)? = unreached.first?.verdict {
            let rows = unreached.map(\.rule.row)
            page.text("\(t(.rows)) \(ranges(rows)): " + TrainingStrings.format(.tourNotReached, language, String(stop)), indent: 2, marker: "·")
        }
        page.text("\(t(.tourResult)): \(step.trace.value.readable)", style: .emphasis)
        return page
    }

    func rowCount(_ count: Int, _ language: Language) -> String {
        language == .en && count == 1 ? "1 row" : TrainingStrings.format(.tourRowsShown, language, String(count))
    }

    func mark(_ verdict: Verdict) -> String {
        switch verdict {
        case .hit: "✔"
        case .miss: "✘"
        case .notReached: "·"
        case .alsoMatches: "≈"
        }
    }

    /// One row that did not decide: its first failed condition, or why it was not needed.
    func rowLine(_ row: Row, _ step: Step, _ language: Language) -> String {
        let name = "\(TrainingStrings.text(.row, language)) \(row.rule.row)\(row.rule.id.map { " [\($0)]" } ?? "")"
        guard let table = step.table else { return name }
        switch row.verdict {
        case .hit:
            return name
        case .notReached(let stop):
            return "\(name): " + TrainingStrings.format(.tourNotReached, language, String(stop))
        case .alsoMatches:
            let winner = step.rows.first { $0.verdict == .hit }.map { String($0.rule.row) } ?? "?"
            return "\(name): " + (table.hitPolicy == .collect(.max) || table.hitPolicy == .collect(.min)
                ? TrainingStrings.format(.tourAlsoMatches, language, winner) : TrainingStrings.text(.tourHit, language))
        case .miss(let columns):
            let parts = columns.prefix(2).map { column -> String in
                let value = step.trace.inputs[column]
                return "\(table.inputs[column].title) = \(valueText(value.name, value.value, language)) ≠ \(row.rule.inputEntries[column].source)"
            }
            let more = columns.count > 2 ? " (+\(columns.count - 2))" : ""
            return "\(name): " + parts.joined(separator: "; ") + more
        }
    }

    func valueText(_ name: String, _ value: FEELValue, _ language: Language) -> String {
        if value == .null { return TrainingStrings.text(.tourUnknown, language) }
        if case .context = value { return value.description }
        let label = TextReport(rules: rules, language: language).answerLabel(name, value)
        return label == value.bareText ? label : "\(value.bareText) (\(label))"
    }

    /// `3, 5–9, 12`.
    func ranges(_ rows: [Int]) -> String {
        var runs: [(start: Int, end: Int)] = []
        for row in rows.sorted() {
            if let last = runs.last, row == last.end + 1 { runs[runs.count - 1].end = row } else { runs.append((row, row)) }
        }
        return runs.map { $0.start == $0.end ? "\($0.start)" : "\($0.start)–\($0.end)" }.joined(separator: ", ")
    }
}
