import Foundation
import Testing
@testable import Advisor

/// Rules/preparation.xml: its lint, and what it gives a report for the samples.
@Suite struct PreparationTests {
    static let rules: RuleSet = try! RuleSet.load(directory: Fixtures.bundledRules)

    func assess(_ sample: String) throws -> Assessment {
        let answers = try AnswersFile.load(Fixtures.bundledRules + "/../Samples/\(sample).xml", rules: Self.rules)
        return Assessor(rules: Self.rules).assess(answers, asOf: "2026-12-03")
    }

    func lint(_ edit: (String) -> String) throws -> [Finding] {
        let folder = Fixtures.temporaryFile("rules")
        try FileManager.default.copyItem(atPath: Fixtures.bundledRules, toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/" + Preparation.fileName
        try edit(try String(contentsOfFile: file, encoding: .utf8)).write(toFile: file, atomically: true, encoding: .utf8)
        let edited = try RuleSet.load(directory: folder)
        return PreparationChecks(preparation: edited.preparation, model: edited.model, outcomes: edited.outcomes, citations: edited.citations,
                                 file: file).findings()
    }

    @Test func everyConsultationAndRouteIsCovered() throws {
        let findings = try lint { $0 }
        #expect(findings.isEmpty, "\(findings)")
        let consultations = Set(Self.rules.outcomes.keys["consultations"]?.values.keys.map { $0 } ?? [])
        #expect(!consultations.isEmpty)
        #expect(consultations == Set(Self.rules.preparation.consultations.keys))
    }

    @Test func aConsultationWithoutEntryIsAnError() throws {
        let findings = try lint { $0.replacingOccurrences(of: "<consultation name=\"mediso\"", with: "<consultation name=\"medisoX\"") }
        #expect(findings.contains { $0.message.contains("consultation 'mediso' (outcomes.xml) has no <consultation> entry") })
        #expect(findings.contains { $0.message.contains("'medisoX' is not a consultation of outcomes.xml") })
    }

    @Test func aRouteWithoutChecklistAndABadConditionAreErrors() throws {
        let findings = try lint { $0.replacingOccurrences(of: "when=\"pathway=notification\"", with: "when=\"pathway=notify\"") }
        #expect(findings.contains { $0.message == "route 'notification' has no document checklist" })
        #expect(findings.contains { $0.message.contains("'notify' is not a value of 'pathway'") })
    }

    @Test func anUnknownCitationIsAnError() throws {
        let findings = try lint { $0.replacingOccurrences(of: "<source cite=\"mhlw-mediso\">", with: "<source cite=\"mhlw-medisoo\">") }
        #expect(findings.contains { $0.code == "unknown-citation" && $0.message.contains("'mhlw-medisoo'") })
    }

    @Test func approvalWithClinicalDataGetsSTEDAndClinicalItems() throws {
        let a = try assess("drug-eluting-coronary-stent")
        let lists = Self.rules.preparation.checklists(for: a)
        #expect(lists.map(\.name).contains("approval"))
        let items = lists.first { $0.name == "approval" }?.items.map { $0.text.text(.ja) } ?? []
        #expect(items.contains { $0.hasPrefix("2. 基本要件基準への適合性") })
        #expect(items.contains { $0.contains("治験") })
        #expect(!items.contains { $0.contains("既存のデータ（文献、類似医療機器）による臨床評価") })
    }

    @Test func certificationGetsItsChecklistNotApprovals() throws {
        let names = Self.rules.preparation.checklists(for: try assess("home-blood-pressure-monitor")).map(\.name)
        #expect(names.contains("certification"))
        #expect(!names.contains("approval"))
    }

    @Test func openQuestionsGoToTheirConsultation() throws {
        let a = try assess("headache-questionnaire-app")
        let p = Self.rules.preparation
        #expect(p.openQuestion("clinicalDataNeeded", in: a, questionText: "", .en)?.consultation == "clinical-trial-necessity")
        // Qualification of software goes to the SaMD window, of hardware to the prefecture.
        #expect(p.openQuestion("intendedPurpose", in: a, questionText: "", .en)?.consultation == "samd-window")
        let hardware = try assess("home-blood-pressure-monitor")
        #expect(p.openQuestion("intendedPurpose", in: hardware, questionText: "", .en)?.consultation == "prefecture-pharmaceutical-affairs")
        let fallback = p.openQuestion("usAuthorised", in: a, questionText: "Q?", .en)
        #expect(fallback?.consultation == "medical-device-simple-consultation")
        #expect(fallback?.ask.hasSuffix("on what evidence?") == true)
    }
}
