import DecisionModel
import Foundation
import XMLSupport

/// `Rules/preparation.xml`: what each consultation is and what to bring, where to raise each open question,
/// and the documents a route needs. The report reads it; nothing regulatory is written here.
public struct Preparation: Sendable {
    public static let namespace = "urn:yakuji:preparation:1"
    public static let fileName = "preparation.xml"

    /// `name=value`: true when the assessment key (or, failing that, the answered input) has that value.
    public struct Condition: Sendable, Equatable {
        public var name: String
        public var value: String

        /// Space-separated `name=value` pairs; malformed pairs are left to the schema.
        static func parse(_ text: String?) -> [Condition] {
            (text ?? "").split(separator: " ").compactMap { pair in
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                return parts.count == 2 ? Condition(name: parts[0], value: parts[1]) : nil
            }
        }

        func holds(in a: Assessment) -> Bool {
            var value = a.value(name)
            if value == .null, case .value(let answered)? = a.answers[name] { value = answered }
            if case .list(let items) = value { return items.contains { $0.bareText == self.value } }
            return value != .null && value.bareText == self.value
        }
    }

    public struct Consultation: Sendable {
        public var name: String
        public var kind: String
        public var confidence: String
        public var bring: [LocalizedText]
        public var source: String
        /// Ids of citations.xml entries that readers see for `source`.
        public var cite: String?
        public var location: SourceLocation
    }

    public struct Question: Sendable {
        public var input: String
        public var consultation: String
        /// Tried in order before `consultation`: the first whose conditions hold wins.
        public var instead: [(when: [Condition], consultation: String)]
        public var ask: LocalizedText
        public var location: SourceLocation
    }

    public struct Checklist: Sendable {
        public struct Item: Sendable {
            public var when: [Condition]
            public var text: LocalizedText
        }
        public var name: String
        public var when: [Condition]
        public var confidence: String
        public var label: LocalizedText
        public var items: [Item]
        public var source: String
        public var cite: String?
        public var location: SourceLocation
    }

    public var kinds: [String: LocalizedText] = [:]
    public var consultations: [String: Consultation] = [:]
    public var questions: [String: Question] = [:]
    public var fallback: Question?
    public var checklists: [Checklist] = []

    public init() {}

    public init(root: XMLElementNode) {
        func at(_ e: XMLElementNode) -> SourceLocation { SourceLocation(file: e.file, line: e.line) }
        for e in root.children(named: "kind") {
            kinds[e.attribute("name") ?? ""] = Questions.localized(e.children(named: "label"))
        }
        for e in root.children(named: "consultation") {
            let name = e.attribute("name") ?? ""
            consultations[name] = Consultation(
                name: name, kind: e.attribute("kind") ?? "", confidence: e.attribute("confidence") ?? "high",
                bring: e.children(named: "bring").map { Questions.localized($0.children(named: "text")) },
                source: e.childText("source") ?? "", cite: e.child(named: "source")?.attribute("cite"), location: at(e))
        }
        func question(_ e: XMLElementNode) -> Question {
            Question(input: e.attribute("input") ?? "", consultation: e.attribute("consultation") ?? "",
                     instead: e.children(named: "instead").map { (Condition.parse($0.attribute("when")), $0.attribute("consultation") ?? "") },
                     ask: Questions.localized(e.children(named: "ask")), location: at(e))
        }
        for e in root.children(named: "question") {
            let q = question(e)
            questions[q.input] = q
        }
        fallback = root.children(named: "default").first.map(question)
        checklists = root.children(named: "checklist").map { e in
            Checklist(name: e.attribute("name") ?? "", when: Condition.parse(e.attribute("when")),
                      confidence: e.attribute("confidence") ?? "high", label: Questions.localized(e.children(named: "label")),
                      items: e.children(named: "item").map {
                          Checklist.Item(when: Condition.parse($0.attribute("when")), text: Questions.localized($0.children(named: "text")))
                      },
                      source: e.childText("source") ?? "", cite: e.child(named: "source")?.attribute("cite"), location: at(e))
        }
    }

    /// Where to raise an open question and what to ask there. `questionText` fills the default's `%@`.
    public func openQuestion(_ input: String, in a: Assessment, questionText: String, _ language: Language)
        -> (consultation: String, ask: String)? {
        guard let q = questions[input] ?? fallback else { return nil }
        let consultation = q.instead.first { pair in pair.when.contains { $0.holds(in: a) } }?.consultation ?? q.consultation
        let ask = q.ask.text(language).replacingOccurrences(of: "%@", with: questionText)
        return (consultation, ask)
    }

    /// The checklists whose conditions hold, each with only the items that apply.
    public func checklists(for a: Assessment) -> [Checklist] {
        checklists.compactMap { list in
            guard list.when.contains(where: { $0.holds(in: a) }) else { return nil }
            var applicable = list
            applicable.items = list.items.filter { $0.when.isEmpty || $0.when.contains { $0.holds(in: a) } }
            return applicable
        }
    }
}
