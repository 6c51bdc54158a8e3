import DecisionModel
import Foundation
import Testing
@testable import Advisor

@Suite struct AnswersFileTests {
    @Test func roundTripKeepsOrderValuesAndUnknowns() throws {
        let rules = try Fixtures.mini()
        var answers = Answers(device: "Ball & <box>")
        answers["kind"] = .value(.string("ball"))
        answers["size"] = .unknown
        answers["heavy"] = .value(.boolean(false))
        let path = Fixtures.temporaryFile("roundtrip.xml")
        try AnswersFile.save(answers, to: path)
        let loaded = try AnswersFile.load(path, rules: rules)
        #expect(loaded == answers)
    }

    @Test func badValuesAreReportedWithFileLineAndAllowedValues() throws {
        let rules = try Fixtures.mini()
        let path = Fixtures.temporaryFile("bad.xml")
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <answers xmlns="urn:yakuji:answers:1">
          <answer name="kind">square</answer>
          <answer name="size">large</answer>
          <answer name="weight">3</answer>
        </answers>
        """.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try AnswersFile.load(path, rules: rules)
            Issue.record("bad answers must not load")
        } catch {
            #expect(error.problems.count == 3)
            #expect(error.problems[0].line == 3)
            #expect(error.problems[0].message.contains("allowed: box, ball, cloud"))
            #expect(error.problems[1].line == 4)
            #expect(error.problems[2].message.contains("unknown input 'weight'"))
            #expect(error.description.contains("\(path):3"))
        }
    }

    @Test func setAssignmentsTypeTheirValues() throws {
        let rules = try Fixtures.mini()
        #expect(try AnswersFile.parseAssignment("size=4.5", rules: rules).1 == .value(.number(FEELNumber("4.5")!)))
        #expect(try AnswersFile.parseAssignment("heavy=?", rules: rules).1 == .unknown)
        #expect(throws: AdvisorError.self) { try AnswersFile.parseAssignment("size", rules: rules) }
        #expect(throws: AdvisorError.self) { try AnswersFile.parseAssignment("kind=square", rules: rules) }
    }
}

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func millionAs() {
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The processor's SHA instructions (where this machine has them) and the portable code agree on every length
    /// around the block and padding boundaries and on a message given in uneven pieces.
    @Test func hardwareAndPortableBlocksAgree() {
        var generator = SystemRandomNumberGenerator()
        let message = (0..<10_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for length in Array(0...200) + [1_000, 4_095, 4_096, 10_000] {
            var portable = SHA256(portable: true)
            var chosen = SHA256()
            portable.update(message[0..<length])
            var start = 0
            while start < length {
                let end = min(length, start + 1 + start % 131)
                chosen.update(message[start..<end])
                start = end
            }
            #expect(chosen.finalize() == portable.finalize(), "length \(length)")
        }
        #expect(SHA256.hardwareAvailable == SHA256().hardware)
    }
}

/// `--set` takes what the prompts take (issue 11 item 18).
@Suite struct AnswerSpellingTests {
    @Test("Yes/no words and class numerals on the command line", arguments: [
        ("isActive=yes", FEELValue.boolean(true)), ("isActive=はい", .boolean(true)), ("isActive=No", .boolean(false)),
        ("isActive=いいえ", .boolean(false)), ("deviceClass=II", .number(2)), ("deviceClass=iv", .number(4)),
        ("deviceClass=Ⅲ", .number(3)), ("deviceClass=１", .number(1)), ("intendedUser=patients or the public at home", .string("home")), ("intendedUser=家庭向け（一般の使用者）", .string("home")),
    ])
    func spellingsOfAValue(assignment: String, expected: FEELValue) throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        #expect(try AnswersFile.parseAssignment(assignment, rules: rules).1 == .value(expected))
    }

    @Test func japaneseErrorsNameTheChoicesByTheirLabels() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        do {
            _ = try AnswersFile.parseAssignment("intendedUser=robot", rules: rules, language: .ja)
            Issue.record("robot is no intended user")
        } catch {
            #expect(error.description.contains("選択肢: professional ("))
            #expect(error.description.contains("home ("))
        }
        var session = InteractiveSession(rules: try Fixtures.mini(), language: .ja, savePath: nil,
                                         console: ScriptedConsole(["箱", "3", "たぶん", "はい"]))
        _ = try session.run(from: Answers())
        #expect(session.console.transcript.contains("選択肢: 1=はい, 2=いいえ, ?=不明"))
        #expect(!session.console.transcript.contains("1=true"))
    }

    @Test func aPercentSignInAnAnswerIsShownAsTyped() throws {
        var session = InteractiveSession(rules: try Fixtures.mini(), language: .en, savePath: nil,
                                         console: ScriptedConsole(["%@%d", "box", "3", "no"]))
        _ = try session.run(from: Answers())
        #expect(session.console.transcript.contains("'%@%d' is not one of the choices"))
    }
}
