import DecisionModel

/// The `trace` array of CONTRACT §4, written straight to compact JSON: it is most of a batch line (tens of kilobytes
/// for each profile), and building it as `JSONValue`s, then quoting every string of it, cost more than the rest of
/// the line. `AssessmentJSON.document` holds it as `JSONValue.raw`, which the pretty writer lays out as it would
/// the values.
enum TraceJSON {
    static func array(_ a: Assessment, _ language: Language, _ citations: Citations, rows: RuleRowsJSON?) -> [UInt8] {
        var out = JSONBytes()
        let rows = rows?.language == language ? rows : nil
        out.append(UInt8(ascii: "["))
        for (i, trace) in a.evaluation.traces.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            entry(trace, a.openness[trace.decision], language, citations, rows?.decisions[trace.decision], to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return out.finish()
    }

    /// `{decision, hitPolicy, value, rules, inputs}`, and for a decision fed by open answers `dependsOn` and
    /// `independentOf` (those its value still depends on, and those it does not).
    private static func entry(_ t: DecisionTrace, _ openness: DecisionOpenness?, _ language: Language, _ citations: Citations,
                              _ rows: [Int: RuleRowsJSON.Row]?, to out: inout JSONBytes) {
        out.append(#"{"decision":"#)
        out.appendQuoted(t.decision)
        out.append(#","hitPolicy":"#)
        optional(t.hitPolicy, to: &out)
        out.append(#","value":"#)
        out.append(json: t.value)
        out.append(#","rules":["#)
        for (i, rule) in t.rules.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            if let row = rows?[rule.row], row.id == rule.id {
                out.append(row.json)
            } else {
                hit(rule, language, citations, to: &out)
            }
        }
        out.append(#"],"inputs":{"#)
        for (i, input) in t.inputs.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.appendQuoted(input.name)
            out.append(UInt8(ascii: ":"))
            out.append(json: input.value)
        }
        out.append(UInt8(ascii: "}"))
        if let placed = openness?.placed {
            out.append(#","dependsOn":"#)
            names(placed.dependsOn, placed.names, to: &out)
            out.append(#","independentOf":"#)
            names(placed.independentOf, placed.names, to: &out)
        } else if let openness {
            out.append(#","dependsOn":"#)
            names(openness.dependsOn, to: &out)
            out.append(#","independentOf":"#)
            names(openness.independentOf, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// A rule row: `{id, row, annotation, reason, citation}`.
    static func hit(_ rule: DecisionTrace.RuleHit, _ language: Language, _ citations: Citations, to out: inout JSONBytes) {
        let citation = citations.citation(cite: rule.annotation("cite"), source: rule.annotation("source"), language)
        out.append(#"{"id":"#)
        optional(rule.id, to: &out)
        out.append(#","row":"#)
        out.append(String(rule.row))
        out.append(#","annotation":"#)
        optional(rule.annotation("source") ?? rule.annotations.first?.text, to: &out)
        out.append(#","reason":"#)
        optional(rule.annotation(language.rawValue) ?? rule.description, to: &out)
        out.append(#","citation":"#)
        optional(citation, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    private static func optional(_ text: String?, to out: inout JSONBytes) {
        if let text { out.appendQuoted(text) } else { out.append("null") }
    }

    /// Names by their places in `open`.
    private static func names(_ places: [Int], _ open: OpenNamesJSON, to out: inout JSONBytes) {
        out.append(UInt8(ascii: "["))
        for (i, place) in places.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(open.quoted[place])
        }
        out.append(UInt8(ascii: "]"))
    }

    private static func names(_ names: [String], to out: inout JSONBytes) {
        out.append(UInt8(ascii: "["))
        for (i, name) in names.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.appendQuoted(name)
        }
        out.append(UInt8(ascii: "]"))
    }
}

/// The open answers of one assessment with their names quoted once: every decision they feed names them again.
final class OpenNamesJSON: Sendable {
    let names: [String]
    let quoted: [[UInt8]]

    init(_ names: [String]) {
        self.names = names
        quoted = names.map { name in
            var out = JSONBytes(capacity: name.utf8.count + 8)
            out.appendQuoted(name)
            return out.finish()
        }
    }
}

/// Every rule row of a rule set as its trace entry (`TraceJSON.hit`), written once for a batch: the rows, their
/// reasons and citations are the same for every profile, and half of each line.
public final class RuleRowsJSON: Sendable {
    struct Row: Sendable {
        /// The rule's id, checked against the trace's row before its bytes stand for it.
        let id: String?
        let json: [UInt8]
    }

    let language: Language
    /// Decision name → row (as written) → entry.
    let decisions: [String: [Int: Row]]

    /// `citations` must be those the documents are written with.
    public init(rules: RuleSet, language: Language, citations: Citations) {
        self.language = language
        var decisions: [String: [Int: Row]] = [:]
        for decision in rules.model.decisions {
            guard let table = decision.decisionTable else { continue }
            var rows: [Int: Row] = [:]
            for rule in table.rules {
                var out = JSONBytes(capacity: 1 << 10)
                TraceJSON.hit(DecisionTrace.RuleHit(rule, of: table), language, citations, to: &out)
                rows[rule.row] = Row(id: rule.id, json: out.finish())
            }
            decisions[decision.name] = rows
        }
        self.decisions = decisions
    }
}
