import DecisionModel
import Foundation
import Testing
@testable import Advisor

@Suite struct GlossaryTests {
    static func rules() throws -> RuleSet { try RuleSet.load(directory: Fixtures.bundledRules) }

    @Test func everyTermAndEveryInputHasTextInBothLanguages() throws {
        let rules = try Self.rules()
        #expect(rules.glossary.terms.count >= 60)
        for term in rules.glossary.terms {
            for language in Language.allCases {
                #expect(term.name[language]?.isEmpty == false, "\(term.id): \(language.rawValue) name")
                #expect(term.definition[language]?.isEmpty == false, "\(term.id): \(language.rawValue) definition")
            }
            #expect(!term.source.isEmpty, "\(term.id): source")
        }
        for input in rules.model.inputs {
            let question = try #require(rules.questions[input.name], "\(input.name) has a question")
            for language in Language.allCases {
                #expect(question.prompt[language]?.isEmpty == false, "\(input.name): \(language.rawValue) prompt")
                #expect(question.help[language]?.isEmpty == false, "\(input.name): \(language.rawValue) help")
            }
        }
    }

    @Test func appendixBTermsAreThere() throws {
        let glossary = try Self.rules().glossary
        for name in ["薬機法", "一般的名称", "認証基準", "承認基準", "軽微変更届", "一変", "基準適合証", "公知", "IDATEN", "PMDA",
                     "certification standard", "minor change notification"] {
            #expect(glossary.term(named: name) != nil, "\(name)")
        }
        #expect(glossary.term(named: "一変")?.id == "partial-change-approval")
        #expect(glossary.term(named: "ＪＭＤＮ")?.id == "generic-name", "full-width letters fold")
    }

    @Test func searchFindsNamesBeforeDefinitions() throws {
        let glossary = try Self.rules().glossary
        #expect(glossary.search("certification standard").first?.id == "certification-standard")
        #expect(glossary.search("ninshō").map(\.id).contains("certification-standard"), "by reading")
        let byDefinition = glossary.search("30 days").map(\.id)
        #expect(byDefinition.contains("minor-change-notification"))
        #expect(glossary.search("zzzz").isEmpty)
    }

    @Test func aTextUsesTheLongestTermsOnly() throws {
        let glossary = try Self.rules().glossary
        let ids = glossary.mentioned(in: "一部変更承認を申請するか、軽微変更届で足りるかを確認します。").map(\.id)
        #expect(ids == ["partial-change-approval", "minor-change-notification"], "承認 inside 一部変更承認 is not the approval term")
        let english = glossary.mentioned(in: "Ask PMDA whether a certification standard applies; PMDAs differ.").map(\.id)
        #expect(english.contains("pmda") && english.contains("certification-standard"))
        #expect(!glossary.mentioned(in: "QMSX").contains { $0.id == "qms-ordinance" }, "whole words only")
    }

    @Test func questionnaireHelpListsTheTermsItUses() throws {
        let rules = try Self.rules()
        let help = rules.questions["certificationStandardExists"]?.help.text(.ja) ?? ""
        let lines = GlossaryLinks.lines(for: [help], glossary: rules.glossary, language: .ja)
        #expect(lines.first?.hasPrefix("用語") == true)
        #expect(lines.contains { $0.contains("認証基準 (certification standard) [certification-standard]") })
    }

    @Test func rulesCheckFindsNoGlossaryProblemInTheBundledRules() throws {
        let findings = RulesChecker(directory: Fixtures.bundledRules, asOf: FEELDate(iso8601: "2026-12-03")!).check()
        #expect(!findings.contains { $0.code.hasPrefix("glossary") || ($0.file.hasSuffix("glossary.xml") && $0.severity == .error) },
                "\(findings.filter { $0.file.hasSuffix("glossary.xml") })")
    }

    @Test func rulesCheckReportsAMissingLanguageAndABrokenLink() throws {
        let folder = try copyOfMiniRules()
        let glossary = """
        <glossary xmlns="urn:yakuji:glossary:1">
          <term id="box"><name lang="ja">箱</name><name lang="en">box</name>
            <definition lang="en">A box.</definition><source>Test source</source>
            <see input="nosuchinput"/><see outcome="nosuchkey"/></term>
        </glossary>
        """
        try glossary.write(toFile: folder + "/glossary.xml", atomically: true, encoding: .utf8)
        let findings = RulesChecker(directory: folder, asOf: FEELDate(iso8601: "2026-12-03")!).check()
        #expect(findings.contains { $0.code == "missing-translation" && $0.message.contains("'box' has no ja definition") })
        #expect(findings.filter { $0.code == "glossary-link" }.count == 2)
        #expect(findings.contains { $0.code == "glossary-decision" && $0.severity == .warning })
    }

    func copyOfMiniRules() throws -> String {
        let folder = Fixtures.temporaryFile("rules")
        try FileManager.default.copyItem(atPath: Fixtures.miniRules, toPath: folder)
        let schema = Fixtures.bundledRules + "/schema/glossary.xsd"
        try FileManager.default.createDirectory(atPath: folder + "/schema", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: schema, toPath: folder + "/schema/glossary.xsd")
        return folder
    }
}
