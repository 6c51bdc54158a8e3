import DecisionModel
import Foundation
import Testing
@testable import Advisor

@Suite struct InteractiveSessionTests {
    func session(_ lines: [String], language: Language = .en, save: String? = nil) throws -> InteractiveSession<ScriptedConsole> {
        InteractiveSession(rules: try Fixtures.mini(), language: language, savePath: save, console: ScriptedConsole(lines))
    }

    @Test func choicesByNumberValueOrLabelAndYesNo() throws {
        var s = try session(["2", "12", "yes"])
        let (answers, ending) = try s.run(from: Answers())
        #expect(ending == .completed)
        #expect(answers["kind"] == .value(.string("ball")))
        #expect(answers["size"] == .value(.number(12)))
        #expect(answers["heavy"] == .value(.boolean(true)))
        #expect(s.console.transcript.contains("[Question 1, at most 2 left]"))
        #expect(s.console.transcript.contains("1) A box [box]"))
        #expect(s.console.transcript.contains("[Question 3, at most 0 left]"))
    }

    @Test func wrongAnswerReprompsWithTheAllowedValuesAndKeepsEarlierAnswers() throws {
        var s = try session(["box", "big", "12", "maybe", "n"])
        let (answers, _) = try s.run(from: Answers())
        #expect(s.console.transcript.contains("'big' is not a valid value for size: expected a number"))
        #expect(s.console.transcript.contains("'maybe' is not one of the choices. Allowed: 1=yes, 2=no, ?=unknown"))
        #expect(answers["kind"] == .value(.string("box")))
        #expect(answers["heavy"] == .value(.boolean(false)))
    }

    @Test func questionMarkIsUnknownAndBackReopensThePreviousQuestion() throws {
        var s = try session(["box", "?", "back", "20", "no"])
        let (answers, _) = try s.run(from: Answers())
        #expect(s.console.transcript.contains("Marked as unknown."))
        #expect(s.console.transcript.contains("Back to: How big is it (cm)?"))
        #expect(answers["size"] == .value(.number(20)))
        #expect(answers.order == ["kind", "size", "heavy"])
    }

    @Test func helpAndWhyExplainTheQuestion() throws {
        var s = try session(["box", "help", "why", "3", "no"])
        _ = try s.run(from: Answers())
        #expect(s.console.transcript.contains("Longest side."))
        #expect(s.console.transcript.contains("source: Test source S"))
        #expect(s.console.transcript.contains("Needed by:"))
        #expect(s.console.transcript.contains("classification (rule 2)"))
        #expect(s.console.transcript.contains("Big things are class 2."))
    }

    @Test func endOfInputAbortsAndKeepsTheAnswersOnDisk() throws {
        let path = Fixtures.temporaryFile("answers.xml")
        var s = try session(["box"], save: path)
        let (answers, ending) = try s.run(from: Answers())
        #expect(ending == .aborted)
        #expect(answers["kind"] == .value(.string("box")))
        let saved = try AnswersFile.load(path, rules: try Fixtures.mini())
        #expect(saved["kind"] == .value(.string("box")))
        #expect(s.console.transcript.contains("--answers \(path)"))
    }

    @Test func ctrlCWhileTheNextQuestionIsWorkedOutStopsBeforePuttingIt() throws {
        let path = Fixtures.temporaryFile("answers.xml")
        var s = try session(["box", "3", "no"], save: path)
        s.console.stopAfter = 1
        let (answers, ending) = try s.run(from: Answers())
        #expect(ending == .aborted)
        #expect(answers.order == ["kind"])
        #expect(!s.console.transcript.contains("How big is it (cm)?"), "the next question was put after Ctrl-C")
        #expect(s.console.transcript.contains("--answers \(path)"))
        #expect(try AnswersFile.load(path, rules: try Fixtures.mini())["kind"] == .value(.string("box")))
        try? FileManager.default.removeItem(atPath: path)
    }

    @Test func japaneseSession() throws {
        var s = try session(["箱", "はい"], language: .ja)
        let (answers, _) = try s.run(from: Answers())
        #expect(answers["kind"] == .value(.string("box")))
        #expect(s.console.transcript.contains("どのような物ですか？"))
        #expect(s.console.transcript.contains("[質問 1, 残り最大 2 問]"))
    }

    @Test func resumesFromEarlierAnswers() throws {
        var earlier = Answers()
        earlier["kind"] = .value(.string("box"))
        earlier["size"] = .value(.number(3))
        var s = try session(["true"])
        let (answers, ending) = try s.run(from: earlier)
        #expect(ending == .completed)
        #expect(answers["heavy"] == .value(.boolean(true)))
        #expect(!s.console.transcript.contains("What kind of thing"))
    }

    @Test func aLookedUpCodeIsConfirmedAndAnUnknownOneIsFlagged() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        var sample = try AnswersFile.load(Fixtures.bundledRules + "/../Samples/home-blood-pressure-monitor.xml", rules: rules)
        sample["assessmentKind"] = .value(.string("new-product"))
        sample["deviceClass"] = .unknown
        for (code, expected) in [("16173000", "Found: 16173000"), ("99999999", "'99999999' is not among the")] {
            // Words search the table first; the code is then accepted either way and the session goes on.
            var s = InteractiveSession(rules: rules, language: .en, savePath: nil,
                                       console: ScriptedConsole(["blood pressure", code]), asOf: "2026-11-25")
            let (answers, _) = try s.run(from: sample)
            #expect(answers["jmdnCode"] == .value(.string(code)))
            #expect(s.console.transcript.contains("16173000  Automatic electronic blood pressure monitor"))
            #expect(s.console.transcript.contains(expected))
            let report = TextReport(rules: rules, language: .en)
                .text(Assessor(rules: rules).assess(answers, asOf: "2026-11-25", exploreAlternatives: false))
            #expect(report.contains("! '99999999' is not among") == (code == "99999999"))
        }
    }

    /// Issue 11 item 7: the sibling shows under the syringe the user finds, and the needle question follows.
    @Test func aFamilyCodeShowsItsSiblingAndAsksTheSeparatingQuestion() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        var sample = try AnswersFile.load(Fixtures.bundledRules + "/../Samples/needle-syringe-importer.xml", rules: rules)
        sample["jmdnCode"] = nil
        sample["needleAttached"] = nil
        sample["assessmentKind"] = .value(.string("new-product"))
        sample["deviceClass"] = .unknown
        var s = InteractiveSession(rules: rules, language: .en, savePath: nil,
                                   console: ScriptedConsole(["syringe", "13929001", "yes"]), asOf: "2026-11-25")
        let (answers, _) = try s.run(from: sample)
        let transcript = s.console.transcript
        #expect(transcript.contains("  13929001  General-purpose syringe / 汎用注射筒  Class I\n      ↳ Yes — a needle is attached to the syringe: (code not confirmed)  General-purpose syringe with needle / 汎用針付注射筒  Class II"))
        #expect(transcript.contains("Found: 13929001  General-purpose syringe / 汎用注射筒  Class I\n    ↳ Yes — a needle is attached"))
        #expect(transcript.contains("(needleAttached)"))
        #expect(answers["needleAttached"] == .value(.boolean(true)))
        let assessment = Assessor(rules: rules).assess(answers, asOf: "2026-11-25", exploreAlternatives: false)
        #expect(assessment.value("deviceClass") == .number(2))
        #expect(assessment.value("pathway") == .string("certification"))
    }
}

/// Issue 10 item 3: after a "?", the questionnaire keeps asking what can still change a result in some branch.
@Suite struct OpenSessionTests {
    @Test func aQuestionMarkDoesNotEndTheSessionEarly() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        let sample = try AnswersFile.load(Fixtures.sample("home-blood-pressure-monitor.xml"), rules: rules)
        var start = Answers(device: sample.device)
        for name in sample.order where !["certificationStandardExists", "conformsToCertificationStandard", "novelty",
                                          "manufacturerLocation", "genericNameExists", "holdsValidQmsCertificateSameGroup"].contains(name) {
            start[name] = sample[name]
        }
        start["assessmentKind"] = .value(.string("new-product"))
        start["deviceClass"] = .unknown
        start["jmdnCode"] = .unknown
        // Answer "?" to the certification standard, "no" to an approval standard and everything else with "yes" or the first choice.
        var asked: [String] = []
        var answers = start
        let questionnaire = Questionnaire(rules: rules, asOf: "2026-11-25")
        while let step = questionnaire.next(after: answers) {
            asked.append(step.input.name)
            if step.input.name == "certificationStandardExists" { answers[step.input.name] = .unknown; continue }
            // An approval standard would rule a certification standard out (one or the other per generic name).
            if step.input.name == "approvalStandardExists" { answers[step.input.name] = .value(.boolean(false)); continue }
            answers[step.input.name] = .value(step.choices == ["true", "false"] ? .boolean(true) : .string(step.choices?.first ?? ""))
        }
        let afterQuestionMark = asked.drop { $0 != "certificationStandardExists" }.dropFirst()
        #expect(afterQuestionMark.contains("conformsToCertificationStandard"), "\(asked)")
        #expect(afterQuestionMark.contains("novelty"), "\(asked)")
        #expect(afterQuestionMark.contains("holdsValidQmsCertificateSameGroup"), "\(asked)")
        // A certification standard implies a generic name: asked before the standard, never after it was answered.
        let a = Assessor(rules: rules).assess(answers, asOf: "2026-11-25", absentIsUnknown: false)
        #expect(a.unanswered.isEmpty)
        let certification = try #require(a.alternatives.first { $0.value("pathway") == .string("certification") })
        #expect(certification.when.contains { $0.contains { $0.input == "certificationStandardExists" && $0.value == .boolean(true) } })
    }

    @Test func anAnswerContradictingAnImplicationIsRefusedAtThePrompt() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        var start = try AnswersFile.load(Fixtures.sample("home-blood-pressure-monitor.xml"), rules: rules)
        start["certificationStandardExists"] = .value(.boolean(false))
        start["jmdnCode"] = nil
        start["assessmentKind"] = .value(.string("new-product"))
        start["deviceClass"] = .unknown
        // The JMDN code's certification standard contradicts the earlier "no": the code is refused, then "?" is taken.
        var s = InteractiveSession(rules: rules, language: .en, savePath: nil,
                                   console: ScriptedConsole(["16173000", "?"] + Array(repeating: "?", count: 30)), asOf: "2026-11-25")
        let (answers, _) = try s.run(from: start)
        #expect(s.console.transcript.contains("certificationStandardExists = no contradicts jmdnCode = 16173000"))
        #expect(answers["jmdnCode"] == .unknown)
    }
}
