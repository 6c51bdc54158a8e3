import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// The trace reads a collecting table (schemes, consultations, the timeline's stages) without listing every
/// combination of its items: its value from the first two combinations found, the answers it depends on from its
/// items. Both must be what every combination says, the slow reference kept here.
@Suite struct ListDependencyTests {
    static let asOf = "2026-12-04"

    /// Per collecting table: whether the trace's value and dependencies equal those of every combination, and
    /// whether the open answers left it several values.
    static func compare(_ answers: Answers, _ rules: RuleSet) -> (problems: [String], several: Int) {
        let dated = answers.dated(asOf, rules: rules)
        let evaluation = Assessor(rules: rules).evaluator.evaluate(OpenFacts.states(dated, rules: rules))
        let facts = OpenFacts(rules: rules, evaluation: evaluation)
        let (trace, openness) = facts.trace()
        var problems: [String] = []
        var several = 0
        for decision in rules.model.decisionsInDependencyOrder where evaluation.listValues(decision.name) != nil {
            let options = evaluation.possible(decision.name)
            if options.count > 1 { several += 1 }
            let value = OpenFacts.settled(options) ?? .null
            if trace.values[decision.name] != value {
                problems.append("\(decision.name): value \(trace.values[decision.name]?.description ?? "-"), every combination \(value)")
            }
            var names: Set<String> = []
            if options.count > 1 || options.contains(where: { !$0.loose.isEmpty || !evaluation.isCertain($0.condition) }) {
                for option in options {
                    names.formUnion(evaluation.inputs(of: option.condition))
                    names.formUnion(option.loose)
                }
            }
            let traced = Set(openness[decision.name]?.dependsOn ?? [])
            if traced != names {
                problems.append("\(decision.name): depends on \(traced.sorted()), every combination \(names.sorted())")
            }
        }
        return (problems, several)
    }

    /// Each sample as a batch reads it (unanswered questions open), with every answer unknown in turn.
    @Test(arguments: RuleContentTests.sampleFiles.map { ($0 as NSString).lastPathComponent })
    func samplesWithEachAnswerUnknown(sample: String) throws {
        let rules = try RuleContentTests.rules()
        let answers = try AnswersFile.load(Fixtures.sample(sample), rules: rules)
        var several = 0
        for name in [nil] + answers.order.map(Optional.some) {
            var given = answers
            if let name { given[name] = .unknown }
            let found = Self.compare(given, rules)
            several += found.several
            #expect(found.problems.isEmpty, "\(sample) \(name.map { "\($0)=?" } ?? ""): \(found.problems.joined(separator: "; "))")
        }
        #expect(several > 0, "no collecting table was left several values in \(sample)")
    }

    @Test func emptyAnswerFile() throws {
        let rules = try RuleContentTests.rules()
        let found = Self.compare(Answers(), rules)
        #expect(found.problems.isEmpty, "\(found.problems.joined(separator: "; "))")
        #expect(found.several == 3, "schemes, consultations and the timeline's stages are all open with every answer open")
    }
}
