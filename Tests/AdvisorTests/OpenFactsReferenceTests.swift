import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// Issue 15 item 1: the evaluation over open answers gives what a plain exhaustive exploration gives — the same
/// settled keys, the same alternatives with conditions that hold in exactly their combinations, the same possible
/// schemes and consultations — for every sample with every single answer unknown, and for pairs of unknowns.
@Suite struct OpenFactsReferenceTests {
    static let asOf = "2026-11-25"

    /// Every input the answers lack set to null, so that only the answers made unknown are open.
    static func closed(_ answers: Answers, _ rules: RuleSet) -> Answers {
        var closed = answers
        for input in rules.model.inputs where answers[input.name] == nil && input.name != Assessor.dateInput {
            closed[input.name] = .value(.null)
        }
        return closed
    }

    static func openable(_ rules: RuleSet) -> [String] {
        rules.model.inputs.map(\.name).filter { $0 != Assessor.dateInput && rules.questions[$0]?.unknownIsFinal != true }
    }

    static func check(_ answers: Answers, open: [String], _ rules: RuleSet) -> [String] {
        var unknown = answers
        for name in open { unknown[name] = .unknown }
        let assessment = Assessor(rules: rules).assess(unknown, asOf: asOf)
        let worlds = ExhaustiveReference(rules: rules).worlds(unknown.dated(asOf, rules: rules), open: open)
        return ExhaustiveReference.differences(assessment, worlds)
    }

    @Test(arguments: RuleContentTests.sampleFiles.map { ($0 as NSString).lastPathComponent })
    func everySingleUnknown(sample: String) throws {
        let rules = try RuleContentTests.rules()
        let answers = Self.closed(try AnswersFile.load(Fixtures.sample(sample), rules: rules), rules)
        for name in Self.openable(rules) {
            let problems = Self.check(answers, open: [name], rules)
            #expect(problems.isEmpty, "\(sample) \(name)=?: \(problems.joined(separator: "; "))")
        }
    }

    /// Pairs of answers that feed the same decisions, and pairs across stages.
    static let pairs: [(sample: String, open: [String])] = [
        ("home-blood-pressure-monitor.xml", ["certificationStandardExists", "novelty"]),
        ("home-blood-pressure-monitor.xml", ["productForm", "invasiveness"]),
        ("home-blood-pressure-monitor.xml", ["genericNameExists", "conformsToCertificationStandard"]),
        ("ai-image-diagnosis-software.xml", ["informationSignificance", "healthcareSituation"]),
        ("ai-image-diagnosis-software.xml", ["softwareFunction", "malfunctionAffectsHealth"]),
        ("orphan-device.xml", ["targetPatientsJapan", "seriousDisease"]),
        ("orphan-device.xml", ["noAlternativeOrMarkedlySuperior", "usAuthorised"]),
        ("certified-device-change.xml", ["changeType", "currentRoute"]),
        ("dialyser-membrane-change.xml", ["newOrIncreasedRisk", "changeEffectEstimable"]),
        ("qms-certificate-renewal.xml", ["currentRoute", "qmsCertificateIssuedDate"]),
        ("surgical-robot.xml", ["isActive", "activeFunction"]),
        ("drug-eluting-coronary-stent.xml", ["invasiveness", "contactSite"]),
        ("wellness-app.xml", ["intendedPurpose", "softwareFunction"]),
        ("glucose-test-strip.xml", ["isIvdReagent", "targetSpecies"]),
    ]

    @Test(arguments: pairs.indices)
    func pairsOfUnknowns(index: Int) throws {
        let rules = try RuleContentTests.rules()
        let pair = Self.pairs[index]
        let answers = Self.closed(try AnswersFile.load(Fixtures.sample(pair.sample), rules: rules), rules)
        let problems = Self.check(answers, open: pair.open, rules)
        #expect(problems.isEmpty, "\(pair.sample) \(pair.open): \(problems.joined(separator: "; "))")
    }
}
