import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// Route alternatives that differ only in members of the route no downstream decision reads share one estimate:
/// the scan must see every other use of the route as a whole read, and the shared estimates must be those of
/// evaluating each alternative's whole graph.
@Suite(.serialized) struct MemberReadsTests {
    @Test(arguments: [
        ("pathway.reviewCategory = \"new\"", false), ("pathway.pathway in (\"approval\")", false),
        ("x.pathway + timelinePathway + pathways", false),
        ("pathway", true), ("f(pathway)", true), ("pathway .reviewCategory", true), ("pathway[1]", true),
        ("\"pathway\"", true), ("get value(pathway, \"mahLicence\")", true),
    ])
    func aNameNotFollowedByADotIsReadWhole(text: String, whole: Bool) {
        #expect(MemberReads.readsWhole("pathway", in: text) == whole)
    }

    @Test func theTimelineTablesReadTheCategoryButNotTheLicence() throws {
        let model = TimelineTests.rules.model
        let readers = model.decisionsInDependencyOrder.filter {
            $0.name.hasPrefix(TimelinePlan.Decision.stages) && $0.requiredDecisions.contains { model.decision(id: $0.id)?.name == "pathway" }
        }
        let text = try #require(MemberReads.text(of: readers))
        #expect(!readers.isEmpty && !MemberReads.readsWhole("pathway", in: text))
        #expect(text.contains("reviewCategory") && !text.contains("mahLicence"))
    }

    @Test func fixingsDifferingOnlyInUnreadMembersAreAlike() {
        func route(_ category: String, _ licence: String, reversed: Bool = false) -> [String: FEELValue] {
            let entries: [(String, FEELValue)] = [("pathway", .string("approval")), ("reviewCategory", .string(category)),
                                                  ("mahLicence", .string(licence))]
            return ["pathway": .context(FEELContext(reversed ? entries.reversed() : entries))]
        }
        let text = "pathway.pathway = \"approval\" and pathway.reviewCategory in (\"new\")"
        let isRead = { (_: String, member: String) in MemberReads.mentions(text, member) }
        #expect(MemberReads.alike(route("new", "first-class"), route("new", "second-class"), whole: [], isRead: isRead))
        #expect(!MemberReads.alike(route("new", "first-class"), route("generic", "first-class"), whole: [], isRead: isRead))
        // Read whole, the order of the entries counts too.
        #expect(!MemberReads.alike(route("new", "first-class"), route("new", "first-class", reversed: true), whole: ["pathway"], isRead: isRead))
        #expect(!MemberReads.alike(route("new", "first-class"), route("new", "second-class"), whole: ["pathway"], isRead: isRead))
        // A Kelvin sign spells K: a name with a K is looked for as Swift compares strings.
        #expect(MemberReads.mentions("x.\u{212A}ind", "Kind") && !MemberReads.mentions("x.kind", "Kind"))
    }

    /// Every route alternative of the empty answers and of each sample with a route-deciding answer unknown: the
    /// estimate the shared `Reuse` gives (made or handed on) is the one of evaluating the whole graph.
    @Test func sharedEstimatesEqualWholeEvaluations() throws {
        let rules = TimelineTests.rules
        var cases: [Answers] = [Answers()]
        for file in try FileManager.default.contentsOfDirectory(atPath: Fixtures.bundledRules + "/../Samples").sorted() where file.hasSuffix(".xml") {
            for unknown in ["productForm", "deviceClass", "novelty"] {
                var answers = try AnswersFile.load(Fixtures.bundledRules + "/../Samples/\(file)", rules: rules)
                answers[unknown] = try AnswersFile.parse(name: unknown, text: "?", unknown: true, rules: rules)
                cases.append(answers)
            }
        }
        let estimator = TimelineEstimator(rules: rules)
        let date = try #require(FEELDate(iso8601: TimelineTests.asOf))
        var compared = 0
        for answers in cases {
            let a = Assessor(rules: rules).assess(answers, asOf: TimelineTests.asOf)
            let routes = a.alternatives.filter { $0.outcome.contains { Assessment.routeKeys.contains($0.key) } }
            let keys = Assessment.routeKeys.union(routes.flatMap { $0.outcome.map(\.key) })
            let inputs = a.answers.inputValues
            let reuse = TimelineEstimator.Reuse(inputs: inputs, model: rules.model, keys: keys)
            for alternative in routes {
                var contract: [String: FEELValue] = [:]
                for key in Assessment.routeKeys where a.value(key) != .null { contract[key] = a.value(key) }
                for (key, value) in alternative.outcome { contract[key] = value }
                let whole = estimator.estimate(contractValues: contract, inputs: inputs, asOf: date, base: a.evaluation.values).0
                let shared = estimator.estimate(contractValues: contract, asOf: date, base: a.evaluation.values, reusing: reuse)
                #expect(Self.described(shared) == Self.described(whole))
                compared += 1
            }
        }
        #expect(compared > 100, "route alternatives compared")
    }

    /// The figures, stages and every rule reference of an estimate, or its problem.
    static func described(_ result: Result<TimelineEstimate, TimelinePlan.Problem>) -> String {
        switch result {
        case .failure(let problem): return "\(problem)"
        case .success(let estimate):
            func ref(_ r: TimelinePlan.RuleRef?) -> String { r.map { "\($0.decision) \($0.row) \($0.id ?? "") \($0.source ?? "")" } ?? "-" }
            let plan = estimate.plan
            return "\(estimate.contractValue)\n" + (plan.stages.map { ref($0.rule) + " / " + $0.chosenBy.map(ref).joined(separator: ", ") }
                + plan.assumptions.map(ref)).joined(separator: "\n")
        }
    }
}
