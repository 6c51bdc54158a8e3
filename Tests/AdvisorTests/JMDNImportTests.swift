import DecisionModel
import Foundation
import Testing
@testable import Advisor
import TestScratch

@Suite struct JMDNImportTests {
    static let csv = """
    一般的名称コード,一般的名称,英名,クラス分類,特定保守管理医療機器,認証基準,承認基準,出典
    44127010,医薬品・ワクチン注入用針,"Needle, drug/vaccine injection",II,,○,,"PMDA JMDN list"
    16173010,"自動電子血圧計","Automatic electronic sphygmomanometer",2,0,1,0,告示第112号
    """

    @Test func csvWithJapaneseHeadersQuotesAndBooleans() throws {
        let entries = try JMDNImport.entries(csv: Self.csv, file: "list.csv")
        #expect(entries.count == 2)
        #expect(entries[0] == JMDNImport.Entry(code: "44127010", nameJa: "医薬品・ワクチン注入用針", nameEn: "Needle, drug/vaccine injection",
                                              deviceClass: 2, speciallyMaintained: false, certificationStandard: true,
                                              approvalStandard: false, source: "PMDA JMDN list"))
        #expect(entries[1].certificationStandard == true)
    }

    @Test func badRowsAreReportedByLineAndNothingIsImported() {
        let bad = """
        code,nameJa,class
        4412701,short code,II
        44127010,ok,V
        44127010,dup,II
        16173010,ok,II
        16173010,again,II
        """
        do {
            _ = try JMDNImport.entries(csv: bad, file: "bad.csv")
            Issue.record("bad rows must stop the import")
        } catch {
            #expect(error.problems.map(\.line) == [2, 3, 4, 6])
            #expect(error.problems[0].message.contains("8-digit"))
            #expect(error.problems[2].message.contains("already on line 3"))
            #expect(error.problems[3].message.contains("already on line 5"))
        }
    }

    @Test func missingColumnsAreNamed() {
        #expect(throws: AdvisorError.self) { try JMDNImport.entries(csv: "code,foo\n44127010,x\n", file: "x.csv") }
    }

    @Test func generatedTableLoadsAndIsSearchable() throws {
        let entries = try JMDNImport.entries(csv: Self.csv, file: "list.csv")
        let dir = TestScratch.path("jmdn")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try """
        <?xml version="1.0"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" namespace="urn:t" name="inputs">
          <inputData id="i_jmdnCode" name="jmdnCode"><variable name="jmdnCode" typeRef="string"/></inputData>
        </definitions>
        """.write(to: dir.appendingPathComponent("inputs.dmn"), atomically: true, encoding: .utf8)
        try JMDNImport.dmn(entries, importedFrom: "list.csv", on: "2026-11-25")
            .write(to: dir.appendingPathComponent("jmdn.dmn"), atomically: true, encoding: .utf8)
        try """
        <?xml version="1.0"?>
        <questions xmlns="urn:yakuji:questions:1">
          <question input="jmdnCode" unknown="derive" lookup="jmdn"><prompt lang="en">Code?</prompt><source>x</source></question>
        </questions>
        """.write(to: dir.appendingPathComponent("questions.xml"), atomically: true, encoding: .utf8)
        let rules = try RuleSet.load(directory: dir.path)
        let table = try #require(LookupTable(rules: rules, input: "jmdnCode"))
        #expect(table.entries.count == 2)
        #expect(table.search("血圧").map(\.value) == ["16173010"])
        #expect(table.search("BLOOD").isEmpty)
        #expect(table.search("sphygmomanometer automatic").map(\.value) == ["16173010"])
        #expect(table.search("44127010").first?.field("jmdnClass") == .number(2))
        let result = DMNEvaluator(model: rules.model).evaluate(["jmdnCode": .string("44127010")])
        guard case .context(let c)? = result.values["jmdn"] else { Issue.record("jmdn is a context"); return }
        #expect(c["jmdnCertificationStandard"] == .boolean(true))
        #expect(JMDNListing.line(table.entries[0], .en, outcomes: rules.outcomes).contains("Class II"))
    }
}

@Suite struct JMDNRoundTripTests {
    @Test func bundledTableSurvivesExportAndImport() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        let table = try #require(LookupTable(rules: rules, input: "jmdnCode"))
        #expect(table.entries.count >= 150, "issue 4 asks for at least 150 generic names")
        let csv = JMDNImport.csv(table)
        let entries = try JMDNImport.entries(csv: csv, file: "export.csv")
        #expect(entries.count == table.entries.count)
        // Rebuild the table in a copy of the rules and compare entry by entry.
        let dir = try RulesCheckerTests.copy()
        try JMDNImport.dmn(entries, importedFrom: "export.csv", on: "2026-11-25")
            .write(to: dir.appendingPathComponent("jmdn.dmn"), atomically: true, encoding: .utf8)
        let rebuilt = try #require(LookupTable(rules: try RuleSet.load(directory: dir.path), input: "jmdnCode"))
        #expect(rebuilt.entries.map(\.value) == table.entries.map(\.value))
        for (a, b) in zip(rebuilt.entries, table.entries) {
            #expect(a.fields.map(\.value) == b.fields.map(\.value), "\(a.value)")
            #expect(a.annotations.map(\.text) == b.annotations.map(\.text), "\(a.value)")
        }
    }

    @Test func generatedScenariosPassAndCoverEveryRow() throws {
        let dir = try RulesCheckerTests.copy()
        let rules = try RuleSet.load(directory: dir.path)
        let table = try #require(LookupTable(rules: rules, input: "jmdnCode"))
        let entries = try JMDNImport.entries(csv: JMDNImport.csv(table), file: "export.csv")
        let text = JMDNImport.scenarios(entries, answersHref: "../../Samples/home-blood-pressure-monitor.xml",
                                        importedFrom: "a--b.csv", on: "2026-11-25",
                                        keeping: JMDNImport.keepingAnswers(entries, rules: rules))
        #expect(!text.contains("a--b"), "a file name with -- must not break the XML comment")
        let file = dir.appendingPathComponent("tests/generated.xml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let report = try ScenarioRunner(rules: rules).run(files: [file.path])
        #expect(report.scenarios == entries.count)
        #expect(report.failures.isEmpty, "\(report.failures)")
        let jmdnRows = report.allRows.filter { $0.decision == "jmdn" }
        #expect(jmdnRows.count == entries.count)
        #expect(jmdnRows.allSatisfy(report.hitRows.contains))
    }

    @Test func unconfirmedFlagsStayNull() throws {
        let entries = try JMDNImport.entries(csv: "code,nameJa,class,certificationStandard\n12345678,x,II,?\n", file: "q.csv")
        #expect(entries[0].certificationStandard == nil)
    }

    @Test func searchFindsBloodPressureMonitorsInBothLanguages() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        let table = try #require(LookupTable(rules: rules, input: "jmdnCode"))
        let ja = table.search("血圧")
        let en = table.search("blood pressure")
        #expect(!ja.isEmpty)
        #expect(Set(ja.map(\.value)) == Set(en.map(\.value)))
        #expect(ja.contains { $0.value == "16173000" } && ja.contains { $0.value == "31681000" })
        // Names that match come before entries matched only through their notes.
        let nameHits = ja.prefix { $0.fields.contains { if case .string(let s) = $0.value { s.contains("血圧") } else { false } } }
        #expect(nameHits.count >= 2 && nameHits.count < ja.count, "\(ja.map(\.value))")
        // Flag names come from Rules/outcomes.xml.
        let monitor = try #require(ja.first { $0.value == "16173000" })
        #expect(JMDNListing.line(monitor, .ja, outcomes: rules.outcomes).contains("認証基準あり"))
        #expect(JMDNListing.line(monitor, .en, outcomes: rules.outcomes).contains("certification standard"))
    }
}
