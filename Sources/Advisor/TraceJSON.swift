import DecisionModel
import Synchronization

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
            entry(trace, a.openness[trace.decision], language, citations, rows, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return out.finish()
    }

    /// `{decision, hitPolicy, value, rules, inputs}`, and for a decision fed by open answers `dependsOn` and
    /// `independentOf` (those its value still depends on, and those it does not).
    private static func entry(_ t: DecisionTrace, _ openness: DecisionOpenness?, _ language: Language, _ citations: Citations,
                              _ rows: RuleRowsJSON?, to out: inout JSONBytes) {
        out.append(#"{"decision":"#)
        out.appendQuoted(t.decision)
        out.append(#","hitPolicy":"#)
        optional(t.hitPolicy, to: &out)
        out.append(#","value":"#)
        out.append(json: t.value)
        out.append(#","rules":["#)
        let place = t.rules.isEmpty ? nil : rows?.place(of: t.decision)
        for (i, rule) in t.rules.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            if let rows, let place {
                out.append(rows.entry(rule, decision: place))
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

/// The rule rows' trace entries (`TraceJSON.hit`) for a batch, each written the first time a trace names it and
/// copied from then on: the rows, their reasons and citations are the same for every profile, and half of each line.
/// Written lazily because writing every row of the rules beforehand cost more than assessing a profile.
public final class RuleRowsJSON: Sendable {
    struct Row: Sendable {
        /// The rule's id, checked against the trace's row before its bytes stand for it.
        let id: String?
        let json: [UInt8]
    }

    let language: Language
    private let citations: Citations
    /// Decision name → its place in `written`.
    private let places: [String: Int]
    /// By decision place, then row as written.
    private let written: Mutex<[[Int: Row]]>

    /// `citations` must be those the documents are written with.
    public init(rules: RuleSet, language: Language, citations: Citations) {
        self.language = language
        self.citations = citations
        var places: [String: Int] = [:]
        for decision in rules.model.decisions where decision.decisionTable != nil && places[decision.name] == nil {
            places[decision.name] = places.count
        }
        self.places = places
        written = Mutex(Array(repeating: [:], count: places.count))
    }

    func place(of decision: String) -> Int? { places[decision] }

    /// `rule`'s entry, the rule being a row of the decision at `place`.
    func entry(_ rule: DecisionTrace.RuleHit, decision place: Int) -> [UInt8] {
        if let row = written.withLock({ $0[place][rule.row] }), row.id == rule.id { return row.json }
        var out = JSONBytes(capacity: 1 << 10)
        TraceJSON.hit(rule, language, citations, to: &out)
        let json = out.finish()
        written.withLock { $0[place][rule.row] = Row(id: rule.id, json: json) }
        return json
    }
}
