import DecisionModel

/// One thing `rules check` found, with where it is.
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    /// A stable kebab-case code (e.g. `gap`, `missing-citation`) for filtering and SARIF rule ids.
    public var code: String
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// How many findings this one stands for: 1, or the number of overlapping pairs a table has past the ones
    /// listed (`rules check --max-errors`), which one finding counts rather than lists.
    public var count: Int

    public init(_ severity: Severity, _ code: String, file: String, line: Int, column: Int = 0, _ message: String, count: Int = 1) {
        self.severity = severity
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.count = count
    }

    public init(_ severity: Severity, _ code: String, at location: SourceLocation, _ message: String, count: Int = 1) {
        self.init(severity, code, file: location.file, line: location.line, message, count: count)
    }

    public var description: String {
        var place = file
        if line > 0 { place += ":\(line)" }
        if line > 0 && column > 0 { place += ":\(column)" }
        return "\(place): \(severity.rawValue): \(message) [\(code)]"
    }

    /// What each code means, for SARIF's rule list and `--help`.
    public static let codes: [String: String] = [
        "schema": "the file does not follow its XML schema",
        "load": "the DMN model cannot be loaded (malformed XML, bad expression, dangling reference, cycle, unknown type)",
        "question-missing": "an input has no question in questions.xml",
        "question-orphan": "a question names no input",
        "value-not-allowed": "an entry names a value outside the input's or output's allowed values",
        "gap": "some combination of input values matches no rule of a single-hit table",
        "overlap": "two rules of a UNIQUE (or ANY, with different outputs) table match the same inputs",
        "shadowed": "a FIRST table row is never reached because earlier rows match everything it matches",
        "analysis-limit": "a table's rows overlap so widely that the gap, overlap and shadowed-row checks stopped at their work bound (TableAnalysis.maximumPairChecks, maximumGroupedRows); findings past it are missing",
        "never-matches": "a rule's entry accepts no possible value",
        "hit-policy": "the hit policy does not fit the outputs (e.g. C> on text, PRIORITY without output values)",
        "missing-citation": "a rule row has no source annotation",
        "missing-translation": "a prompt, help text, choice label or reason lacks Japanese or English",
        "expired": "a rule row's validity ended before the as-of date",
        "unknown-citation": "a rule row, question or outcome cites an id that citations.xml does not define",
        "research-reference": "text shown to readers carries a research cross-reference (brief §…, [S26|H]) that belongs in the source annotation",
        "scenario": "a scenario file cannot be read",
        "glossary-link": "a glossary term links to an input, decision, outcome value or term that does not exist",
        "glossary-decision": "a decision has no glossary term explaining it (yakuji explain shows only its table)",
        "preparation": "preparation.xml names a consultation, input, key or value that does not exist, lacks a translation or source, or leaves a consultation or route without its entry",
        "rule-format": "a DMN construct the rule format leaves out (boxed contexts, relations, lists, functions, conditionals, filters, iterators, decision services)",
        "benchmark": "a benchmark figure lacks its source, period or number, P50 is above P80, the used row is missing, doubled or disagrees with its statistic, or the rules name a figure or stage benchmarks.xml lacks",
    ]
}
