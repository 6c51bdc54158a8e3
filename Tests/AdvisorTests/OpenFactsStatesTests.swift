import DecisionModel
import Testing
@testable import Advisor

/// How answers are read as input states, by name (the questionnaire's) and by place (the assessor's).
@Suite struct OpenFactsStatesTests {
    @Test(arguments: [false, true]) func byPlaceReadsAsByName(pending: Bool) throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        var answers = Answers()
        answers["isIvdReagent"] = .value(.boolean(false))
        answers["deviceClass"] = .unknown       // derived by the rules: null
        answers["productForm"] = .unknown       // open
        let names = rules.model.inputs.map(\.name)
        // Unanswered: jmdnCode (derived) and invasiveness (not), each pending or not.
        let waiting: Set<String> = pending ? ["jmdnCode", "invasiveness"] : []
        let byName = OpenFacts.states(answers, rules: rules, pending: waiting)
        let byPlace = OpenFacts.inputStates(answers, rules: rules, pending: waiting)
        #expect(byPlace.count == names.count)
        #expect(Dictionary(zip(names, byPlace), uniquingKeysWith: { a, _ in a }) == byName)
        let state = { (name: String) in byPlace[names.firstIndex(of: name)!] }
        #expect(state("isIvdReagent") == .known(.boolean(false)))
        #expect(state("deviceClass") == .known(.null))
        #expect(state("productForm") == .open(nullable: false))
        #expect(state("jmdnCode") == (pending ? .open(nullable: true) : .known(.null)))
        #expect(state("invasiveness") == .open(nullable: false))
        #expect(OpenFacts.inputStates(answers, rules: rules, pending: waiting, derived: OpenFacts.RulesReading(rules).derived) == byPlace)
    }

    /// The evaluator reads states by place as it reads them by name.
    @Test func theEvaluatorReadsBothAlike() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        var answers = Answers()
        answers["productForm"] = .value(.string("software"))
        answers["intendedPurpose"] = .unknown
        let evaluator = OpenEvaluator(model: rules.model)
        let byName = evaluator.evaluate(OpenFacts.states(answers, rules: rules))
        let byPlace = evaluator.evaluate(inputStates: OpenFacts.inputStates(answers, rules: rules))
        #expect(byName.variables.map(\.input) == byPlace.variables.map(\.input))
        for decision in rules.model.decisions.map(\.name) {
            let a = byName.possible(decision).map { "\($0.value.map(String.init(describing:)) ?? "?") \(byName.cover($0.condition))" }
            let b = byPlace.possible(decision).map { "\($0.value.map(String.init(describing:)) ?? "?") \(byPlace.cover($0.condition))" }
            #expect(a == b, "\(decision)")
        }
    }
}
