import DecisionModel

/// The "Time to a decision" section of a report: the stages with P50–P80 and a small Gantt bar each, the totals,
/// the lag and its split, the assumptions, and where every figure comes from.
public struct TimelineText: Sendable {
    public let rules: RuleSet
    public let language: Language

    public init(rules: RuleSet, language: Language) {
        self.rules = rules
        self.language = language
    }

    func t(_ id: TimelineStrings.ID) -> String { TimelineStrings.text(id, language) }
    func f(_ id: TimelineStrings.ID, _ args: String...) -> String {
        UIStrings.substitute(t(id), args)
    }

    /// Width of the bar area of the Gantt chart, in columns.
    static let barWidth = 36

    /// `T1`, `T2`… in stage order: how a figure is named in the report and with `--why`.
    static func tag(_ index: Int) -> String { "T\(index + 1)" }

    func stageLabel(_ stage: TimelinePlan.Stage) -> String {
        var label = rules.benchmarks.stages[stage.stage]?.text(language).nonEmpty ?? stage.stage
        if stage.cycles != 1 { label += " " + f(.cycles, String(stage.cycles)) }
        if stage.probabilityFigure != nil { label += " (p=\(Benchmarks.Evidence.format(stage.probability)))" }
        return label
    }

    func figureLabel(_ key: String) -> String { rules.benchmarks[key]?.label.text(language).nonEmpty ?? key }

    func marketLabel(_ market: String?) -> String {
        guard let market else { return "" }
        return rules.questions["referenceMarket"]?.label(for: market, language)?.nonEmpty ?? market
    }

    func startText(_ e: TimelineEstimate) -> String {
        let market = marketLabel(e.plan.referenceMarket)
        if e.startsOnAsOf { return f(.startClamped, market, e.asOf.description) }
        switch (e.plan.start, e.plan.strategy) {
        case (.referenceDecision, _): return f(.startSequential, market)
        case (.referenceSubmission, _): return f(.startParallel, market)
        case (.asOf, "japan-first"): return f(.startJapanFirst, e.asOf.description)
        case (.asOf, _): return f(.startAsOf, e.asOf.description)
        }
    }

    /// The section as terminal lines (no trailing newline).
    public func lines(_ e: TimelineEstimate) -> [String] {
        var out = ["\(t(.heading)) (\(f(.headingDetail, grouped(e.draws), String(e.seed))))"]
        if let review = e.plan.stages.first(where: { $0.phase == .review }) {
            out.append("  \(t(.route)): \(figureLabel(review.figure))")
        }
        out.append("  \(t(.start)): \(startText(e))")
        out += gantt(e).map { "  " + $0 }
        let totals: [(String, String)] = [
            (t(.toSubmission), e.submission.text + " " + t(.months) + (e.submissionDate.map { "  (" + f(.calendar, $0.p50.description, $0.p80.description) + ")" } ?? "")),
            (t(.toDecision), e.decision.text + " " + t(.months) + (e.decisionDate.map { "  (" + f(.calendar, $0.p50.description, $0.p80.description) + ")" } ?? "")),
        ]
        let width = totals.map { Self.displayWidth($0.0) }.max() ?? 0
        for (label, value) in totals { out.append("  " + Self.pad(label, width) + "  " + value) }
        if let lag = e.lag, let application = e.applicationLag, let review = e.reviewLag {
            out.append("  \(f(.lag, marketLabel(e.plan.referenceMarket))): \(lag.text) \(t(.months))")
            out.append("    = " + f(.lagSplit, application.text, review.text))
        }
        if let p = e.probabilityJapanFirst {
            out.append("  \(t(.japanFirst)): \(Int((p * 100).rounded())) %")
        }
        if !e.plan.assumptions.isEmpty {
            out.append("  \(t(.assumed)):")
            for rule in e.plan.assumptions { out.append("    - \(rule.reason.text(language)) [\(rule.decision) \(rules(rule))]") }
        }
        out.append("  \(t(.sources)) (\(f(.sourcesHint, Self.tag(0)))):")
        for (i, stage) in e.plan.stages.enumerated() { out += sourceLines(i, stage).map { "    " + $0 } }
        return out
    }

    func rules(_ rule: TimelinePlan.RuleRef) -> String {
        UIStrings.text(.rule, language) + " \(rule.row)" + (rule.id.map { " \($0)" } ?? "")
    }

    /// One figure's used row: key, label, published value, statistic, period, cohort, confidence; then its citation
    /// and where it is (benchmarks.xml line, and the rule row that put the stage in).
    func sourceLines(_ index: Int, _ stage: TimelinePlan.Stage) -> [String] {
        var head = "\(Self.tag(index)) \(stage.figure) — \(figureLabel(stage.figure))"
        if let used = rules.benchmarks[stage.figure]?.used {
            head += ": \(used.publishedText(language)), \(used.statistic), \(used.period), \(TimelineStrings.text(.cohort, language)) \(used.cohort), "
                + "\(TimelineStrings.text(.confidence, language)) \(used.confidence)"
        }
        let place = "[\(Self.place(stage.sourceLocation))" + (stage.rule.map { "; \(t(.chosenBy)) \($0.decision) \(rules($0))" } ?? "") + "]"
        let source = Citations.withoutResearchNotes(stage.source)
        return [head, "   \(UIStrings.text(.source, language)): " + (source.isEmpty ? place : "\(source) \(place)")]
    }

    static func place(_ location: SourceLocation) -> String {
        let file = location.file.split(separator: "/").suffix(2).joined(separator: "/")
        return "\(file):\(location.line)"
    }

    // MARK: Gantt

    struct Bar {
        var label: String
        var range: String
        var start: Double
        var p50: Double
        var p80: Double
    }

    /// Bars placed by their medians: groups of a phase one after another, the review after the median submission,
    /// the reference review where its median places it.
    func bars(_ e: TimelineEstimate) -> [Bar] {
        var bars: [Bar] = []
        var phaseStart: [TimelinePlan.Phase: Double] = [.submission: 0, .review: e.submission.p50, .reference: e.referenceStart ?? 0]
        for phase in [TimelinePlan.Phase.submission, .review, .reference] {
            var groupStart: [String: Double] = [:]
            var groupLength: [String: Double] = [:]
            var cursor = phaseStart[phase] ?? 0
            for (i, stage) in e.plan.stages.enumerated() where stage.phase == phase {
                if groupStart[stage.group] == nil {
                    if let last = groupLength.values.max(), !groupStart.isEmpty { cursor += last; groupLength = [:] }
                    groupStart[stage.group] = cursor
                }
                let cycles = Double(stage.cycles)
                groupLength[stage.group] = max(groupLength[stage.group] ?? 0, stage.p50 * cycles)
                bars.append(Bar(label: "\(Self.tag(i)) \(stageLabel(stage))",
                                range: TimelineEstimate.Range(p50: stage.p50, p80: stage.p80).text,
                                start: groupStart[stage.group] ?? cursor, p50: stage.p50 * cycles, p80: stage.p80 * cycles))
            }
            phaseStart[phase] = cursor
        }
        return bars
    }

    func gantt(_ e: TimelineEstimate) -> [String] {
        let bars = bars(e)
        guard !bars.isEmpty else { return [] }
        let low = min(0, bars.map(\.start).min() ?? 0)
        let high = max(bars.map { $0.start + $0.p80 }.max() ?? 1, e.decision.p80, low + 1)
        let scale = Double(Self.barWidth) / (high - low)
        func column(_ months: Double) -> Int { Int(((months - low) * scale).rounded()) }
        let labelWidth = bars.map { Self.displayWidth($0.label) }.max() ?? 0
        let rangeWidth = bars.map { $0.range.count }.max() ?? 0
        var lines: [String] = []
        // The axis: months at the start, at zero (start of Japanese work) and at the end.
        var axis = [Character](repeating: " ", count: Self.barWidth + 8)
        func mark(_ months: Double) {
            let text = Array(String(Int(months.rounded())))
            let at = min(max(column(months), 0), axis.count - text.count)
            for (k, ch) in text.enumerated() { axis[at + k] = ch }
        }
        mark(low); if low < 0 { mark(0) }; mark(high)
        lines.append(String(repeating: " ", count: labelWidth + rangeWidth + 3) + String(axis).trimmingTrailingSpaces() + " " + t(.months))
        for bar in bars {
            let a = column(bar.start), b = max(column(bar.start + bar.p50), a + (bar.p50 > 0 ? 1 : 0)), c = max(column(bar.start + bar.p80), b)
            var chart = String(repeating: " ", count: a)
            chart += b > a ? String(repeating: "█", count: b - a) : "▏"
            chart += String(repeating: "░", count: c - b)
            lines.append(Self.pad(bar.label, labelWidth) + "  " + Self.pad(bar.range, rangeWidth) + " " + chart)
        }
        return lines
    }

    // MARK: Text helpers

    func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    /// Columns a string takes on a terminal (the training layout's measure, so both agree).
    static func displayWidth(_ s: String) -> Int { DisplayWidth.of(s) }

    static func pad(_ s: String, _ width: Int) -> String {
        s + String(repeating: " ", count: max(0, width - displayWidth(s)))
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
