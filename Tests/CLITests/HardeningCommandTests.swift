import Foundation
import Testing

/// Issue 14 at the command line: answers are data, bad values are exit 2, output stays bounded.
@Suite struct HardeningCommandTests {
    static let sample = "Samples/home-blood-pressure-monitor.xml"

    @Test func aQuotedExpressionIsKeptAsTextNotEvaluated() throws {
        let result = try CLI.run(["assess", "--answers", Self.sample, "--no-input", "--format", "json",
                                  "--set", #"jmdnCode="1" + "2""#])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""jmdnCode": "\"1\" + \"2\"""#))
        #expect(!result.stdout.contains(#""jmdnCode": "12""#))
    }

    @Test func evalRefusesValuesThatAreNotLiteralsOfTheInputsType() throws {
        let dir = try CLI.temporaryDirectory()
        let model = dir.appendingPathComponent("typed.dmn")
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="d" name="d" namespace="urn:t">
          <inputData id="i1" name="v"><variable name="v" typeRef="days and time duration"/></inputData>
          <inputData id="i2" name="x"><variable name="x" typeRef="date"/></inputData>
          <inputData id="i3" name="a"><variable name="a"/></inputData>
          <decision id="o" name="out"><variable name="out"/>
            <informationRequirement><requiredInput href="#i1"/></informationRequirement>
            <informationRequirement><requiredInput href="#i2"/></informationRequirement>
            <informationRequirement><requiredInput href="#i3"/></informationRequirement>
            <literalExpression><text>[v, x, a]</text></literalExpression>
          </decision>
        </definitions>
        """.write(to: model, atomically: true, encoding: .utf8)
        for bad in ["v=P1Y", "v=banana", #"x=date("2026-02-30")"#, "a=banana", #"a="1" + "2""#, "a=count([1])"] {
            let result = try CLI.run(["dmn", "eval", model.path, "--set", bad])
            #expect(result.status == 2, "\(bad): \(result.stdout)")
            #expect(result.stderr.contains("is not a valid value"), "\(bad)")
        }
        let good = try CLI.run(["dmn", "eval", model.path, "--set", "v=P1D", "--set", #"x=date("2026-02-28")"#, "--set", #"a=[1, "b"]"#])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout == #"out: [duration("P1D"), date("2026-02-28"), [1, "b"]]"# + "\n")
    }

    @Test func manyBadAnswersPrintAFewErrorsAndACount() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("bad.xml")
        let body = (0..<500).map { "  <answer name=\"nope\($0)\">1</answer>\n" }.joined()
        try "<?xml version=\"1.0\"?>\n<answers xmlns=\"urn:yakuji:answers:1\">\n\(body)</answers>\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["assess", "--answers", file.path, "--no-input"])
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 21)
        #expect(lines.last == "… and 480 more errors (--max-errors shows more)")
        let more = try CLI.run(["assess", "--answers", file.path, "--no-input", "--max-errors", "600"])
        #expect(more.stderr.split(separator: "\n").count == 500)
    }
}

extension HardeningCommandTests {
    @Test func aHitPolicyViolationAtRunTimeIsExitTwoNamingTheTable() throws {
        let dir = try CLI.temporaryDirectory().appendingPathComponent("Rules")
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Rules"), to: dir)
        let qms = dir.appendingPathComponent("qms.dmn")
        let text = try String(contentsOf: qms, encoding: .utf8)
            .replacingOccurrences(of: #"<decisionTable id="dt_qms" hitPolicy="FIRST""#, with: #"<decisionTable id="dt_qms" hitPolicy="UNIQUE""#)
        try text.write(to: qms, atomically: true, encoding: .utf8)
        let result = try CLI.run(["assess", "--rules", dir.path, "--answers", Self.sample, "--no-input"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let tableLine = text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains(#"<decisionTable id="dt_qms""#) }.map { $0 + 1 }
        #expect(result.stderr.contains("qms.dmn:\(tableLine ?? 0): error: decision table 'qms' (UNIQUE): rows "))
    }
}

extension HardeningCommandTests {
    @Test("Usage errors exit 2, not 64", arguments: [
        ["assess", "--format", "xml"], ["assess", "--bogus"], ["rules", "check", "--format", "yaml"], ["dmn", "eval"],
        ["assess", "--max-errors", "0"], ["lag", "--route", "approval", "--format", "xml"], ["lag"],
        ["lag", "--route", "approval", "--bogus"], ["lag", "--route", "certification", "--max-errors", "0"],
        ["rules", "check", "Rules", "--max-errors", "0"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("Usage:") || result.stderr.contains("Error:"))
    }

    @Test func rulesCheckPrintsAtMostMaxErrorsFindings() throws {
        // The bundled rules have two gap warnings: one is printed, the other counted.
        let result = try CLI.run(["rules", "check", "Rules", "--max-errors", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(result.stdout)")
        #expect(lines.first?.hasSuffix("[gap]") == true)
        #expect(lines.suffix(2) == ["… and 1 more (gap 1): --max-errors shows more", "0 error(s), 2 warning(s)"])
    }

    @Test func aRulesOptionOnAFileOrAMissingFolderSaysSo() throws {
        let file = try CLI.run(["assess", "--rules", "README.md", "--no-input"])
        #expect(file.status == 2)
        #expect(file.stderr == "README.md: error: is a file, expected a rules folder (one holding .dmn files)\n")
        let check = try CLI.run(["rules", "check", "README.md"])
        #expect(check.status == 2)
        #expect(check.stderr.contains("is a file, expected a rules folder"))
        let lag = try CLI.run(["lag", "--route", "certification", "--rules", "README.md"])
        #expect(lag.status == 2)
        #expect(lag.stderr == "README.md: error: is a file, expected a rules folder (one holding .dmn files)\n")
        let missing = try CLI.run(["rules", "test", "/nonexistent/rules"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("the rules folder does not exist"))
    }

    @Test func aDoctypeInAnAnswerFileIsReportedOnceAtItsLine() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("lol.xml")
        try """
        <?xml version="1.0"?>
        <!-- client file -->
        <!DOCTYPE answers [
         <!ENTITY lol "lol">
         <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        ]>
        <answers xmlns="urn:yakuji:answers:1"><device>&lol1;&lol1;</device></answers>
        """.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["assess", "--answers", file.path, "--no-input"])
        #expect(result.status == 2)
        #expect(result.stderr == "\(file.path):3: error: a DOCTYPE is not allowed in this file (entities and DTDs are refused for safety)\n")
    }

    @Test func aClassOutsideOneToFourReadsAsTheRange() throws {
        let result = try CLI.run(["assess", "--answers", Self.sample, "--no-input", "--set", "deviceClass=5"])
        #expect(result.status == 2)
        #expect(result.stderr == "--set deviceClass=5: error: '5' is not a valid value for deviceClass: expected 1–4\n")
    }
}
