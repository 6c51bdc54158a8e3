import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// What a batch's assessor shares between the timelines of its profiles (fixings, shapes of splits, requirements)
/// changes no estimate: each profile gives what a fresh assessor gives it alone, met first or again.
@Suite(.serialized) struct TimelineSharedTests {
    static let rules: RuleSet = try! RuleSet.load(directory: Fixtures.bundledRules)
    static let asOf = "2026-12-03"

    /// Samples with answers made unknown: settled routes whose timeline tables read an open answer (the evaluation
    /// with the route fixed), open routes (an estimate per route alternative) and settled timelines.
    static func profiles() throws -> [(String, Answers)] {
        let variants: [String: [String]] = [
            "home-blood-pressure-monitor.xml": ["", "productForm", "invasiveness", "novelty", "deviceClass"],
            "drug-eluting-coronary-stent.xml": ["", "clinicalDataNeeded", "novelty"],
            "certified-device-change.xml": ["", "changeType", "touchesApprovedItems"],
            "dialyser-membrane-change.xml": ["", "newOrIncreasedRisk", "changeEffectEstimable"],
            "glucose-test-strip.xml": ["", "genericNameExists", "intendedPurpose"],
            "surgical-robot.xml": ["", "referenceMarket", "novelty"],
        ]
        var profiles: [(String, Answers)] = []
        for (file, unknowns) in variants.sorted(by: { $0.key < $1.key }) {
            let answers = try AnswersFile.load(Fixtures.bundledRules + "/../Samples/\(file)", rules: rules)
            for unknown in unknowns {
                var varied = answers
                if !unknown.isEmpty { varied[unknown] = .unknown }
                profiles.append(("\(file) \(unknown)", varied))
            }
        }
        return profiles
    }

    static func described(_ a: Assessment) -> [String] {
        func refs(_ estimate: TimelineEstimate?) -> String {
            guard let plan = estimate?.plan else { return "-" }
            func ref(_ r: TimelinePlan.RuleRef?) -> String { r.map { "\($0.decision) \($0.row) \($0.id ?? "")" } ?? "-" }
            return (plan.stages.map { ref($0.rule) + " / " + $0.chosenBy.map(ref).joined(separator: ", ") } + plan.assumptions.map(ref))
                .joined(separator: "; ")
        }
        return ["\(a.value("timeline"))", refs(a.timeline)]
            + a.alternatives.map { "\($0.timeline?.contractValue.description ?? "-") \(refs($0.timeline))" }
    }

    @Test func aBatchAssessorGivesEachProfileTheTimelineOfAFreshOne() throws {
        let shared = Assessor(rules: Self.rules, manyProfiles: true)
        let profiles = try Self.profiles()
        var routeAlternatives = 0
        // Twice through: the second meets every fixing and shape already made.
        for round in 0..<2 {
            for (name, answers) in profiles {
                let fresh = Assessor(rules: Self.rules).assess(answers, asOf: Self.asOf)
                let batch = shared.assess(answers, asOf: Self.asOf)
                #expect(Self.described(batch) == Self.described(fresh), "\(name), round \(round)")
                if round == 0, fresh.alternatives.contains(where: { $0.timeline != nil }) { routeAlternatives += 1 }
            }
        }
        #expect(routeAlternatives > 0, "profiles with a timeline per route alternative")
    }

    @Test(arguments: [Language.en, Language.ja])
    func aBatchLineEqualsTheLineOfAFreshAssessor(language: Language) throws {
        let batch = BatchAssessment(rules: Self.rules, asOf: Self.asOf, language: language)
        let shared = Assessor(rules: Self.rules, manyProfiles: true)
        for (name, answers) in try Self.profiles() + Self.profiles() {
            let profile = BatchProfile(id: name, file: name, row: nil) { _ throws(AdvisorError) in answers }
            let fresh = Result { () throws(AdvisorError) in try batch.assessed(answers, profile, Assessor(rules: Self.rules)) }
            let reused = Result { () throws(AdvisorError) in try batch.assessed(answers, profile, shared) }
            #expect(String(describing: reused.map { String(decoding: $0, as: UTF8.self) })
                        == String(describing: fresh.map { String(decoding: $0, as: UTF8.self) }), "\(name)")
        }
    }

    @Test func aSharedFixingIsTheOneTheModelGives() {
        let shared = TimelineShared(model: Self.rules.model, manyProfiles: true)
        for key in Assessment.routeKeys.sorted() + ["schemes", "qms.auditRequired"] {
            for _ in 0..<2 {
                let made = TimelineEstimator.Fixing(key, in: Self.rules.model)
                let found = shared.fixing(key)
                #expect(found.member == made.member, "\(key)")
                #expect(found.producers.map { "\($0.name) \($0.whole)" } == made.producers.map { "\($0.name) \($0.whole)" }, "\(key)")
            }
        }
    }

    @Test func sharedRequirementsAreTheModelsAndOnlyForManyProfiles() {
        let model = Self.rules.model
        #expect(TimelineShared(model: model).requirements() == nil)
        let listed = TimelineShared(model: model, manyProfiles: true).requirements()?.map { "\($0.name) \($0.requires)" }
        #expect(listed == TimelineEstimator.Reuse.requirements(in: model).map { "\($0.name) \($0.requires)" })
        #expect(listed?.count == model.decisionsInDependencyOrder.count)
    }
}
