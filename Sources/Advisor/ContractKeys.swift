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
        "change": ["procedure", "filedWith", "deadlineDays"],
        "timeline": ["reviewMonths", "japanSubmissionMonths", "japanDecisionMonths", "lagMonths", "applicationLagMonths",
                     "reviewLagMonths", "probabilityJapanFirst", "stages", "draws", "seed", "figures"],
    ]
    /// Keys whose value is a list of strings.
    public static let lists = ["schemes", "consultations"]
    /// Keys a sample or scenario may state about the outcome (dotted for object members).
    public static var all: [String] {
        scalar + ["qms", "change", "timeline"].flatMap { key in objects[key, default: []].map { "\(key).\($0)" } } + lists
    }

    /// The decisions whose values become contract keys: a decision named like a key, or a table with an
    /// output named like one. The questionnaire works towards these.
    public static func producers(in model: DMNModel, keys: [String]? = nil) -> Set<String> {
        let wanted = Set((keys ?? (scalar + Array(objects.keys) + lists)).map { String($0.split(separator: ".").first ?? "") })
        return Set(model.decisions.filter { decision in
            wanted.contains(decision.name) || (decision.decisionTable?.outputs.contains { wanted.contains($0.name ?? "") } ?? false)
        }.map(\.name))
    }
}
