/// The keys of `--format json` (CONTRACT §4), in output order. Interface names, not regulation: the rules
/// decide the values.
public enum ContractKeys {
    public static let schema = "yakuji.assessment/1"

    /// Top-level keys filled from decisions.
    public static let scalar = ["regulatoryCategory", "isMedicalDevice", "deviceClass", "classCategory", "classBasis",
                                "pathway", "reviewBody", "reviewCategory", "mahLicence"]
    /// Keys whose value is an object; a decision of that name yields a context.
    public static let objects: [String: [String]] = [
        "qms": ["auditRequired", "body", "renewalDue"],
        "change": ["procedure", "filedWith", "deadlineDays"],
        "timeline": ["reviewMonths", "japanDecisionMonths", "lagMonths", "applicationLagMonths", "reviewLagMonths"],
    ]
    /// Keys whose value is a list of strings.
    public static let lists = ["schemes", "consultations"]
    /// Keys a sample or scenario may state about the outcome (dotted for object members).
    public static var all: [String] {
        scalar + ["qms", "change", "timeline"].flatMap { key in objects[key, default: []].map { "\(key).\($0)" } } + lists
    }
}
