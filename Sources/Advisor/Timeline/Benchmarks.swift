import DecisionModel
import XMLSupport

/// The time figures of `Rules/benchmarks.xml`: for each figure key every published value found, one of them
/// marked as the one the lag model draws from.
public struct Benchmarks: Sendable {
    public static let namespace = "urn:yakuji:benchmarks:1"
    public static let fileName = "benchmarks.xml"

    /// One published value, with what it measures and where it was read.
    public struct Evidence: Sendable {
        public var used: Bool
        public var statistic: String
        public var value: Double?
        public var low: Double?
        public var high: Double?
        public var unit: String
        public var period: String
        public var cohort: String
        public var confidence: String
        /// The model's parameters, on the used row: months at the 50th and 80th percentile…
        public var p50: Double?
        public var p80: Double?
        /// …or a probability.
        public var probability: Double?
        public var source: String
        public var note: LocalizedText
        public var location: SourceLocation

        /// The published number as written: `12 months`, `3–6 months`, `0.3`.
        public func publishedText(_ language: Language = .en) -> String {
            let number: String
            if let value { number = Self.format(value) }
            else if let low, let high { number = "\(Self.format(low))–\(Self.format(high))" }
            else { number = "—" }
            guard unit != "probability" else { return number }
            let units = ["months": "か月", "days": "日", "years": "年"]
            return language == .ja ? number + (units[unit] ?? unit) : "\(number) \(unit)"
        }

        static func format(_ x: Double) -> String {
            x == x.rounded() ? String(Int(x)) : String(x)
        }
    }

    public struct Figure: Sendable {
        public var key: String
        public var label: LocalizedText
        public var evidence: [Evidence]
        public var location: SourceLocation

        /// The row the model uses (the linter makes sure there is exactly one).
        public var used: Evidence? { evidence.first(where: \.used) }
    }

    public var figures: [String: Figure]
    /// Figure keys in file order.
    public var order: [String]
    /// Stage name → its label.
    public var stages: [String: LocalizedText]

    public init(figures: [String: Figure] = [:], order: [String] = [], stages: [String: LocalizedText] = [:]) {
        self.figures = figures
        self.order = order
        self.stages = stages
    }

    public subscript(key: String) -> Figure? { figures[key] }

    public init(root: XMLElementNode) {
        var figures: [String: Figure] = [:]
        var order: [String] = []
        for element in root.children(named: "figure") {
            let key = element.attribute("key") ?? ""
            let evidence = element.children(named: "evidence").map { e in
                Evidence(used: e.attribute("used") == "true" || e.attribute("used") == "1",
                         statistic: e.attribute("statistic") ?? "", value: e.attribute("value").flatMap(Double.init),
                         low: e.attribute("low").flatMap(Double.init), high: e.attribute("high").flatMap(Double.init),
                         unit: e.attribute("unit") ?? "", period: e.attribute("period") ?? "",
                         cohort: e.attribute("cohort") ?? "", confidence: e.attribute("confidence") ?? "",
                         p50: e.attribute("p50").flatMap(Double.init), p80: e.attribute("p80").flatMap(Double.init),
                         probability: e.attribute("probability").flatMap(Double.init),
                         source: e.childText("source") ?? "", note: Questions.localized(e.children(named: "note")),
                         location: SourceLocation(file: e.file, line: e.line))
            }
            if figures[key] == nil { order.append(key) }
            figures[key] = Figure(key: key, label: Questions.localized(element.children(named: "label")), evidence: evidence,
                                  location: SourceLocation(file: element.file, line: element.line))
        }
        var stages: [String: LocalizedText] = [:]
        for element in root.children(named: "stage") {
            stages[element.attribute("name") ?? ""] = Questions.localized(element.children(named: "label"))
        }
        self.init(figures: figures, order: order, stages: stages)
    }
}
