import DecisionModel

/// How a JMDN lookup entry is shown to a person.
public enum JMDNListing {
    /// Flag outputs shown when true, named by `Rules/outcomes.xml`.
    static let flags = ["jmdnCertificationStandard", "jmdnApprovalStandard", "jmdnSpeciallyMaintained"]

    public static func line(_ entry: LookupTable.Entry, _ language: Language, outcomes: Outcomes) -> String {
        let ja = entry.field("jmdnNameJa")?.bareText ?? ""
        let en = entry.field("jmdnNameEn")?.bareText ?? ""
        let names = language == .ja ? [ja, en] : [en, ja]
        let cls = entry.field("jmdnClass").flatMap { v -> String? in
            if case .number(let n) = v, let i = n.intValue { return JMDNImport.roman(i) }
            return nil
        } ?? "?"
        let flags = Self.flags.filter { entry.field($0) == .boolean(true) }.map { outcomes.label(key: $0, language) }
        let classWord = language == .ja ? "クラス" : "Class "
        return "\(entry.value)  \(names.filter { !$0.isEmpty }.joined(separator: " / "))  \(classWord)\(cls)"
            + (flags.isEmpty ? "" : "  [\(flags.joined(separator: ", "))]")
    }
}
