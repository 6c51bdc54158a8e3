import DecisionModel

/// How a JMDN lookup entry is shown to a person.
public enum JMDNListing {
    /// Flag outputs shown when true, named by `Rules/outcomes.xml`.
    static let flags = ["jmdnCertificationStandard", "jmdnApprovalStandard", "jmdnSpeciallyMaintained"]

    public static func line(_ entry: LookupTable.Entry, _ language: Language, outcomes: Outcomes) -> String {
        "\(entry.value)  " + describe(entry.field, language, outcomes: outcomes)
    }

    /// The entry's line, then one line per sibling name it splits into, with the answer that leads there:
    /// "↳ Yes — a needle is attached: (code not confirmed)  汎用針付注射筒 / …  Class II  [certification standard]".
    public static func lines(_ entry: LookupTable.Entry, _ language: Language, rules: RuleSet) -> [String] {
        [line(entry, language, outcomes: rules.outcomes)] + entry.refinements.map { refinement in
            let when = refinement.conditions.map { condition in
                condition.values.map { value in
                    rules.questions[condition.input]?.label(for: value.bareText, language)?.nonEmpty
                        ?? "\(condition.input) = \(value.bareText)"
                }.joined(separator: language == .ja ? "、" : " / ")
            }.joined(separator: language == .ja ? "、かつ " : "; and ")
            let code = refinement.value ?? UIStrings.text(.codeNotConfirmed, language)
            return "    ↳ \(when)\(language == .ja ? "：" : ": ")\(code)  " + describe(refinement.field, language, outcomes: rules.outcomes)
        }
    }

    static func describe(_ field: (String) -> FEELValue?, _ language: Language, outcomes: Outcomes) -> String {
        let ja = field("jmdnNameJa")?.bareText ?? ""
        let en = field("jmdnNameEn")?.bareText ?? ""
        let names = language == .ja ? [ja, en] : [en, ja]
        let cls = field("jmdnClass").flatMap { v -> String? in
            if case .number(let n) = v, let i = n.intValue { return JMDNImport.roman(i) }
            return nil
        } ?? "?"
        let flags = Self.flags.filter { field($0) == .boolean(true) }.map { outcomes.label(key: $0, language) }
        let classWord = language == .ja ? "クラス" : "Class "
        return "\(names.filter { !$0.isEmpty }.joined(separator: " / "))  \(classWord)\(cls)"
            + (flags.isEmpty ? "" : "  [\(flags.joined(separator: ", "))]")
    }
}
