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
        let ruleSet = try RuleSet.load(directory: BundledRules.folder(rules), maxFileBytes: maxRuleFileBytes,
                                       cache: RulesCache.standard())
        var batch = BatchAssessment(rules: ruleSet, asOf: asOf, language: language)
        for assignment in assignments {
            let (name, answer) = try AnswersFile.parseAssignment(assignment, rules: ruleSet)
            batch.overrides[name] = answer
        }
        let profiles = try BatchProfiles.open(source, rules: ruleSet)
        let bar = isatty(STDERR_FILENO) == 1 ? ProgressBar(total: profiles.count) : nil
        // Lines go out through a buffer as they come (a line of the bundled rules is tens of kilobytes, a batch of
        // 100,000 some gigabytes); the bar is cleared before a chunk's first line and drawn after its last.
        var output = OutputBuffer()
        var barShown = false
        let failed = batch.run(profiles, emit: { line in
            if barShown { bar?.clear(); barShown = false }
            output.append(line.utf8)
            output.append("\n")
            if let error = line.error { Terminal.error(error.description) }
        }, progress: { done in
            output.flush()
            bar?.draw(done)
            barShown = true
        })
        output.flush()
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

/// Standard output written in large pieces straight from a buffer of bytes.
struct OutputBuffer {
    private var bytes: [UInt8] = []

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        if bytes.count >= 1 << 20 { flush() }
    }

    mutating func append(_ utf8: [UInt8]) {
        bytes.append(contentsOf: utf8)
        if bytes.count >= 1 << 20 { flush() }
    }

    mutating func flush() {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
