import Foundation
import Testing
import TestScratch

@Suite struct AssessCommandTests {
    @Test func sampleAssessmentInEnglishText() throws {
        let result = try CLI.run(["assess", "--answers", "Samples/home-blood-pressure-monitor.xml", "--no-input", "--as-of", "2026-11-25"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Market-entry route: Certification"))
        #expect(result.stdout.contains("Device class: Class II"))
        #expect(result.stdout.contains("as-of 2026-11-25"))
        #expect(result.stdout.contains("告示第112号"))
    }

    @Test func japaneseFromLang() throws {
        let result = try CLI.run(["assess", "--answers", "Samples/home-blood-pressure-monitor.xml", "--no-input"],
                                 environment: ["LANG": "ja_JP.UTF-8"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("判定の要約"))
        #expect(result.stdout.contains("登録認証機関"))
    }

    @Test func jsonHasTheContractShape() throws {
        let result = try CLI.run(["assess", "--answers", "Samples/hollow-fibre-dialyser.xml", "--no-input", "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "yakuji.assessment/1")
        #expect(json["pathway"] as? String == "approval")
        #expect(json["reviewCategory"] as? String == "generic-with-approval-standard")
        #expect((json["deviceClass"] as? NSNumber)?.intValue == 3)
        #expect(json["change"] is NSNull)
        #expect((json["rules"] as? [String: Any])?["checksum"] as? String != nil)
    }

    @Test func markdownAndHTMLReports() throws {
        let md = try CLI.run(["assess", "--answers", "Samples/surgical-robot.xml", "--no-input", "--format", "markdown"])
        #expect(md.status == 0)
        #expect(md.stdout.hasPrefix("# Regulatory pathway assessment"))
        #expect(md.stdout.contains("| **Market-entry route** |"))
        let html = try CLI.run(["assess", "--answers", "Samples/surgical-robot.xml", "--no-input", "--format", "html", "--lang", "ja"])
        #expect(html.status == 0)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(html.stdout.contains("<html lang=\"ja\""))
        #expect(html.stdout.contains("<table"))
    }

    @Test func setOverridesTheFileAndQuestionMarkMeansUnknown() throws {
        let result = try CLI.run(["assess", "--answers", "Samples/home-blood-pressure-monitor.xml", "--no-input", "--format", "json",
                                  "--set", "certificationStandardExists=?", "--set", "novelty=new"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((json["openQuestions"] as? [String])?.first == "certificationStandardExists")
        #expect(((json["alternatives"] as? [[String: Any]]) ?? []).count >= 2)
    }

    @Test func badAnswerFileNamesFileLineAndAllowedValues() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("bad.xml")
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <answers xmlns="urn:yakuji:answers:1">
          <answer name="productForm">gadget</answer>
        </answers>
        """.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["assess", "--answers", file.path, "--no-input"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.xml:3"))
        #expect(result.stderr.contains("hardware, standalone-program, program-on-media"))
    }

    @Test func unknownSetNameIsExitTwo() throws {
        let result = try CLI.run(["assess", "--no-input", "--set", "colour=red"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown input 'colour'"))
    }

    @Test func pipedInputIsNotInteractive() throws {
        // Without a terminal nothing is asked; absent answers count as unknown.
        let result = try CLI.run(["assess", "--format", "json"], stdin: "1\n1\n")
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(!((json["openQuestions"] as? [String]) ?? []).isEmpty)
    }
}

@Suite struct RulesAndJmdnCommandTests {
    @Test func jmdnSearchFindsBloodPressureMonitorsInBothLanguages() throws {
        let ja = try CLI.run(["jmdn", "search", "血圧"])
        let en = try CLI.run(["jmdn", "search", "blood", "pressure"])
        #expect(ja.status == 0 && en.status == 0)
        #expect(ja.stdout.contains("16173000") || ja.stdout.contains("31681000"))
        #expect(Set(ja.stdout.split(separator: "\n").map { $0.prefix(8) }) == Set(en.stdout.split(separator: "\n").map { $0.prefix(8) }))
        let none = try CLI.run(["jmdn", "search", "zzzz-no-such-thing"])
        #expect(none.status == 1)
    }

    /// Issue 11 item 7: an importer of needle-attached syringes who found 汎用注射筒 (Class I) is asked about the
    /// needle and sent to certification, not notification; the search shows the split before anyone answers.
    @Test func needleAttachedSyringeGoesToCertification() throws {
        let with = try CLI.run(["assess", "--answers", "Samples/needle-syringe-importer.xml", "--no-input", "--format", "json"])
        #expect(with.status == 0, "\(with.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(with.stdout.utf8)) as? [String: Any])
        #expect((json["deviceClass"] as? NSNumber)?.intValue == 2)
        #expect(json["pathway"] as? String == "certification")
        let without = try CLI.run(["assess", "--answers", "Samples/needle-syringe-importer.xml", "--no-input", "--format", "json",
                                   "--set", "needleAttached=false"])
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(without.stdout.utf8)) as? [String: Any])
        #expect((plain["deviceClass"] as? NSNumber)?.intValue == 1)
        #expect(plain["pathway"] as? String == "notification")
        let open = try CLI.run(["assess", "--answers", "Samples/needle-syringe-importer.xml", "--no-input", "--format", "json",
                                "--set", "needleAttached=?"])
        let unknown = try #require(try JSONSerialization.jsonObject(with: Data(open.stdout.utf8)) as? [String: Any])
        #expect((unknown["openQuestions"] as? [String])?.first == "needleAttached")
        let search = try CLI.run(["jmdn", "search", "syringe", "--lang", "en"])
        #expect(search.stdout.contains("13929001  General-purpose syringe"))
        #expect(search.stdout.contains("a needle is attached to the syringe: (code not confirmed)  General-purpose syringe with needle / 汎用針付注射筒  Class II  [certification standard]"))
        let ja = try CLI.run(["jmdn", "search", "汎用針付注射筒", "--lang", "ja"])
        #expect(ja.stdout.hasPrefix("13929001  汎用注射筒"))
    }

    /// Issue 11 item 8: queries the review found wanting.
    @Test func searchQueriesFromTheReview() throws {
        let needle = try CLI.run(["jmdn", "search", "needle", "--lang", "en"]).stdout.split(separator: "\n").map { String($0.prefix(8)) }
        #expect(needle.first == "12740000" || needle.first == "30889000", "\(needle)")
        #expect(needle.firstIndex(of: "12726010")! > needle.firstIndex(of: "70378000")!, "needle holder after the needles")
        #expect(needle.firstIndex(of: "70662000").map { $0 > needle.firstIndex(of: "12726010")! } ?? true)
        let implant = try CLI.run(["jmdn", "search", "植込み"]).stdout
        #expect(implant.contains("心電図電話伝送装置") && !implant.contains("伆"))
        #expect(implant.hasPrefix("12913000") || implant.hasPrefix("34941000") || implant.hasPrefix("70515000"))
        #expect(try CLI.run(["jmdn", "search", "atrial", "fibrillation"]).stdout.contains("47699002"))
        #expect(try CLI.run(["jmdn", "search", "disposable", "syringe"]).stdout.hasPrefix("13929001"))
    }

    @Test func rulesCheckAndTestOnTheBundledRules() throws {
        let check = try CLI.run(["rules", "check", "Rules"])
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("0 error(s)"))
        let sarif = try CLI.run(["rules", "check", "Rules", "--format", "sarif"])
        #expect(sarif.stdout.contains("\"version\": \"2.1.0\""))
        let test = try CLI.run(["rules", "test", "Rules", "--fail-uncovered"])
        #expect(test.status == 0, "\(test.stdout)")
        #expect(test.stdout.hasSuffix(" passed, 0 failed\n"))
    }

    @Test func badAsOfDateIsExitTwoForEveryCommand() throws {
        for args in [["assess", "--answers", "Samples/home-blood-pressure-monitor.xml", "--no-input", "--as-of", "2026-13-01"],
                     ["rules", "check", "Rules", "--as-of", "yesterday"]] {
            let result = try CLI.run(args)
            #expect(result.status == 2, "\(args)")
            #expect(result.stderr.contains("expected a date YYYY-MM-DD"))
        }
    }

    @Test func jmdnImportWritesTableAndScenarios() throws {
        let dir = TestScratch.path("cli-jmdn")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let csv = dir.appendingPathComponent("list.csv")
        try "code,nameJa,nameEn,class,certificationStandard\n16173000,自動電子血圧計,BP monitor,II,yes\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        let table = dir.appendingPathComponent("jmdn.dmn"), scenarios = dir.appendingPathComponent("rows.xml")
        let result = try CLI.run(["jmdn", "import", csv.path, "--output", table.path, "--scenarios", scenarios.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 scenarios written"))
        #expect(try String(contentsOf: scenarios, encoding: .utf8).contains("<answer name=\"jmdnCode\">16173000</answer>"))
        let bad = try CLI.run(["jmdn", "import", csv.path, "--output", dir.appendingPathComponent("no/such/dir/x.dmn").path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("cannot write"))
    }

    @Test func graphRendersAsDotAndMermaid() throws {
        let dot = try CLI.run(["rules", "graph", "Rules", "--questions"])
        #expect(dot.status == 0)
        #expect(dot.stdout.hasPrefix("digraph yakuji {"))
        let mermaid = try CLI.run(["rules", "graph", "Rules", "--format", "mermaid"])
        #expect(mermaid.stdout.hasPrefix("flowchart BT"))
    }
}
