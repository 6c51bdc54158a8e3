import DecisionModel

/// Output of `dmn eval`.
enum EvalRendering {
    static func render(_ result: EvaluationResult, format: EvalFormat, trace: Bool) -> String {
        switch format {
        case .json:
            return JSONValue.object(result.traces.map { t in
                (t.decision, trace ? .object([("value", t.value.json), ("hitPolicy", t.hitPolicy.map(JSONValue.string) ?? .null),
                                              ("rules", .array(t.rules.map { .number(String($0.row)) }))]) : t.value.json)
            }).rendered()
        case .text:
            var lines: [String] = []
            for t in result.traces {
                lines.append("\(t.decision): \(t.value)")
                guard trace else { continue }
                for rule in t.rules {
                    let notes = rule.annotations.map { "\($0.name): \($0.text)" }.joined(separator: "; ")
                    lines.append("  rule \(rule.row)\(rule.id.map { " (\($0))" } ?? "")\(notes.isEmpty ? "" : " — " + notes)")
                }
            }
            return lines.joined(separator: "\n")
        }
    }
}
