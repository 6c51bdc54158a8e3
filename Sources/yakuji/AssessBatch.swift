import Advisor
import ArgumentParser
import DecisionModel
import Foundation

/// `yakuji assess --batch DIR_OR_CSV`: JSON lines on standard output, a progress bar on standard error when it
/// is a terminal, and each failed profile's problems as messages.
struct AssessBatch {
    var source: String
    var assignments: [String]
    var format: ReportFormat?
    var asOf: String?
    var language: Language
    var rules: String?
    /// --answers or --why were given too: they mean one assessment, not a batch.
    var conflicting: Bool
    var maxRuleFileBytes: Int

    func run() throws {
        if conflicting {
            Terminal.error("--batch assesses the profiles it reads: use it without --answers and --why")
            throw ExitCode(2)
        }
        if let format, format != .jsonl && format != .json {
            Terminal.error("--batch writes one JSON line per profile: use --format jsonl")
            throw ExitCode(2)
        }
        let failed: Int
        do { failed = try assess() } catch {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
        if failed > 0 { throw ExitCode(1) }
    }

    /// The number of profiles that could not be assessed; throws when the batch cannot start.
    private func assess() throws(AdvisorError) -> Int {
        let ruleSet = try RuleSet.load(directory: BundledRules.folder(rules), maxFileBytes: maxRuleFileBytes)
        var batch = BatchAssessment(rules: ruleSet, asOf: asOf, language: language)
        for assignment in assignments {
            let (name, answer) = try AnswersFile.parseAssignment(assignment, rules: ruleSet)
            batch.overrides[name] = answer
        }
        let profiles = try BatchProfiles.load(source, rules: ruleSet)
        let bar = isatty(STDERR_FILENO) == 1 ? ProgressBar(total: profiles.count) : nil
        var pending = ""
        let failed = batch.run(profiles, emit: { line in
            pending += line.json
            pending += "\n"
            if let error = line.error { bar?.clear(); Terminal.error(error.description) }
        }, progress: { done in
            bar?.clear()
            FileHandle.standardOutput.write(Data(pending.utf8))
            pending = ""
            bar?.draw(done)
        })
        bar?.clear()
        if failed > 0 { Terminal.write("\(failed) of \(profiles.count) profiles could not be assessed") }
        return failed
    }
}

/// One line on standard error, redrawn in place.
struct ProgressBar {
    var total: Int
    var width = 30

    func draw(_ done: Int) {
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        FileHandle.standardError.write(Data("\r\(bar) \(done)/\(total)".utf8))
    }

    func clear() { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
}
