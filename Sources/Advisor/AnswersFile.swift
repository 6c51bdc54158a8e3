import DecisionModel
import Foundation
import XMLSupport

/// Reading and writing answer files (`urn:yakuji:answers:1`, CONTRACT §1).
public enum AnswersFile {
    public static let namespace = "urn:yakuji:answers:1"

    /// Reads and types an answer file; every problem names the file, the line and what was allowed.
    public static func load(_ path: String, rules: RuleSet, limits: InputLimits = .standard) throws(AdvisorError) -> Answers {
        let document: XMLParsedDocument
        do {
            document = try XMLLoader(schema: rules.answersSchema, maxBytes: limits.maxAnswerFileBytes).loadDocument(contentsOf: path)
        } catch {
            throw AdvisorError(error, hint: "--max-file-size")
        }
        return try answers(from: document, path: path, rules: rules, limits: limits)
    }

    /// The same from bytes in memory (`name` stands for the file in messages).
    public static func load(bytes: [UInt8], name: String, rules: RuleSet, limits: InputLimits = .standard) throws(AdvisorError) -> Answers {
        let document: XMLParsedDocument
        do {
            document = try XMLLoader(schema: rules.answersSchema, maxBytes: limits.maxAnswerFileBytes).loadDocument(bytes: bytes, name: name)
        } catch {
            throw AdvisorError(error, hint: "--max-file-size")
        }
        return try answers(from: document, path: name, rules: rules, limits: limits)
    }

    private static func answers(from document: XMLParsedDocument, path: String, rules: RuleSet, limits: InputLimits) throws(AdvisorError) -> Answers {
        let root = document.root
        guard root.name == "answers", root.namespace == namespace else {
            throw AdvisorError(file: path, line: root.line, "expected <answers xmlns=\"\(namespace)\">, found <\(excerpt(root.name))>")
        }
        let elements = root.children(named: "answer")
        if elements.count > limits.maxAnswers {
            throw AdvisorError(file: path, line: elements[limits.maxAnswers].line,
                               "more than \(limits.maxAnswers) answers (--max-answers); the file holds \(elements.count)")
        }
        var problems: [DMNProblem] = []
        // A label wrapped over several lines in an editor is one line.
        let device = root.childText("device").map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        if let device, let why = limits.valueProblem(device) ?? hazard(device) {
            problems.append(DMNProblem(file: path, line: root.child(named: "device")?.line ?? root.line, message: "device: \(why)"))
        }
        var answers = Answers(device: device)
        answers.headerComments = document.leadingComments
        for element in elements {
            let name = element.attribute("name") ?? ""
            if let why = limits.valueProblem(element.text) {
                problems.append(DMNProblem(file: path, line: element.line, message: "\(name): \(why)"))
                continue
            }
            do {
                answers[name] = try parse(name: name, text: element.text, unknown: element.attribute("unknown") == "true", rules: rules)
            } catch {
                problems.append(DMNProblem(file: path, line: element.line, message: error.description))
            }
        }
        if !problems.isEmpty { throw AdvisorError(problems) }
        return answers
    }

    /// A label that would act on a terminal instead of being shown.
    static func hazard(_ text: String) -> String? {
        VisibleText.firstHazard(in: text).map { "control characters are not allowed (found \($0))" }
    }

    /// Types one answer by its input; `unknown` wins over any text.
    public static func parse(name: String, text: String, unknown: Bool, rules: RuleSet) throws(DMNModel.InputValueError) -> Answers.Answer {
        guard let input = rules.model.input(named: name) else {
            throw .unknownInput(name, known: rules.model.inputs.map(\.name))
        }
        if unknown { return .unknown }
        return .value(try rules.model.parseValue(text, for: input))
    }

    /// `name=value` from the command line; `name=?` means unknown. Besides the value itself a choice's label, an
    /// `also` spelling and (for yes/no) yes/no/はい/いいえ are accepted; errors read in `language`.
    public static func parseAssignment(_ assignment: String, rules: RuleSet, language: Language = .en,
                                       limits: InputLimits = .standard) throws(AdvisorError) -> (String, Answers.Answer) {
        guard let equals = assignment.firstIndex(of: "=") else {
            throw AdvisorError(file: "--set", "'\(excerpt(assignment))': expected name=value")
        }
        let name = String(assignment[..<equals])
        let text = String(assignment[assignment.index(after: equals)...])
        let place = "--set \(excerpt(assignment, limit: 60))"
        guard let input = rules.model.input(named: name) else {
            throw AdvisorError(file: place, DMNModel.InputValueError.unknownInput(name, known: rules.model.inputs.map(\.name))
                .message(language, rules: rules))
        }
        if text.trimmingWhitespace() == "?" { return (name, .unknown) }
        if let why = limits.valueProblem(text) { throw AdvisorError(file: place, why) }
        do {
            return (name, .value(try AnswerSpelling.parse(text, input: input, rules: rules)))
        } catch {
            throw AdvisorError(file: place, error.message(language, rules: rules))
        }
    }

    /// The answer file, answers in the order given, written by libxml2 so it is always well-formed. A string that
    /// would read back differently when bare (surrounding spaces, a leading quote) is written as a FEEL literal.
    public static func render(_ answers: Answers) throws(AdvisorError) -> [UInt8] {
        var root = XMLElementNode(name: "answers", namespace: namespace)
        if let device = answers.device { root.children.append(XMLElementNode(name: "device", namespace: namespace, text: device)) }
        for name in answers.order {
            var element = XMLElementNode(name: "answer", namespace: namespace, attributes: [.init(name: "name", value: name)])
            switch answers[name] {
            case .unknown?: element.attributes.append(.init(name: "unknown", value: "true"))
            case .value(let v)?: element.text = storedText(v)
            case nil: continue
            }
            root.children.append(element)
        }
        do {
            return try XMLWriter.serialize(XMLParsedDocument(root: root, leadingComments: answers.headerComments))
        } catch {
            throw AdvisorError(file: "answers", "cannot write the answers: \(error)")
        }
    }

    static func storedText(_ value: FEELValue) -> String {
        guard case .string(let s) = value else { return value.bareText }
        return s.trimmingWhitespace() != s || s.hasPrefix("\"") ? value.description : s
    }

    /// Writes atomically (see `AtomicFile`), so an interrupted session never leaves half a file, and keeps the
    /// file's permissions.
    public static func save(_ answers: Answers, to path: String) throws(AdvisorError) {
        let bytes = try render(answers)
        do { try AtomicFile.write(bytes, to: path) } catch {
            throw AdvisorError(file: path, "cannot write the answers: \(error.message)")
        }
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
