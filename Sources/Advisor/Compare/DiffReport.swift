import DecisionModel
import Foundation

/// A comparison side by side, in text, Markdown or JSON: the answers that differ, the results that change,
/// the timeline figures that move; what stays the same is one line.
public struct DiffReport: Sendable {
    public let rules: RuleSet
    public let language: Language
    /// What the two sides are called (file names, or "as answered" / "what if").
    public var labels: (before: String, after: String)

    public init(rules: RuleSet, language: Language, labels: (before: String, after: String)) {
        self.rules = rules
        self.language = language
        self.labels = labels
    }

    var words: PlainWords { PlainWords(rules: rules, language: language) }
    func t(_ id: CompareStrings.ID) -> String { CompareStrings.text(id, language) }

    /// Rows of (what, before, after) for each section.
    func answerRows(_ d: AssessmentDiff) -> [(String, String, String)] {
        d.answers.map { (words.question($0.name), words.answer($0.name, $0.before), words.answer($0.name, $0.after)) }
    }

    func resultRows(_ d: AssessmentDiff) -> [(String, String, String)] {
        d.results.map { (words.keyLabel($0.key), words.result($0.key, $0.before), words.result($0.key, $0.after)) }
    }

    func figureRows(_ d: AssessmentDiff) -> [(String, String, String, String)] {
        var rows = d.figures.map { change in
            (t(.figure(change.figure)), range(change.before), range(change.after),
             change.delta.map { signed($0.p50) + " / " + signed($0.p80) } ?? "")
        }
        if d.probabilityMoved {
            rows.append((t(.japanFirst), percent(d.probabilityJapanFirst.before), percent(d.probabilityJapanFirst.after), ""))
        }
        return rows
    }

    func range(_ r: TimelineEstimate.Range?) -> String {
        r.map { "\($0.text) \(t(.months))" } ?? t(.noTimeline)
    }

    func signed(_ x: Double) -> String { (x > 0 ? "+" : x < 0 ? "−" : "±") + String(format: "%.1f", abs(x)) }
    func percent(_ p: Double?) -> String { p.map { "\(Int(($0 * 100).rounded())) %" } ?? "—" }

    func unchangedLine(_ d: AssessmentDiff) -> String {
        let names = d.unchanged.map(words.keyLabel).joined(separator: language == .ja ? "、" : ", ")
        return CompareStrings.format(.unchanged, language, String(d.unchanged.count), names)
    }

    func questionLines(_ d: AssessmentDiff) -> [String] {
        d.openedQuestions.map { CompareStrings.format(.opened, language, words.question($0)) }
            + d.settledQuestions.map { CompareStrings.format(.settled, language, words.question($0)) }
    }

    // MARK: Text

    public func text(_ d: AssessmentDiff) -> String {
        var out = ["\(t(.title)): \(labels.before) → \(labels.after)"]
        if let device = d.after.device ?? d.before.device { out.append("\(t(.device)): \(device)") }
        func table(_ heading: String, _ rows: [[String]]) {
            guard !rows.isEmpty else { return }
            out.append("")
            out.append(heading)
            let widths = (0..<rows[0].count).map { i in rows.map { TimelineText.displayWidth($0[i]) }.max() ?? 0 }
            for row in rows {
                let cells = row.enumerated().map { i, cell in i == row.count - 1 ? cell : TimelineText.pad(cell, widths[i]) }
                out.append("  " + cells[0] + "  " + cells.dropFirst().joined(separator: i18nArrow).trimmingTrailingSpaces())
            }
        }
        table(t(.answers), answerRows(d).map { [$0.0, $0.1, $0.2] })
        if d.results.isEmpty {
            out.append("")
            out.append(t(.noResultChanged))
        } else {
            table(t(.results), resultRows(d).map { [$0.0, $0.1, $0.2] })
        }
        let figures = figureRows(d)
        table(t(.timeline), figures.map { [$0.0, $0.1, $0.2 + ($0.3.isEmpty ? "" : "  (\($0.3))")] })
        if figures.isEmpty && !d.unchangedFigures.isEmpty { out.append(""); out.append(t(.timelineSame)) }
        let questions = questionLines(d)
        if !questions.isEmpty {
            out.append("")
            out.append(t(.openQuestions))
            out += questions.map { "  " + $0 }
        }
        out.append("")
        out.append(unchangedLine(d))
        return out.joined(separator: "\n") + "\n"
    }

    var i18nArrow: String { "  →  " }

    // MARK: Markdown

    public func markdown(_ d: AssessmentDiff) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = ["# \(t(.title))", ""]
        if let device = d.after.device ?? d.before.device { out += ["**\(t(.device))**: \(cell(device))", ""] }
        func table(_ heading: String, _ header: [String], _ rows: [[String]]) {
            guard !rows.isEmpty else { return }
            out += ["## \(heading)", "", "| " + header.map(cell).joined(separator: " | ") + " |",
                    "|" + String(repeating: " --- |", count: header.count)]
            out += rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
            out.append("")
        }
        let sides = [labels.before, labels.after]
        table(t(.answers), [t(.what)] + sides, answerRows(d).map { [$0.0, $0.1, $0.2] })
        if d.results.isEmpty { out += ["## \(t(.results))", "", t(.noResultChanged), ""] }
        table(t(.results), [t(.what)] + sides, resultRows(d).map { [$0.0, $0.1, $0.2] })
        table(t(.timeline), [t(.what)] + sides + [t(.change)], figureRows(d).map { [$0.0, $0.1, $0.2, $0.3] })
        let questions = questionLines(d)
        if !questions.isEmpty { out += ["## \(t(.openQuestions))", ""] + questions.map { "- " + cell($0) } + [""] }
        out.append(unchangedLine(d))
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: JSON

    public func json(_ d: AssessmentDiff) -> JSONValue {
        func answerJSON(_ a: Answers.Answer?) -> JSONValue {
            switch a {
            case nil: .null
            case .unknown?: .string("unknown")
            case .value(let v)?: v.json
            }
        }
        func rangeJSON(_ r: TimelineEstimate.Range?) -> JSONValue {
            r.map { .object([("p50", .number(String(format: "%.1f", $0.p50))), ("p80", .number(String(format: "%.1f", $0.p80)))]) } ?? .null
        }
        func probability(_ p: Double?) -> JSONValue { p.map { .number(String(format: "%.2f", $0)) } ?? .null }
        return .object([
            ("schema", .string("yakuji.comparison/1")),
            ("a", .object([("label", .string(labels.before)), ("device", d.before.device.map(JSONValue.string) ?? .null)])),
            ("b", .object([("label", .string(labels.after)), ("device", d.after.device.map(JSONValue.string) ?? .null)])),
            ("answers", .array(d.answers.map { .object([("name", .string($0.name)), ("a", answerJSON($0.before)), ("b", answerJSON($0.after))]) })),
            ("changed", .array(d.results.map { .object([("key", .string($0.key)), ("a", $0.before.json), ("b", $0.after.json)]) })),
            ("unchanged", .array(d.unchanged.map(JSONValue.string))),
            ("timeline", .object([
                ("changed", .array(d.figures.map { change in
                    .object([("figure", .string(change.figure)), ("a", rangeJSON(change.before)), ("b", rangeJSON(change.after)),
                             ("delta", rangeJSON(change.delta))])
                })),
                ("unchanged", .array(d.unchangedFigures.map(JSONValue.string))),
                ("probabilityJapanFirst", .object([("a", probability(d.probabilityJapanFirst.before)),
                                                   ("b", probability(d.probabilityJapanFirst.after))])),
            ])),
            ("openQuestions", .object([("opened", .array(d.openedQuestions.map(JSONValue.string))),
                                       ("settled", .array(d.settledQuestions.map(JSONValue.string)))])),
        ])
    }
}
