import DecisionModel
import XMLSupport

/// What the questionnaire says for each input: prompt, help, choice labels and the source it rests on
/// (`Rules/questions.xml`).
public struct Questions: Sendable {
    public static let namespace = "urn:yakuji:questions:1"

    public struct Choice: Sendable {
        public var value: String
        public var label: LocalizedText
        /// Other spellings the rules accept for this choice (`also="II"`).
        public var also: [String] = []
    }

    public struct Question: Sendable {
        public var input: String
        public var prompt: LocalizedText
        public var help: LocalizedText
        public var choices: [Choice]
        public var source: String
        /// Ids of `citations.xml` entries shown to readers for this question (`<source cite="…">`).
        public var cite: [String] = []
        /// An unknown answer is final when the rules derive the fact themselves (`unknown="derive"`).
        public var unknownIsFinal: Bool
        /// A decision table that lists this input's values with names, for searching (`lookup="…"`).
        public var lookup: String?
        public var location: SourceLocation

        public func label(for value: String, _ language: Language) -> String? {
            choices.first { $0.value == value }.map { $0.label.text(language) }
        }
    }

    public var questions: [String: Question]

    public init(questions: [String: Question] = [:]) { self.questions = questions }

    public subscript(input: String) -> Question? { questions[input] }

    public init(root: XMLElementNode) {
        var questions: [String: Question] = [:]
        for element in root.children(named: "question") {
            let input = element.attribute("input") ?? ""
            questions[input] = Question(
                input: input,
                prompt: Self.localized(element.children(named: "prompt")),
                help: Self.localized(element.children(named: "help")),
                choices: element.children(named: "choice").map {
                    Choice(value: $0.attribute("value") ?? "", label: Self.localized($0.children(named: "label")),
                           also: ($0.attribute("also") ?? "").split(separator: " ").map(String.init))
                },
                source: element.childText("source") ?? "",
                cite: Citations.ids(element.child(named: "source")?.attribute("cite")),
                unknownIsFinal: element.attribute("unknown") == "derive",
                lookup: element.attribute("lookup"),
                location: SourceLocation(file: element.file, line: element.line))
        }
        self.questions = questions
    }

    /// `<x lang="ja">…</x><x lang="en">…</x>` → LocalizedText.
    static func localized(_ elements: [XMLElementNode]) -> LocalizedText {
        var text = LocalizedText()
        for element in elements {
            guard let language = Language(rawValue: element.attribute("lang") ?? "") else { continue }
            text[language] = element.trimmedText
        }
        return text
    }
}
