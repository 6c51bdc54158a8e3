import DecisionModel

/// Results and answers in the reader's words (labels from outcomes.xml and questions.xml), never raw values:
/// shared by the comparison and the consultation-prep report.
public struct PlainWords: Sendable {
    public let rules: RuleSet
    public let language: Language

    public init(rules: RuleSet, language: Language) {
        self.rules = rules
        self.language = language
    }

    func ui(_ id: UIStrings.ID) -> String { UIStrings.text(id, language) }

    /// The name of a result key (`pathway` → "Procedure" / 手続の区分).
    public func keyLabel(_ key: String) -> String { rules.outcomes.label(key: key, language) }

    /// A result value: its label, "not determined" for null, a list joined, days and dates written out.
    public func result(_ key: String, _ value: FEELValue) -> String {
        switch value {
        case .null: return ui(.undetermined)
        case .list(let items): return items.isEmpty ? "—" : items.map { result(key, $0) }.joined(separator: language == .ja ? "、" : ", ")
        case .boolean(let b): return rules.outcomes.keys[key]?.values[String(b)]?.label.text(language).nonEmpty ?? yesNo(b)
        case .number, .date:
            if let label = rules.outcomes.keys[key]?.values[value.bareText]?.label.text(language).nonEmpty { return label }
            return value.bareText + (key == "change.deadlineDays" ? (language == .ja ? " 日以内" : " days") : "")
        default: return rules.outcomes.label(key: key, value: value.bareText, language)
        }
    }

    /// The question an input stands for.
    public func question(_ input: String) -> String {
        rules.questions[input]?.prompt.text(language).nonEmpty ?? input
    }

    /// An answer: the choice's label, yes/no, "don't know", or the value as written.
    public func answer(_ input: String, _ answer: Answers.Answer?) -> String {
        guard let answer else { return "—" }
        guard case .value(let value) = answer else { return ui(.unknownAnswer) }
        if let label = rules.questions[input]?.label(for: value.bareText, language), !label.isEmpty { return label }
        if case .boolean(let b) = value { return yesNo(b) }
        return value.bareText
    }

    /// Yes or No standing alone in a table cell, so capitalised (the lower-case word reads inside conditions).
    private func yesNo(_ b: Bool) -> String {
        let word = ui(b ? .yes : .no)
        return word.prefix(1).uppercased() + word.dropFirst()
    }
}
