import DecisionModel

/// The values a quiz question offers (those `outcomes.xml` names for the key, in its order) and how a typed
/// answer is read: its number, the value, a label in either language, yes/no, or a Roman class numeral.
struct QuizChoices: Sendable {
    let rules: RuleSet
    let key: String

    var values: [String] { rules.outcomes.keys[key]?.order ?? [] }

    func label(_ value: String, _ language: Language) -> String {
        rules.outcomes.label(key: key, value: value, language)
    }

    static let romanClasses = ["i": "1", "ii": "2", "iii": "3", "iv": "4"]
    static let yes: Set<String> = ["y", "yes", "はい", "true", "該当"]
    static let no: Set<String> = ["n", "no", "いいえ", "false", "非該当"]

    func interpret(_ text: String) -> String? {
        let folded = LookupTable.normalized(text.trimmingWhitespace())
        if let index = Int(folded), index >= 1, index <= values.count { return values[index - 1] }
        if let value = values.first(where: { $0.lowercased() == folded }) { return value }
        if let value = values.first(where: { v in Language.allCases.contains { LookupTable.normalized(label(v, $0)) == folded } }) {
            return value
        }
        if Set(values) == ["true", "false"] {
            if Self.yes.contains(folded) { return "true" }
            if Self.no.contains(folded) { return "false" }
        }
        var roman = folded
        for prefix in ["class ", "class", "クラス"] where roman.hasPrefix(prefix) { roman = String(roman.dropFirst(prefix.count)) }
        if let number = Self.romanClasses[roman] ?? (Int(roman).map(String.init)), values.contains(number) { return number }
        return nil
    }
}
