import DecisionModel

/// The worked cases training draws on: every scenario of the rules folder's tests, those described in both
/// languages (the quiz cases) first.
public struct CaseLibrary: Sendable {
    public let rules: RuleSet
    public let scenarios: [Scenario]
    /// Scenario files that could not be read (their cases are left out; `rules check` names the cause).
    public let problems: [DMNProblem]

    /// Every readable scenario file; one that cannot be read leaves only its own cases out.
    public static func load(rules: RuleSet) -> CaseLibrary {
        let runner = ScenarioRunner(rules: rules)
        var all: [Scenario] = []
        var problems: [DMNProblem] = []
        for file in runner.scenarioFiles() {
            do { all += try Scenario.load(file, rules: rules) } catch { problems += error.problems }
        }
        let described = all.filter(\.isQuizCase)
        return CaseLibrary(rules: rules, scenarios: described + all.filter { !$0.isQuizCase }, problems: problems)
    }

    public var quizCases: [Scenario] { scenarios.filter(\.isQuizCase) }

    public func scenario(id: String) -> Scenario? { scenarios.first { $0.id == id } }

    /// The first case (quiz cases first) whose assessment satisfies `test`, with that assessment.
    func firstCase(where test: (Scenario, Assessment) -> Bool, prefilter: (Scenario) -> Bool = { _ in true }) -> (Scenario, Assessment)? {
        let assessor = Assessor(rules: rules)
        for scenario in scenarios where prefilter(scenario) {
            let assessment = assessor.assess(scenario.exactAnswers(rules: rules), absentIsUnknown: true, exploreAlternatives: false)
            if test(scenario, assessment) { return (scenario, assessment) }
        }
        return nil
    }
}

extension Scenario {
    /// Described in both languages, so a learner can be shown it in either.
    public var isQuizCase: Bool {
        !(descriptions[.ja] ?? "").isEmpty && !(descriptions[.en] ?? "").isEmpty
    }
}
