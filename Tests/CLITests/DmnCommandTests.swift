import Foundation
import Testing

@Suite struct DmnCommandTests {
    static var tck: String { CLI.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/dmn-tck").path }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: tck)))
    func tckRunEndsWithTheCountLine() throws {
        let result = try CLI.run(["dmn", "test", Self.tck])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let last = result.stdout.split(separator: "\n").last.map(String.init)
        #expect(last == "42 passed, 0 failed")
    }

    @Test func failingCaseIsPrintedAndExitsOne() throws {
        let dir = try CLI.temporaryDirectory()
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Samples/loan-approval.dmn"),
                                         to: dir.appendingPathComponent("loan-approval.dmn"))
        let tests = """
        <?xml version="1.0"?>
        <testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
          <modelName>loan-approval.dmn</modelName>
          <testCase id="ok"><inputNode name="Monthly Salary"><value xsi:type="xsd:decimal">5000</value></inputNode>
            <inputNode name="Risk Category"><value xsi:type="xsd:string">Low</value></inputNode>
            <resultNode name="Approval Status"><expected><value xsi:type="xsd:string">Approved</value></expected></resultNode></testCase>
          <testCase id="wrong"><inputNode name="Monthly Salary"><value xsi:type="xsd:decimal">5000</value></inputNode>
            <inputNode name="Risk Category"><value xsi:type="xsd:string">High</value></inputNode>
            <resultNode name="Approval Status"><expected><value xsi:type="xsd:string">Approved</value></expected></resultNode></testCase>
        </testCases>
        """
        try tests.write(to: dir.appendingPathComponent("loan-test-01.xml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["dmn", "test", dir.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("case wrong"))
        #expect(result.stdout.contains("expected: \"Approved\""))
        #expect(result.stdout.contains("actual:   \"Declined\""))
        #expect(result.stdout.hasSuffix("1 passed, 1 failed\n"))
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: tck)))
    func byFolderPrintsEachFolderBeforeTheTotal() throws {
        let result = try CLI.run(["dmn", "test", Self.tck, "--by-folder"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("compliance-level-2/0004-simpletable-U: 3 passed, 0 failed"))
        #expect(lines.last == "42 passed, 0 failed")
    }

    @Test func missingPathExitsTwo() throws {
        let result = try CLI.run(["dmn", "test", "/nonexistent/tck"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/tck"))
    }

    @Test func evalPrintsEveryDecision() throws {
        let result = try CLI.run(["dmn", "eval", "Samples/loan-approval.dmn", "--set", "Monthly Salary=2000",
                                  "--set", "Risk Category=Low", "--trace"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Yearly Salary: 24000"))
        #expect(result.stdout.contains("Approval Status: \"Referred\""))
        #expect(result.stdout.contains("rule 2 (r_low_income)"))
    }

    @Test func evalJSON() throws {
        let result = try CLI.run(["dmn", "eval", "Samples/loan-approval.dmn", "--set", "Monthly Salary=5000",
                                  "--set", "Risk Category=Low", "--format", "json"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(json?["Approval Status"] as? String == "Approved")
        #expect((json?["Yearly Salary"] as? NSNumber)?.intValue == 60000)
    }

    @Test func evalRejectsAValueOutsideTheAllowedOnes() throws {
        let result = try CLI.run(["dmn", "eval", "Samples/loan-approval.dmn", "--set", "Risk Category=Extreme"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("High, Medium, Low"))
    }

    @Test func evalRejectsAnUnknownInputName() throws {
        let result = try CLI.run(["dmn", "eval", "Samples/loan-approval.dmn", "--set", "Salary=1"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown input 'Salary'"))
    }

    @Test func evalOfAModelWithOneBadDecisionEvaluatesTheRest() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("partly.dmn")
        try """
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" namespace="urn:p" name="p">
        <decision id="a" name="fine"><literalExpression><text>1 + 1</text></literalExpression></decision>
        <decision id="b" name="broken"><literalExpression><text>1 +</text></literalExpression></decision>
        </definitions>
        """.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["dmn", "eval", file.path])
        #expect(result.status == 2)
        #expect(result.stdout.contains("fine: 2"))
        #expect(result.stdout.contains("broken: null"))
        #expect(result.stderr.contains("partly.dmn:3"))
    }

    @Test func evalOfAMalformedModelNamesFileAndLine() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("broken.dmn")
        try "<definitions xmlns=\"https://www.omg.org/spec/DMN/20230324/MODEL/\">\n<decision>\n</definitions>\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["dmn", "eval", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("broken.dmn:3"))
    }
}
