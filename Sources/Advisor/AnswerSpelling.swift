import DecisionModel
import Foundation

/// The ways a person may spell an answer besides its value: a choice label in either language, a spelling the
/// rules add with `also="…"` (`II` for Class II), and for yes/no questions yes/no/はい/いいえ. Full-width and
/// other compatibility forms (`ＩＩ`, `Ⅱ`, `２`) count as their plain forms.
public enum AnswerSpelling {
    static let yes: Set<String> = ["y", "yes", "はい", "true"]
    static let no: Set<String> = ["n", "no", "いいえ", "false"]

    /// The value `text` stands for, when it is a label, an `also` spelling or a yes/no word; nil otherwise.
    public static func value(for text: String, input: InputData, rules: RuleSet) -> String? {
        let typed = normalized(text)
        if typed.isEmpty { return nil }
        if rules.model.baseType(of: input.typeRef) == "boolean" {
            if yes.contains(typed) { return "true" }
            if no.contains(typed) { return "false" }
        }
        guard let question = rules.questions[input.name] else { return nil }
        for choice in question.choices {
            let spellings = [choice.value] + choice.also + Language.allCases.compactMap { choice.label[$0] }
            if spellings.contains(where: { normalized($0) == typed }) { return choice.value }
        }
        return nil
    }

    /// NFKC, trimmed and lower-cased, so `ＩＩ`, `Ⅱ` and `ii` meet `II`.
    static func normalized(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The value typed directly, or failing that a spelling of one; the error is the direct parse's.
    public static func parse(_ text: String, input: InputData, rules: RuleSet) throws(DMNModel.InputValueError) -> FEELValue {
        do {
            return try rules.model.parseValue(text, for: input)
        } catch {
            guard let spelled = value(for: text, input: input, rules: rules) else { throw error }
            return try rules.model.parseValue(spelled, for: input)
        }
    }

    /// How a choice reads to a person in `language`: its label, or yes/no for booleans, else the value.
    static func label(_ value: String, input: String, rules: RuleSet, _ language: Language) -> String {
        if let label = rules.questions[input]?.label(for: value, language), !label.isEmpty { return label }
        if value == "true" { return UIStrings.text(.yes, language) }
        if value == "false" { return UIStrings.text(.no, language) }
        return value
    }
}

extension DMNModel.InputValueError {
    /// The message in the user's language, naming choices by their labels rather than their raw values.
    public func message(_ language: Language, rules: RuleSet) -> String {
        switch self {
        case .unknownInput(let name, let known):
            guard language == .ja else { return description }
            let lower = name.lowercased()
            let near = lower.isEmpty ? [] : known.filter { $0.lowercased().hasPrefix(lower) }.prefix(5)
            return UIStrings.format(.unknownInput, language, excerpt(name))
                + (near.isEmpty ? "" : "（\(near.map { "'\($0)'" }.joined(separator: ", ")) のことですか）")
        case .notAllowed(let input, let text, let allowed):
            let choices = allowed.map { value in
                let label = AnswerSpelling.label(value, input: input, rules: rules, language)
                return label == value ? value : "\(value) (\(label))"
            }.joined(separator: ", ")
            return UIStrings.format(.notAllowed, language, excerpt(text), input, choices)
        case .malformed(let input, let text, let expected):
            return UIStrings.format(.malformed, language, excerpt(text), input, expectedText(expected, input: input, rules: rules, language))
        }
    }

    private func expectedText(_ expected: String, input: String, rules: RuleSet, _ language: Language) -> String {
        guard let data = rules.model.input(named: input) else { return expected }
        let base = rules.model.baseType(of: data.typeRef)
        if base == "boolean" {
            return language == .ja ? "はい（true）又はいいえ（false）" : "true or false (also yes/no, はい/いいえ)"
        }
        guard language == .ja else { return expected }
        if expected.contains("control characters") { return "制御文字を含まない文字列" }
        switch base {
        case "number":
            if let range = rules.model.allowedValuesDescription(of: data), !range.hasPrefix("a value") { return "\(range) の数値" }
            return "数値"
        case "date": return "YYYY-MM-DD 形式の日付"
        default: return expected
        }
    }
}
