import DecisionModel

/// What the quiz asks about: a topic groups assessment keys, or (samd) the program cases.
public enum QuizTopic: String, CaseIterable, Sendable {
    case samd, device, `class`, route, change, qms

    /// How a session names the topic; the Japanese keeps the `--topic` value so it can be typed again.
    public func title(_ language: Language) -> String {
        guard language == .ja else { return rawValue }
        let names: [QuizTopic: String] = [.samd: "プログラム医療機器", .device: "該当性", .class: "クラス分類",
                                          .route: "製造販売の手続", .change: "変更手続", .qms: "QMS適合性調査"]
        return "\(names[self] ?? rawValue) (\(rawValue))"
    }
}

/// One question: a described case and the assessment key the learner is asked for.
public struct QuizQuestion: Sendable {
    public var scenario: Scenario
    public var key: String
}

/// The quiz cases of a rules folder (its scenarios described in both languages) and the questions they allow.
/// A case is asked only about a key its scenario pins (`expect`), so the scenario tests keep every question's
/// answer honest; the answer shown is computed from the rules.
public struct QuizDeck: Sendable {
    public let rules: RuleSet
    public let cases: [Scenario]

    public init(rules: RuleSet, cases: [Scenario]) {
        self.rules = rules
        self.cases = cases
    }

    /// The keys a learner can be asked for, with their topic and how the question is put.
    static let keys: [(key: String, topic: QuizTopic, ask: TrainingStrings.ID)] = [
        ("regulatoryCategory", .device, .askRegulatoryCategory),
        ("isMedicalDevice", .device, .askIsMedicalDevice),
        ("deviceClass", .class, .askDeviceClass),
        ("pathway", .route, .askPathway),
        ("reviewCategory", .route, .askReviewCategory),
        ("change.procedure", .change, .askChangeProcedure),
        ("qms.auditRequired", .qms, .askQmsAuditRequired),
        ("qms.body", .qms, .askQmsBody),
    ]

    static func topic(of key: String) -> QuizTopic? { keys.first { $0.key == key }?.topic }

    static func ask(_ key: String) -> TrainingStrings.ID? { keys.first { $0.key == key }?.ask }

    /// The product forms that make a case a software (SaMD) case.
    static let programForms: Set<String> = ["standalone-program", "program-on-media"]

    static func isProgram(_ scenario: Scenario) -> Bool {
        if case .value(let v)? = scenario.answers["productForm"] { return programForms.contains(v.bareText) }
        return false
    }

    /// The keys `scenario` may be asked about under `topic` (every topic when nil), in the order of `keys`.
    public func keys(for scenario: Scenario, topic: QuizTopic?) -> [String] {
        let pinned = Dictionary(scenario.expectations.map { ($0.key, $0.text) }, uniquingKeysWith: { a, _ in a })
        return Self.keys.filter { entry in
            guard let expected = pinned[entry.key], expected != "null", rules.outcomes.keys[entry.key] != nil else { return false }
            switch topic {
            case nil: return true
            case .samd?: return Self.isProgram(scenario)
            case let wanted?: return entry.topic == wanted
            }
        }.map(\.key)
    }

    /// Every question the deck can ask under a topic.
    public func questions(topic: QuizTopic?) -> [QuizQuestion] {
        cases.flatMap { scenario in keys(for: scenario, topic: topic).map { QuizQuestion(scenario: scenario, key: $0) } }
    }

    /// `count` questions for a session: cases in a seeded order, one question per case while cases last (a
    /// random one of its keys), then second questions from the same cases.
    public func draw(topic: QuizTopic?, count: Int, seed: UInt64) -> [QuizQuestion] {
        var generator = SeededRandom(seed: seed)
        var remaining = generator.shuffle(cases).map { scenario in generator.shuffle(keys(for: scenario, topic: topic)).map {
            QuizQuestion(scenario: scenario, key: $0)
        } }.filter { !$0.isEmpty }
        var drawn: [QuizQuestion] = []
        while drawn.count < count, !remaining.isEmpty {
            for i in remaining.indices where drawn.count < count && !remaining[i].isEmpty {
                drawn.append(remaining[i].removeFirst())
            }
            remaining.removeAll { $0.isEmpty }
        }
        return drawn
    }
}
