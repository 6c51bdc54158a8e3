import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// Saving never loses or clobbers data (issue 14 item 5).
@Suite struct SavingTests {
    func folder() throws -> String {
        let path = Fixtures.temporaryFile("save")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func session(_ lines: [String], save: String?, language: Language = .en) throws -> InteractiveSession<ScriptedConsole> {
        InteractiveSession(rules: try Fixtures.mini(), language: language, savePath: save, console: ScriptedConsole(lines))
    }

    func earlier(_ path: String) throws {
        var answers = Answers(device: "Old device")
        answers["kind"] = .value(.string("ball"))
        answers["size"] = .value(.number(7))
        try AnswersFile.save(answers, to: path)
    }

    @Test func aFileThatIsNoAnswerFileIsReplacedOnlyWithForce() throws {
        let readme = try folder() + "/README.md"
        try "# Read me\n".write(toFile: readme, atomically: true, encoding: .utf8)
        var s = try session(["box"], save: readme)
        #expect(throws: AdvisorError.self) { try s.prepareSave(start: Answers(), resumingFrom: nil, force: false) }
        #expect(try String(contentsOfFile: readme, encoding: .utf8) == "# Read me\n")
        var forced = try session([], save: readme)
        #expect(try forced.prepareSave(start: Answers(), resumingFrom: nil, force: true) == Answers())
    }

    @Test func anExistingAnswerFileIsOfferedForResuming() throws {
        let path = try folder() + "/yakuji-answers.xml"
        try earlier(path)
        var s = try session(["1"], save: path)
        let start = try #require(try s.prepareSave(start: Answers(), resumingFrom: nil, force: false))
        #expect(start["kind"] == .value(.string("ball")))
        #expect(start.order.count == 2)
        #expect(s.console.transcript.contains("already holds 2 answers (device: Old device)"))
    }

    @Test func stoppingAtTheOfferLeavesTheFileAlone() throws {
        let path = try folder() + "/yakuji-answers.xml"
        try earlier(path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for lines in [["3"], []] {
            var s = try session(lines, save: path, language: .ja)
            #expect(try s.prepareSave(start: Answers(), resumingFrom: nil, force: false) == nil)
            #expect(s.console.transcript.contains("何も保存していません"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func savingElsewhereKeepsTheOldFile() throws {
        let dir = try folder()
        try earlier(dir + "/yakuji-answers.xml")
        var s = try session(["2", dir + "/new.xml", "box", "3", "no"], save: dir + "/yakuji-answers.xml")
        let start = try #require(try s.prepareSave(start: Answers(), resumingFrom: nil, force: false))
        _ = try s.run(from: start)
        #expect(s.savePath == dir + "/new.xml")
        #expect(try AnswersFile.load(dir + "/new.xml", rules: try Fixtures.mini())["kind"] == .value(.string("box")))
        #expect(try AnswersFile.load(dir + "/yakuji-answers.xml", rules: try Fixtures.mini())["kind"] == .value(.string("ball")))
    }

    @Test func resumingTheSameFileAsksNothing() throws {
        let path = try folder() + "/yakuji-answers.xml"
        try earlier(path)
        var s = try session([], save: path)
        let loaded = try AnswersFile.load(path, rules: try Fixtures.mini())
        #expect(try s.prepareSave(start: loaded, resumingFrom: path, force: false) == loaded)
        #expect(s.console.transcript.isEmpty)
    }

    @Test func aMissingFolderIsRefusedBeforeTheFirstQuestion() throws {
        var s = try session(["box"], save: "/nonexistent-yakuji/answers.xml")
        do {
            _ = try s.prepareSave(start: Answers(), resumingFrom: nil, force: false)
            Issue.record("a missing folder must be refused")
        } catch {
            #expect(error.description.contains("the folder /nonexistent-yakuji does not exist"))
        }
        #expect(!s.console.transcript.contains("What kind"))
    }

    @Test func controlCharactersAreRefusedAtThePrompt() throws {
        let rules = try Fixtures.mini()
        let s = try session([], save: nil)
        let step = Questionnaire.Step(input: try #require(rules.model.input(named: "colour")), question: nil, choices: nil,
                                      number: 1, atMostLeft: 0, neededBy: [])
        guard case .failure(let message) = s.interpret("red\u{1B}[2J", step) else {
            Issue.record("an escape sequence must be refused")
            return
        }
        #expect(message.contains("control characters (found U+001B)"))
    }

    @Test func aDeviceLabelWrappedOverLinesIsOneLine() throws {
        let answers = try AnswersFile.load(bytes: Array("""
        <answers xmlns="urn:yakuji:answers:1"><device>Upper-arm
            blood-pressure monitor</device></answers>
        """.utf8), name: "a.xml", rules: try Fixtures.mini())
        #expect(answers.device == "Upper-arm blood-pressure monitor")
    }

    @Test func reSavingKeepsTheHeaderCommentAndThePermissions() throws {
        let path = try folder() + "/answers.xml"
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Client A, confidential: do not share -->
        <answers xmlns="urn:yakuji:answers:1">
          <answer name="kind">box</answer>
        </answers>
        """.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        var answers = try AnswersFile.load(path, rules: try Fixtures.mini())
        answers["size"] = .value(.number(3))
        try AnswersFile.save(answers, to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("<!-- Client A, confidential: do not share -->"))
        #expect(text.contains("<answer name=\"size\">3</answer>"))
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(siblings == ["answers.xml"])
    }

    @Test func aSymbolicLinkStaysALink() throws {
        let dir = try folder()
        try earlier(dir + "/real.xml")
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.xml", withDestinationPath: dir + "/real.xml")
        var answers = try AnswersFile.load(dir + "/link.xml", rules: try Fixtures.mini())
        answers["heavy"] = .value(.boolean(true))
        try AnswersFile.save(answers, to: dir + "/link.xml")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.xml") == dir + "/real.xml")
        #expect(try AnswersFile.load(dir + "/real.xml", rules: try Fixtures.mini())["heavy"] == .value(.boolean(true)))
    }

    @Test func staleTemporaryFilesOfDeadProcessesAreRemoved() throws {
        let dir = try folder()
        let path = dir + "/answers.xml"
        let dead = AtomicFile.temporaryName(for: path, pid: 999_999)
        let alive = AtomicFile.temporaryName(for: path, pid: 1)
        for file in [dead, alive] { try "<answers/>".write(toFile: file, atomically: false, encoding: .utf8) }
        #expect(AtomicFile.removeStaleTemporaries(for: path) == [dead])
        #expect(FileManager.default.fileExists(atPath: alive))
        #expect(dead.hasSuffix("/.answers.xml.yakuji-save-999999.tmp"))
    }

    @Test("Text that is awkward in XML reads back as it was written", arguments: [
        "a & b < c > d \" e ' f", "]]>", "  padded  ", "\"quoted\"", "\"", "日本語", "--",
    ])
    func awkwardTextRoundTrips(text: String) throws {
        let path = try folder() + "/answers.xml"
        var answers = Answers(device: "dev -- ice")
        answers["colour"] = .value(.string(text))
        answers.headerComments = ["a -- b -"]
        try AnswersFile.save(answers, to: path)
        let loaded = try AnswersFile.load(path, rules: try Fixtures.mini(), limits: .standard)
        #expect(loaded["colour"] == .value(.string(text)))
        #expect(loaded.device == "dev -- ice")
    }

    @Test func textXMLCannotHoldIsRefusedNotWritten() throws {
        var answers = Answers()
        answers["colour"] = .value(.string("bell\u{7}"))
        #expect(throws: AdvisorError.self) { try AnswersFile.render(answers) }
    }
}
