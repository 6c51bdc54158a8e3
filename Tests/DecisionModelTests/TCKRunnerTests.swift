import Foundation
import Testing
@testable import DecisionModel
import TestScratch

/// The TCK runner counts honestly: test cases, not result nodes; nothing left out.
@Suite struct TCKRunnerTests {
    static let model = ModelLoadingTests.definitions("""
    <inputData id="i" name="x"><variable name="x" typeRef="number"/></inputData>
    <decision id="d" name="double"><variable name="double" typeRef="number"/>
      <informationRequirement><requiredInput href="#i"/></informationRequirement>
      <literalExpression><text>x * 2</text></literalExpression></decision>
    <decision id="d2" name="triple"><variable name="triple" typeRef="number"/>
      <informationRequirement><requiredInput href="#i"/></informationRequirement>
      <literalExpression><text>x * 3</text></literalExpression></decision>
    """)

    static func testCase(_ id: String, x: String, results: [(String, String)], attributes: String = "") -> String {
        var xml = "<testCase id=\"\(id)\"\(attributes)><inputNode name=\"x\"><value xsi:type=\"xsd:decimal\">\(x)</value></inputNode>"
        for (name, value) in results {
            xml += "<resultNode name=\"\(name)\"><expected><value xsi:type=\"xsd:decimal\">\(value)</value></expected></resultNode>"
        }
        return xml + "</testCase>\n"
    }

    static func testFile(_ cases: String, model: String = "m.dmn") -> String {
        """
        <?xml version="1.0"?>
        <testCases xmlns="http://www.omg.org/spec/DMN/20160719/testcase" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
          <modelName>\(model)</modelName>
        \(cases)</testCases>
        """
    }

    /// A folder `group/` holding the model and one test file; returns the folder.
    static func folder(model: String = model, tests: String) throws -> String {
        let dir = TestScratch.path("tck").appendingPathComponent("group")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try model.write(to: dir.appendingPathComponent("m.dmn"), atomically: true, encoding: .utf8)
        try tests.write(to: dir.appendingPathComponent("m-test-01.xml"), atomically: true, encoding: .utf8)
        return dir.path
    }

    @Test func aCaseCountsOnceHoweverManyResultsFail() throws {
        let dir = try Self.folder(tests: Self.testFile(
            Self.testCase("both wrong", x: "1", results: [("double", "5"), ("triple", "5")])
            + Self.testCase("right", x: "1", results: [("double", "2"), ("triple", "3")])))
        let report = TCKRunner().run(paths: [dir])
        #expect(report.passed == 1)
        #expect(report.failed == 1)
        #expect(report.failures.first?.mismatches.count == 2)
        #expect(report.summary == "1 passed, 1 failed")
    }

    @Test func aModelThatDoesNotLoadFailsEveryCase() throws {
        let broken = "<definitions xmlns=\"\(DMN.ns)\"><decision id=\"d\" name=\"double\"></definitions>"
        let dir = try Self.folder(model: broken, tests: Self.testFile(
            Self.testCase("a", x: "1", results: [("double", "2")]) + Self.testCase("b", x: "2", results: [("double", "4")])))
        let report = TCKRunner().run(paths: [dir])
        #expect(report.passed == 0)
        #expect(report.failed == 2)
        #expect(report.failures.allSatisfy { $0.reasons.first?.contains("did not load") == true })
        #expect(!report.modelProblems.isEmpty)
        #expect(report.loadProblems.isEmpty)
    }

    @Test func aMissingModelFileFailsEveryCase() throws {
        let dir = try Self.folder(tests: Self.testFile(Self.testCase("a", x: "1", results: [("double", "2")]), model: "absent.dmn"))
        let report = TCKRunner().run(paths: [dir])
        #expect(report.failed == 1)
    }

    @Test func aResultNamingNoDecisionFails() throws {
        let dir = try Self.folder(tests: Self.testFile(Self.testCase("ghost", x: "1", results: [("quadruple", "4")])))
        let report = TCKRunner().run(paths: [dir])
        #expect(report.failed == 1)
        let failure = try #require(report.failures.first)
        #expect(failure.mismatches.first?.actual == nil)
        #expect(failure.description.contains("(no such decision)"))
    }

    @Test func decisionServiceCasesRunTheService() throws {
        let model = Self.model.replacingOccurrences(of: "</definitions>", with: """
        <decisionService id="s" name="doubler"><variable name="doubler"/><outputDecision href="#d"/><inputData href="#i"/></decisionService>
        </definitions>
        """)
        let service = " type=\"decisionService\" invocableName=\"doubler\""
        let dir = try Self.folder(model: model, tests: Self.testFile(
            Self.testCase("svc", x: "4", results: [("double", "8")], attributes: service)
            + Self.testCase("whole value", x: "5", results: [("doubler", "10")], attributes: service)
            + Self.testCase("wrong", x: "4", results: [("double", "9")], attributes: service)))
        let report = TCKRunner().run(paths: [dir])
        #expect(report.summary == "2 passed, 1 failed")
    }

    @Test func aCaseNamingNoDecisionServiceFails() throws {
        let dir = try Self.folder(tests: Self.testFile(Self.testCase("svc", x: "1", results: [("double", "2")],
                                                                     attributes: " type=\"decisionService\" invocableName=\"s\"")))
        let report = TCKRunner().run(paths: [dir])
        #expect(report.failed == 1)
        #expect(report.failures.first?.reasons.first == "the model has no decision service 's'")
    }

    @Test func aValueTheRunnerCannotReadSkipsTheCaseWithTheReason() throws {
        let unreadable = "<testCase id=\"odd\"><inputNode name=\"x\"><value xsi:type=\"xsd:base64Binary\">AA==</value></inputNode>"
            + "<resultNode name=\"double\"><expected><value xsi:type=\"xsd:decimal\">2</value></expected></resultNode></testCase>\n"
        let dir = try Self.folder(tests: Self.testFile(unreadable + Self.testCase("fine", x: "1", results: [("double", "2")])))
        let report = TCKRunner().run(paths: [dir])
        #expect(report.summary == "1 passed, 0 failed, 1 skipped")
        #expect(report.skips.first?.reasons.first?.contains("base64Binary") == true)
    }

    @Test func countsPerFolder() throws {
        let dir = try Self.folder(tests: Self.testFile(
            Self.testCase("a", x: "1", results: [("double", "2")]) + Self.testCase("b", x: "1", results: [("double", "3")])))
        let groups = TCKRunner().run(paths: [dir]).groups
        #expect(groups.count == 1)
        #expect(groups.first?.name.hasSuffix("/group") == true)
        #expect(groups.first?.passed == 1)
        #expect(groups.first?.failed == 1)
    }

    @Test func numbersAreExactUnlessTheExpectedValueIsAnIrrationalWrittenToEightPlaces() {
        func n(_ text: String) -> FEELValue { .number(FEELNumber(text)!) }
        #expect(TCKRunner.matches(n("1.386294361119890618834464242916353"), n("1.38629436")))
        #expect(TCKRunner.matches(n("2878.693549432770013"), n("2878.69354943277")))
        #expect(!TCKRunner.matches(n("1.38629437"), n("1.38629436")))
        #expect(!TCKRunner.matches(n("0.30000000000000004"), n("0.3")))
        #expect(!TCKRunner.matches(n("2878.6935"), n("2878.69354943277")))
        #expect(TCKRunner.matches(n("2.50"), n("2.5")))
        #expect(!TCKRunner.matches(.string("1"), n("1")))
    }

    @Test func timesMustAgreeOnTheirZoneNotOnlyTheInstant() {
        let local = FEELValue.time(FEELTime(iso8601: "10:00:00")!)
        let utc = FEELValue.time(FEELTime(iso8601: "10:00:00Z")!)
        #expect(!TCKRunner.matches(local, utc))
        #expect(TCKRunner.matches(utc, utc))
        let paris = FEELValue.dateTime(FEELDateTime(iso8601: "2020-01-01T10:00:00@Europe/Paris")!)
        let offset = FEELValue.dateTime(FEELDateTime(iso8601: "2020-01-01T10:00:00+01:00")!)
        #expect(!TCKRunner.matches(offset, paris))
    }
}
