import Foundation
import Testing

/// Issue 10's examples, run as a user would.
@Suite struct OpenFactsCommandTests {
    static let bp = "Samples/home-blood-pressure-monitor.xml"

    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try CLI.run(["assess", "--no-input", "--format", "json", "--as-of", "2026-11-25"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    func alternatives(_ json: [String: Any]) -> [[String: Any]] { json["alternatives"] as? [[String: Any]] ?? [] }

    @Test func aRouteEveryOpenAnswerAgreesOnIsStated() throws {
        // Class II, no certification standard, novelty unknown: approval whatever the novelty.
        let j = try json(["--answers", Self.bp, "--set", "certificationStandardExists=false", "--set", "novelty=?"])
        #expect(j["pathway"] as? String == "approval")
        #expect(j["reviewBody"] as? String == "pmda")
        #expect(j["reviewCategory"] is NSNull)
        let categories = Set(alternatives(j).compactMap { $0["reviewCategory"] as? String })
        #expect(categories.isSuperset(of: ["new", "improved-with-clinical", "generic"]))
        #expect(alternatives(j).allSatisfy { $0["pathway"] == nil })
        let pathway = (j["trace"] as? [[String: Any]])?.first { $0["decision"] as? String == "pathway" }
        #expect((pathway?["independentOf"] as? [String])?.isEmpty == false)
        let text = try CLI.run(["assess", "--no-input", "--answers", Self.bp, "--set", "certificationStandardExists=false", "--set", "novelty=?"])
        #expect(text.stdout.contains("  Market-entry route: Approval (製造販売承認)"))
    }

    @Test func aClassTheOpenAnswersDisagreeOnIsNeverStated() throws {
        let args = ["--answers", "Samples/ai-image-diagnosis-software.xml", "--set", "informationSignificance=?", "--set", "healthcareSituation=?"]
        let j = try json(args)
        #expect(j["deviceClass"] is NSNull)
        #expect(j["mahLicence"] is NSNull)
        let classes = Set(alternatives(j).compactMap { ($0["deviceClass"] as? NSNumber)?.intValue })
        // Class II or III by the IMDRF estimate; a critical condition is left to the SaMD window (no class).
        #expect(classes == [2, 3])
        let text = try CLI.run(["assess", "--no-input"] + args)
        #expect(!text.stdout.contains("  Device class: Class II (管理医療機器)\n"))
        #expect(text.stdout.contains("  Device class: not determined ("))
        #expect(text.stdout.contains("Class III"))
    }

    @Test func aCertificationStandardImpliesAGenericName() throws {
        let j = try json(["--answers", Self.bp, "--set", "genericNameExists=?"])
        #expect(j["pathway"] as? String == "certification")
        #expect((j["openQuestions"] as? [String])?.contains("genericNameExists") == false)
        #expect(alternatives(j).allSatisfy { $0["pathway"] == nil })
    }

    @Test func anAnswerContradictingAnImplicationIsAnErrorNamingBoth() throws {
        let result = try CLI.run(["assess", "--no-input", "--answers", Self.bp, "--set", "genericNameExists=false"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("genericNameExists = No"))
        #expect(result.stderr.contains("contradicts certificationStandardExists = yes"))
        let jmdn = try CLI.run(["assess", "--no-input", "--answers", Self.bp, "--set", "jmdnCode=16173000",
                                "--set", "certificationStandardExists=false", "--lang", "ja"])
        #expect(jmdn.status == 2)
        #expect(jmdn.stderr.contains("certificationStandardExists = いいえ は jmdnCode = 16173000 と矛盾します"))
    }

    @Test func possibleSchemesAreListedWithTheirConditions() throws {
        // SAKIGAKE criteria partly met (first filing in Japan, markedly better), the disease and the principle open.
        let args = ["--answers", "Samples/ai-image-diagnosis-software.xml", "--set", "seriousDisease=?", "--set", "innovativePrinciple=?",
                    "--set", "firstOrSimultaneousFilingJapan=true", "--set", "noAlternativeOrMarkedlySuperior=true"]
        let j = try json(args)
        let possible = j["possibleSchemes"] as? [[String: Any]] ?? []
        let sakigake = try #require(possible.first { $0["scheme"] as? String == "sakigake" })
        let when = sakigake["when"] as? [[String: Any]] ?? []
        #expect(when.contains { $0["seriousDisease"] as? Bool == true && $0["innovativePrinciple"] as? Bool == true })
        #expect(!(j["schemes"] as? [String] ?? []).contains("sakigake"))
        let text = try CLI.run(["assess", "--no-input"] + args)
        #expect(text.stdout.contains("  Possible schemes (not certain):\n"))
        #expect(text.stdout.contains("SAKIGAKE designation (先駆的医療機器) — if seriousDisease = yes"))
    }

    @Test func aConsultProcedureNamesItsDefaultAndTheConsultationThatConfirmsIt() throws {
        let args = ["--answers", "Samples/dialyser-membrane-change.xml", "--set", "changeType=manufacturing-site", "--set", "newOrIncreasedRisk=false"]
        let j = try json(args)
        let change = try #require(j["change"] as? [String: Any])
        #expect(change["procedure"] as? String == "consult")
        #expect(change["default"] as? String == "partial-change-approval")
        #expect(change["confirmWith"] as? String == "change-pre-check")
        let settled = try json(["--answers", "Samples/dialyser-membrane-change.xml"])
        #expect((settled["change"] as? [String: Any])?["default"] is NSNull)
        let text = try CLI.run(["assess", "--no-input", "--lang", "en"] + args)
        #expect(text.stdout.contains("  Procedure to follow until confirmed: Partial change approval application"))
        #expect(text.stdout.contains("  Consultation that confirms the procedure: PMDA pre-check simple consultation"))
    }

    @Test func anEmptyAnswerFileListsEveryOutcomeCompactly() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("empty.xml")
        try "<?xml version=\"1.0\"?>\n<answers xmlns=\"urn:yakuji:answers:1\"/>\n".write(to: file, atomically: true, encoding: .utf8)
        let j = try json(["--answers", file.path])
        #expect(j["regulatoryCategory"] is NSNull)
        let categories = Set(alternatives(j).compactMap { $0["regulatoryCategory"] as? String })
        #expect(categories == ["medical-device", "not-a-device", "regenerative-medicine-product", "in-vitro-diagnostic", "drug",
                               "veterinary", "welfare-equipment", "consult"])
        // Route conditions name the open class instead of every answer behind it.
        let routes = alternatives(j).filter { $0["pathway"] as? String == "notification" }
        #expect(routes.contains { ($0["when"] as? [[String: Any]] ?? []).contains { ($0["deviceClass"] as? NSNumber)?.intValue == 1 } })
    }
}
