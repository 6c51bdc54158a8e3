import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// No answer file or value can make Yakuji slow, huge or noisy (issue 14 item 4).
@Suite struct InputLimitsTests {
    func answersFile(_ body: String) -> [UInt8] {
        Array("<?xml version=\"1.0\"?>\n<answers xmlns=\"urn:yakuji:answers:1\">\n\(body)</answers>\n".utf8)
    }

    func problems(_ bytes: [UInt8], _ limits: InputLimits = .standard) throws -> AdvisorError? {
        let rules = try Fixtures.mini()
        do {
            _ = try AnswersFile.load(bytes: bytes, name: "a.xml", rules: rules, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test func tooManyAnswersAreRefusedAtTheFirstOneOverTheLimit() throws {
        let body = (0..<50).map { "<answer name=\"x\($0)\">1</answer>\n" }.joined()
        let error = try #require(try problems(answersFile(body), InputLimits(maxAnswers: 10)))
        #expect(error.problems.count == 1)
        #expect(error.description == "a.xml:13: error: more than 10 answers (--max-answers); the file holds 50")
    }

    @Test func aLongValueIsRefusedAndNotEchoed() throws {
        let long = String(repeating: "9", count: 5_000)
        let error = try #require(try problems(answersFile("<answer name=\"colour\">\(long)</answer>\n")))
        #expect(error.description.contains("colour: the value is 5000 characters long, more than the limit of 1000 (--max-value-length)"))
        #expect(!error.description.contains(String(repeating: "9", count: 100)))
        #expect(try problems(answersFile("<answer name=\"colour\">\(long)</answer>\n"), InputLimits(maxValueLength: 5_000)) == nil)
    }

    @Test func aLargeFileIsRefusedBeforeParsingAndNamesTheFlag() throws {
        let body = String(repeating: "<!-- padding -->\n", count: 100)
        let error = try #require(try problems(answersFile(body), InputLimits(maxAnswerFileBytes: 1_000)))
        #expect(error.description.contains("more than the 1000 bytes limit for this kind of file (--max-file-size)"))
    }

    /// A rule file over its limit names the flag that raises it, for the DMN files and the other rule files alike,
    /// in loading and in `rules check`.
    @Test func aLargeRuleFileNamesTheFlagThatRaisesItsLimit() throws {
        let bundled = Fixtures.bundledRules
        #expect(throws: AdvisorError.self) { try RuleSet.load(directory: bundled, maxFileBytes: 1_000) }
        do {
            _ = try RuleSet.load(directory: bundled, maxFileBytes: 1_000)
        } catch {
            #expect(error.problems.allSatisfy { $0.message.hasSuffix("limit for this kind of file (--max-rule-file-size)") },
                    "\(error)")
        }
        var checker = RulesChecker(directory: bundled, asOf: RulesCheckerTests.asOf)
        checker.maxFileBytes = 1_000
        let sized = checker.check().filter { $0.message.contains("limit for this kind of file") }
        #expect(!sized.isEmpty)
        #expect(sized.allSatisfy { $0.message.hasSuffix("(--max-rule-file-size)") })
    }

    @Test func aLongDeviceLabelAndOneWithControlCharactersAreRefused() throws {
        let long = try #require(try problems(answersFile("<device>\(String(repeating: "a", count: 2_000))</device>\n")))
        #expect(long.description.contains("device: the value is 2000 characters long"))
        // XML cannot hold most C0 controls, but it can hold C1 ones such as CSI (U+009B), which terminals obey.
        let escape = try #require(try problems(answersFile("<device>a&#x9B;2Jb</device>\n")))
        #expect(escape.description.contains("device: control characters are not allowed (found U+009B)"))
    }

    @Test func errorsArePrintedOnceAndOnlyTheFirstFew() {
        let error = AdvisorError((0..<30).map { DMNProblem(file: "a.xml", line: $0 / 2, message: "unknown input 'x\($0 / 2)'") })
        let lines = error.summary(limit: 5).split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.last == "… and 10 more errors (--max-errors shows more)")
        #expect(error.summary(limit: 15).split(separator: "\n").count == 15)
    }

    @Test func setRefusesALongValue() throws {
        #expect(throws: AdvisorError.self) {
            try AnswersFile.parseAssignment("colour=" + String(repeating: "r", count: 2_000), rules: try Fixtures.mini())
        }
        var session = InteractiveSession(rules: try Fixtures.mini(), language: .en, savePath: nil,
                                         console: ScriptedConsole(["box", String(repeating: "1", count: 2_000), "3", "no"]))
        _ = try session.run(from: Answers())
        #expect(session.console.transcript.contains("the value is 2000 characters long"))
    }
}
