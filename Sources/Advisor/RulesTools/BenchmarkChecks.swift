import DecisionModel
import Foundation

/// The benchmark-figure lint of `rules check`: what `benchmarks.xsd` cannot say about `benchmarks.xml`, and
/// whether every figure key and stage the rules name is defined there.
struct BenchmarkChecks {
    let benchmarks: Benchmarks
    let model: DMNModel
    /// Where `benchmarks.xml` is, for findings about the file as a whole.
    let file: String

    /// A used value may differ from its published statistic by rounding only (months).
    static let tolerance = 0.15
    static let daysPerMonth = 30.4375

    func findings() -> [Finding] {
        var findings: [Finding] = []
        func error(_ location: SourceLocation, _ message: String) {
            findings.append(Finding(.error, "benchmark", at: location, message))
        }
        for key in benchmarks.order {
            guard let figure = benchmarks[key] else { continue }
            for language in Language.allCases where (figure.label[language] ?? "").isEmpty {
                findings.append(Finding(.error, "missing-translation", at: figure.location, "figure '\(key)' has no \(language.rawValue) label"))
            }
            let used = figure.evidence.filter(\.used)
            if used.count != 1 {
                error(figure.location, "figure '\(key)' has \(used.count) rows marked used=\"true\"; exactly one is needed")
            }
            for row in figure.evidence {
                if row.source.isEmpty { error(row.location, "a row of '\(key)' cites no source") }
                if row.period.isEmpty { error(row.location, "a row of '\(key)' names no period") }
                if row.value == nil && (row.low == nil || row.high == nil) {
                    error(row.location, "a row of '\(key)' gives no published number (value, or low and high)")
                }
                if let low = row.low, let high = row.high, low > high {
                    error(row.location, "a row of '\(key)': low \(low) is above high \(high)")
                }
                for number in [row.value, row.low, row.high].compactMap({ $0 }) where number < 0 {
                    error(row.location, "a row of '\(key)' has a negative number \(number)")
                }
            }
            for row in used {
                findings += usedRow(row, key: key, disputed: figure.evidence.count > 1)
            }
        }
        for (name, label) in benchmarks.stages {
            for language in Language.allCases where (label[language] ?? "").isEmpty {
                findings.append(Finding(.error, "missing-translation", file: file, line: 0, "stage '\(name)' has no \(language.rawValue) label"))
            }
        }
        findings += references()
        return findings
    }

    /// The model's parameters on the used row: present, ordered, and in step with the published statistic.
    func usedRow(_ row: Benchmarks.Evidence, key: String, disputed: Bool) -> [Finding] {
        var findings: [Finding] = []
        func error(_ message: String) { findings.append(Finding(.error, "benchmark", at: row.location, "figure '\(key)': " + message)) }
        switch (row.p50, row.p80, row.probability) {
        case (let p50?, let p80?, nil):
            if p50 < 0 || p80 < 0 { error("P50 and P80 must not be negative") }
            if p50 > p80 { error("P50 \(p50) is above P80 \(p80)") }
            if p50 == 0 && p80 > 0 { error("a lognormal needs P50 > 0 (equal P50 and P80 give a fixed duration)") }
            if let expected = publishedMonths(row) {
                let (name, actual) = row.statistic == "median" ? ("P50", p50) : ("P80", p80)
                if abs(expected - actual) > Self.tolerance {
                    error("\(name) \(actual) does not match the published \(row.statistic) \(row.publishedText()) (\(String(format: "%.1f", expected)) months)")
                }
            }
            if ["range", "expert-default"].contains(row.statistic), row.unit == "months", let low = row.low, let high = row.high,
               abs(low - p50) > Self.tolerance || abs(high - p80) > Self.tolerance {
                error("a range is read as P50 = low and P80 = high, but P50/P80 are \(p50)/\(p80) for \(row.publishedText())")
            }
        case (nil, nil, let probability?):
            if probability < 0 || probability > 1 { error("probability \(probability) is outside 0–1") }
        case (nil, nil, nil):
            if row.low == nil || row.high == nil || row.unit != "months" {
                error("the used row gives the model nothing: P50 and P80, a probability, or a band (low/high months)")
            }
        default:
            error("the used row mixes P50/P80 with a probability, or gives only one of P50 and P80")
        }
        if disputed {
            for language in Language.allCases where (row.note[language] ?? "").isEmpty {
                error("several sources disagree, so the used row needs a note in \(language.rawValue) saying why it is the one used")
            }
        }
        return findings
    }

    /// The published value in months for statistics that fix P50 (median) or P80 (p80, p80-target).
    func publishedMonths(_ row: Benchmarks.Evidence) -> Double? {
        guard ["median", "p80", "p80-target"].contains(row.statistic), let value = row.value else { return nil }
        switch row.unit {
        case "months": return value
        case "days": return value / Self.daysPerMonth
        case "years": return value * 12
        default: return nil
        }
    }

    /// Literal figure keys and stage names in the decision tables, checked against the file.
    func references() -> [Finding] {
        var findings: [Finding] = []
        for decision in model.decisions {
            guard let table = decision.decisionTable else { continue }
            for (column, output) in table.outputs.enumerated() {
                let name = output.name ?? ""
                let isFigure = name == "figure" || name.hasSuffix("Figure")
                guard isFigure || name == "stage" else { continue }
                for rule in table.rules where column < rule.outputEntries.count {
                    let entry = rule.outputEntries[column]
                    guard entry.referencedNames.isEmpty else { continue }
                    var problems: [FEELError] = []
                    guard case .string(let text) = entry.evaluate(FEELScope(), problems: &problems) else { continue }
                    if isFigure && benchmarks[text] == nil {
                        findings.append(Finding(.error, "benchmark", at: rule.location,
                                                "\(decision.name) row \(rule.row): figure '\(text)' is not in \(Benchmarks.fileName)"))
                    }
                    if !isFigure && benchmarks.stages[text] == nil {
                        findings.append(Finding(.error, "benchmark", at: rule.location,
                                                "\(decision.name) row \(rule.row): stage '\(text)' has no label in \(Benchmarks.fileName)"))
                    }
                }
            }
        }
        return findings
    }
}
