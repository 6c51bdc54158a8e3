import DecisionModel

/// Output of `dmn eval`.
enum EvalRendering {
    static func render(_ result: EvaluationResult, format: EvalFormat, trace: Bool) -> String {
        switch format {
        case .json:
            return json(result, trace: trace).rendered()
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

    /// A decision service's value first; with `trace`, the decisions it evaluated, as `dmn eval` shows them.
    static func render(service: String, value: FEELValue, _ result: EvaluationResult, format: EvalFormat, trace: Bool) -> String {
        switch format {
        case .json:
            let decisions: [(String, JSONValue)] = trace ? [("decisions", json(result, trace: true))] : []
            return JSONValue.object([(service, value.json)] + decisions).rendered()
        case .text:
            let first = "\(service): \(value)"
            return trace ? first + "\n" + render(result, format: .text, trace: true) : first
        }
    }

    private static func json(_ result: EvaluationResult, trace: Bool) -> JSONValue {
        .object(result.traces.map { t in
            (t.decision, trace ? .object([("value", t.value.json), ("hitPolicy", t.hitPolicy.map(JSONValue.string) ?? .null),
                                          ("rules", .array(t.rules.map { .number(String($0.row)) }))]) : t.value.json)
        })
    }
}
