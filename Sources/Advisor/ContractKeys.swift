import DecisionModel

/// The keys of `--format json` (CONTRACT §4), in output order. Interface names, not regulation: the rules
/// decide the values.
public enum ContractKeys {
    public static let schema = "yakuji.assessment/1"

    /// Top-level keys filled from decisions.
    public static let scalar = ["regulatoryCategory", "isMedicalDevice", "deviceClass", "classCategory", "classBasis",
                                "classBasisDetail", "pathway", "reviewBody", "reviewCategory", "mahLicence"]
    /// Keys whose value is an object; a decision of that name yields a context.
    public static let objects: [String: [String]] = [
        "qms": ["auditRequired", "body", "renewalDue", "renewalApplicationDue", "renewalStatus"],
        "change": ["procedure", "filedWith", "deadlineDays", "default", "confirmWith"],
        "timeline": ["reviewMonths", "japanSubmissionMonths", "japanDecisionMonths", "lagMonths", "applicationLagMonths",
                     "reviewLagMonths", "probabilityJapanFirst", "stages", "draws", "seed", "figures"],
    ]
    /// Keys whose value is a list of strings.
    public static let lists = ["schemes", "consultations"]
    /// Keys a sample or scenario may state about the outcome (dotted for object members).
    public static let all: [String] =
        scalar + ["qms", "change", "timeline"].flatMap { key in objects[key, default: []].map { "\(key).\($0)" } } + lists

    /// The decisions whose values become contract keys: a decision named like a key, or a table with an
    /// output named like one. The questionnaire works towards these.
    public static func producers(in model: DMNModel, keys: [String]? = nil) -> Set<String> {
        let all = keys ?? reported
        var found = Set(all.compactMap { source(of: $0, in: model)?.decision })
        let wanted = Set(all.map { String($0.split(separator: ".").first ?? "") })
        for decision in model.decisions where wanted.contains(decision.name) { found.insert(decision.name) }
        return found
    }

    /// Keys whose alternatives are listed together (each alternative names the keys of one group that differ).
    public static let families: [[String]] = [
        ["regulatoryCategory", "isMedicalDevice"],
        ["deviceClass", "classCategory", "classBasis"],
        ["pathway", "reviewBody", "reviewCategory", "mahLicence"],
        ["qms.auditRequired", "qms.body"],
        ["change.procedure", "change.filedWith", "change.deadlineDays", "change.default", "change.confirmWith"],
    ]

    /// Every key whose value the assessment reports, dotted for object members; the questionnaire works towards
    /// these.
    public static var reported: [String] { all }

    /// `reported` without the list keys, a dotted key with its object and member apart: every assessment reads them.
    static let reportedValues: [(key: String, member: (object: String, name: String)?)] =
        reported.filter { !lists.contains($0) }.map { key in
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            return (key, parts.count == 2 ? (parts[0], parts[1]) : nil)
        }

    /// The decision, and the path inside its value, that give a key: a decision named like the key (its output of
    /// that name when it has several), a table output named like it, or for an object's member an output of the
    /// object's decision, else an output named key + Member (`changeDefault` for `change.default`).
    public static func source(of key: String, in model: DMNModel) -> (decision: String, path: [String])? {
        func outputs(_ decision: Decision) -> [String] { decision.decisionTable?.outputs.compactMap(\.name) ?? [] }
        func path(_ decision: Decision, _ output: String) -> [String] { outputs(decision).count > 1 ? [output] : [] }
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            let (object, member) = (parts[0], parts[1])
            if let decision = model.decision(named: object) {
                if outputs(decision).contains(member) { return (object, path(decision, member)) }
                if decision.decisionTable == nil { return (object, [member]) }
            }
            let joined = object + member.prefix(1).uppercased() + member.dropFirst()
            if let decision = model.decisions.first(where: { outputs($0).contains(joined) }) { return (decision.name, path(decision, joined)) }
            return nil
        }
        if let decision = model.decision(named: key) {
            return (key, outputs(decision).count > 1 && outputs(decision).contains(key) ? [key] : [])
        }
        if let decision = model.decisions.first(where: { outputs($0).contains(key) }) { return (decision.name, path(decision, key)) }
        return nil
    }
}
