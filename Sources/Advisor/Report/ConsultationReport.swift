import DecisionModel
import Foundation

/// Who the report is for and by whom (cover fields the answers do not hold).
public struct ReportMeta: Sendable {
    public var applicant: String?
    public var author: String?
    /// The day the report is written (default today).
    public var date: String

    public init(applicant: String? = nil, author: String? = nil, date: String = Today.iso()) {
        self.applicant = applicant
        self.author = author
        self.date = date
    }
}

/// Builds the consultation-prep document of an assessment: cover, summary, answers, conclusions with readable
/// citations, open questions with where to raise them, consultations, checklist, timeline, rule trace.
public struct ConsultationReport: Sendable {
    public let rules: RuleSet
    public let language: Language
    public var meta: ReportMeta

    public init(rules: RuleSet, language: Language, meta: ReportMeta = ReportMeta()) {
        self.rules = rules
        self.language = language
        self.meta = meta
    }

    func t(_ id: ReportStrings.ID) -> String { ReportStrings.text(id, language) }
    var words: PlainWords { PlainWords(rules: rules, language: language) }
    var text: TextReport { TextReport(rules: rules, language: language) }

    /// Keys of the summary and of the conclusions, in reading order.
    static let conclusionKeys = ["regulatoryCategory", "deviceClass", "pathway", "reviewCategory", "mahLicence",
                                 "qms.auditRequired", "change.procedure", "schemes", "consultations"]

    public func document(_ a: Assessment) -> ReportDocument {
        var cover: [(String, String)] = [(t(.product), a.device ?? t(.notGiven))]
        cover.append((t(.applicant), meta.applicant ?? t(.notGiven)))
        cover.append((t(.author), meta.author ?? t(.notGiven)))
        cover.append((t(.date), meta.date))
        cover.append((t(.asOf), a.asOf))
        cover.append((t(.rulesVersion), a.rulesVersion))
        cover.append((t(.checksum), a.rulesChecksum))
        var sections = [summary(a), answers(a), conclusions(a), openQuestions(a), consultations(a), checklist(a)]
        if let timeline = timeline(a) { sections.append(timeline) }
        sections.append(nextSteps(a))
        sections.append(appendix(a))
        return ReportDocument(language: language, title: t(.docTitle), cover: cover, disclaimer: t(.disclaimer),
                              sections: sections.filter { !$0.blocks.isEmpty })
    }

    // MARK: Sections

    func summary(_ a: Assessment) -> ReportDocument.Section {
        let open = a.openQuestions.count + a.unanswered.count
        var rows: [(label: String, value: String)] = [
            (t(.status), open == 0 ? t(.statusDetermined) : ReportStrings.format(.statusOpen, language, String(open))),
        ]
        for key in TextReport.summaryKeys {
            rows.append((words.keyLabel(key), text.summaryLabel(key, a)))
        }
        for key in TextReport.detailKeys where key == "schemes" || (a.value(key) != .null && a.value(key) != .list([])) {
            rows.append((words.keyLabel(key), words.result(key, a.value(key))))
        }
        if let e = a.timeline {
            rows.append((t(.timeToDecision), "\(e.decision.text) \(t(.months))"))
            if let lag = e.lag {
                let market = TimelineText(rules: rules, language: language).marketLabel(e.plan.referenceMarket)
                rows.append((ReportStrings.format(.lag, language, market), "\(lag.text) \(t(.months))"))
            }
        } else {
            rows.append((t(.timeToDecision), t(.noTimeline)))
        }
        var blocks: [ReportDocument.Block] = [.fields(rows)]
        // Schemes and consultations some still-possible answers lead to, each with its condition, apart from the certain ones.
        for group in text.possibleGroups(a) {
            blocks.append(.subheading(group.heading, anchor: nil))
            blocks.append(.list(group.items.map { "\($0.label) — \($0.condition)" }))
        }
        blocks += lookupNotes(a).map { .paragraph($0) }
        return .init(anchor: "summary", heading: t(.summary), blocks: blocks, pageBreak: true)
    }

    func lookupNotes(_ a: Assessment) -> [String] { text.lookupNotes(a) }

    func answers(_ a: Assessment) -> ReportDocument.Section {
        var rows: [[String]] = []
        for name in a.answers.order where name != Assessor.dateInput {
            let answer = a.answers[name]
            rows.append([words.question(name), answer == .unknown ? t(.unknownMark) : words.answer(name, answer)])
        }
        for name in a.unanswered where a.answers[name] == nil { rows.append([words.question(name), t(.notAsked)]) }
        return .init(anchor: "answers", heading: t(.answers),
                     blocks: rows.isEmpty ? [] : [.table(header: [t(.question), t(.answer)], rows: rows)], pageBreak: true)
    }

    /// The rows that decided a key: the first producing decision that a rule hit.
    func deciding(_ key: String, _ a: Assessment) -> DecisionTrace? {
        let producers = ContractKeys.producers(in: rules.model, keys: [key])
        return a.evaluation.traces.first { producers.contains($0.decision) && !$0.rules.isEmpty }
    }

    func conclusions(_ a: Assessment) -> ReportDocument.Section {
        // Keys one decision settles together (route, category, licence) share one statement.
        var groups: [(trace: DecisionTrace?, keys: [String])] = []
        for key in Self.conclusionKeys {
            let value = a.value(key)
            if value == .null || value == .list([]) { continue }
            let trace = deciding(key, a)
            if let trace, let i = groups.firstIndex(where: { $0.trace?.decision == trace.decision }) {
                groups[i].keys.append(key)
            } else {
                groups.append((trace, [key]))
            }
        }
        var blocks: [ReportDocument.Block] = []
        for group in groups {
            let heading = group.keys.map { "\(words.keyLabel($0)): \(words.result($0, a.value($0)))" }
            blocks.append(.subheading(heading.joined(separator: language == .ja ? "／" : "; "), anchor: nil))
            guard let trace = group.trace else {
                blocks.append(.paragraph(t(.conclusionNone)))
                continue
            }
            var cited: [String] = []
            for rule in trace.rules {
                if let reason = rule.annotation(language.rawValue)?.nonEmpty { blocks.append(.paragraph(reason)) }
                for citation in citations(rule) where !cited.contains(citation) { cited.append(citation) }
            }
            var note = "\(t(.seeTrace)): \(Self.traceNumber(trace, a))"
            if !cited.isEmpty { note = "\(t(.basis)): " + cited.joined(separator: language == .ja ? "／" : "; ") + " — " + note }
            blocks.append(.note(note))
        }
        return .init(anchor: "conclusions", heading: t(.conclusions), blocks: blocks, pageBreak: true)
    }

    /// "A-3": the entry of the appendix that shows this decision.
    static func traceNumber(_ trace: DecisionTrace, _ a: Assessment) -> String {
        "A-\((a.evaluation.traces.firstIndex { $0.decision == trace.decision } ?? 0) + 1)"
    }

    /// Readable citations of a rule row, one per cited entry; else its source without the research notes.
    func citations(_ rule: DecisionTrace.RuleHit) -> [String] {
        let readable = Citations.ids(rule.annotation("cite")).compactMap { rules.citations.display([$0], language) }
        if !readable.isEmpty { return readable }
        return rules.citations.citation(cite: nil, source: rule.annotation("source"), language)
            .map(Self.readerSource).flatMap { $0 == "—" ? nil : [$0] } ?? []
    }

    /// A source without research notes and without the parts that point into the project's own notes
    /// (`benchmarks.md §8.1`, `Rules/…`), which a reader cannot look up; "—" when nothing is left.
    static func readerSource(_ source: String) -> String {
        let parts = Citations.withoutResearchNotes(source).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.contains(".md") && !$0.contains("§") && !$0.contains("Rules/") }
        return parts.isEmpty ? "—" : parts.joined(separator: "; ")
    }

    func openQuestions(_ a: Assessment) -> ReportDocument.Section {
        let names = a.openQuestions + a.unanswered.filter { !a.openQuestions.contains($0) }
        guard !names.isEmpty else {
            return .init(anchor: "open-questions", heading: t(.openQuestions), blocks: [.paragraph(t(.noOpen))], pageBreak: true)
        }
        let rows = names.map { name -> [String] in
            let question = words.question(name)
            let routed = rules.preparation.openQuestion(name, in: a, questionText: question, language)
            return [question, routed.map { consultationName($0.consultation) } ?? "—", routed?.ask ?? "—"]
        }
        return .init(anchor: "open-questions", heading: t(.openQuestions),
                     blocks: [.table(header: [t(.question), t(.raiseIn), t(.ask)], rows: rows)], pageBreak: true)
    }

    func consultationName(_ name: String) -> String { rules.outcomes.label(key: "consultations", value: name, language) }

    /// The consultations the rules recommend, then those the open questions call for.
    func consultationNames(_ a: Assessment) -> [(name: String, forOpen: Bool)] {
        var names: [(String, Bool)] = []
        if case .list(let items) = a.value("consultations") { names = items.map { ($0.bareText, false) } }
        for input in a.openQuestions + a.unanswered {
            guard let routed = rules.preparation.openQuestion(input, in: a, questionText: "", language) else { continue }
            if !names.contains(where: { $0.0 == routed.consultation }) { names.append((routed.consultation, true)) }
        }
        return names
    }

    func consultations(_ a: Assessment) -> ReportDocument.Section {
        var blocks: [ReportDocument.Block] = []
        for (name, forOpen) in consultationNames(a) {
            blocks.append(.subheading(consultationName(name) + (forOpen ? " (\(t(.forOpenQuestions)))" : ""), anchor: nil))
            guard let entry = rules.preparation.consultations[name] else { continue }
            if let kind = rules.preparation.kinds[entry.kind]?.text(language).nonEmpty { blocks.append(.paragraph("\(t(.kind)): \(kind)")) }
            blocks.append(.paragraph("\(t(.bring)):"))
            blocks.append(.list(entry.bring.map { $0.text(language) }))
            var note = "\(t(.source)): \(source(entry.cite, entry.source))"
            if entry.confidence == "low" { note += " — " + t(.lowConfidence) }
            blocks.append(.note(note))
        }
        if !blocks.isEmpty { blocks.append(.note(t(.confirmFee))) }
        return .init(anchor: "consultations", heading: t(.consultations), blocks: blocks, pageBreak: true)
    }

    /// A preparation entry's source as readers see it: its cited entries, else the text without research notes.
    func source(_ cite: String?, _ text: String) -> String {
        rules.citations.citation(cite: cite, source: text, language) ?? text
    }

    func checklist(_ a: Assessment) -> ReportDocument.Section {
        var blocks: [ReportDocument.Block] = []
        for list in rules.preparation.checklists(for: a) {
            blocks.append(.subheading(list.label.text(language), anchor: nil))
            blocks.append(.checklist(list.items.map { $0.text.text(language) }))
            var note = "\(t(.source)): \(source(list.cite, list.source))"
            if list.confidence != "high" { note += " — " + t(.lowConfidence) }
            blocks.append(.note(note))
        }
        if blocks.isEmpty && a.value("pathway") == .string("none") { blocks = [.paragraph(t(.checklistNone))] }
        return .init(anchor: "checklist", heading: t(.checklist), blocks: blocks, pageBreak: true)
    }

    func timeline(_ a: Assessment) -> ReportDocument.Section? {
        guard let e = a.timeline else { return nil }
        let timelineText = TimelineText(rules: rules, language: language)
        var blocks: [ReportDocument.Block] = [
            .paragraph("\(t(.start)): \(timelineText.startText(e))"),
            .chart(svg: TimelineChart(rules: rules, language: language).svg(e), text: timelineText.gantt(e)),
            .note(t(.chartNote)),
        ]
        let rows = e.plan.stages.map { stage in
            [timelineText.stageLabel(stage), TimelineEstimate.Range(p50: stage.p50, p80: stage.p80).text + " " + t(.months),
             rules.benchmarks[stage.figure]?.used.map { FigureBasis.text($0, language) } ?? Self.readerSource(stage.source)]
        }
        blocks.append(.table(header: [t(.stage), "P50–P80", t(.basis)], rows: rows, nowrap: [0, 1]))
        var totals: [(label: String, value: String)] = []
        func dated(_ range: TimelineEstimate.Range, _ dates: TimelineEstimate.DateRange?) -> String {
            "\(range.text) \(t(.months))" + (dates.map { " (" + ReportStrings.format(.calendar, language, $0.p50.description, $0.p80.description) + ")" } ?? "")
        }
        totals.append((t(.toSubmission), dated(e.submission, e.submissionDate)))
        totals.append((t(.toDecision), dated(e.decision, e.decisionDate)))
        if let lag = e.lag {
            var value = "\(lag.text) \(t(.months))"
            if let application = e.applicationLag, let review = e.reviewLag {
                value += " — " + ReportStrings.format(.lagSplit, language, application.text, review.text)
            }
            totals.append((ReportStrings.format(.lag, language, timelineText.marketLabel(e.plan.referenceMarket)), value))
        }
        if let p = e.probabilityJapanFirst { totals.append((t(.japanFirst), "\(Int((p * 100).rounded())) %")) }
        blocks.append(.fields(totals))
        for rule in e.plan.assumptions { blocks.append(.note(rule.reason.text(language))) }
        return .init(anchor: "timeline", heading: t(.timeline), blocks: blocks, pageBreak: true)
    }

    func nextSteps(_ a: Assessment) -> ReportDocument.Section {
        var blocks: [ReportDocument.Block] = []
        for group in text.nextSteps(a) {
            blocks.append(.subheading(group.heading, anchor: nil))
            blocks.append(.list(group.steps))
        }
        return .init(anchor: "next-steps", heading: t(.nextSteps), blocks: blocks, pageBreak: true)
    }

    func appendix(_ a: Assessment) -> ReportDocument.Section {
        var blocks: [ReportDocument.Block] = [.paragraph(t(.appendixNote))]
        for (trace, more) in text.whyTraces(a) {
            let number = Self.traceNumber(trace, a)
            blocks.append(.subheading("\(number) \(t(.decision)): \(trace.decision) — \(t(.result)): \(appendixValue(trace))",
                                      anchor: "trace-\(trace.decision)"))
            if trace.rules.isEmpty { blocks.append(.paragraph(t(.noRuleHit))); continue }
            var lines: [String] = []
            for rule in trace.rules {
                var line = ReportStrings.format(.ruleRow, language, rule.id ?? "—", String(rule.row))
                if let reason = (rule.annotation(language.rawValue) ?? rule.description)?.nonEmpty { line += ": " + reason }
                let cited = citations(rule)
                if !cited.isEmpty { line += " — \(t(.source)): " + cited.joined(separator: "; ") }
                lines.append(line)
            }
            if let more = text.moreRows(more) { lines.append(more) }
            blocks.append(.list(lines))
        }
        return .init(anchor: "appendix", heading: t(.appendix), blocks: blocks, pageBreak: true)
    }

    /// A decision's value in words: contract keys by their labels, contexts member by member, never `{…}`/`null`.
    func appendixValue(_ trace: DecisionTrace) -> String {
        func word(_ key: String, _ value: FEELValue) -> String {
            if value == .null { return "—" }
            if rules.outcomes.keys[key] != nil || ContractKeys.all.contains(key) { return words.result(key, value) }
            if case .list(let items) = value { return items.isEmpty ? "—" : items.map { word(key, $0) }.joined(separator: ", ") }
            if case .context = value { return "…" }
            return value.bareText
        }
        if case .context(let c) = trace.value {
            let parts = c.entries.filter { $0.value != .null }.map { entry in
                let key = ContractKeys.objects[trace.decision] != nil ? "\(trace.decision).\(entry.key)" : entry.key
                return "\(words.keyLabel(key)) = \(word(key, entry.value))"
            }
            return parts.isEmpty ? "—" : parts.joined(separator: "; ")
        }
        return word(trace.decision, trace.value)
    }
}
