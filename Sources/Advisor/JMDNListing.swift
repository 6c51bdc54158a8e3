import DecisionModel

/// How a JMDN lookup entry is shown to a person.
public enum JMDNListing {
    public static func line(_ entry: LookupTable.Entry, _ language: Language) -> String {
        let ja = entry.field("jmdnNameJa")?.bareText ?? ""
        let en = entry.field("jmdnNameEn")?.bareText ?? ""
        let names = language == .ja ? [ja, en] : [en, ja]
        let cls = entry.field("jmdnClass").flatMap { v -> String? in
            if case .number(let n) = v, let i = n.intValue { return JMDNImport.roman(i) }
            return nil
        } ?? "?"
        var flags: [String] = []
        if entry.field("jmdnCertificationStandard") == .boolean(true) { flags.append(language == .ja ? "認証基準あり" : "certification standard") }
        if entry.field("jmdnApprovalStandard") == .boolean(true) { flags.append(language == .ja ? "承認基準あり" : "approval standard") }
        if entry.field("jmdnSpeciallyMaintained") == .boolean(true) { flags.append(language == .ja ? "特定保守" : "specially maintained") }
        let classWord = language == .ja ? "クラス" : "Class "
        return "\(entry.value)  \(names.filter { !$0.isEmpty }.joined(separator: " / "))  \(classWord)\(cls)"
            + (flags.isEmpty ? "" : "  [\(flags.joined(separator: ", "))]")
    }
}
