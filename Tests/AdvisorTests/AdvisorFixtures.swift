import Foundation
@testable import Advisor
import TestScratch

enum Fixtures {
    static var folder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }

    static var miniRules: String { folder + "/rules" }

    static var bundledRules: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Rules").path
    }

    static func mini() throws -> RuleSet { try RuleSet.load(directory: miniRules) }

    /// A sample answer file by name.
    static func sample(_ name: String) -> String { bundledRules + "/../Samples/" + name }

    static func temporaryFile(_ name: String) -> String {
        TestScratch.path(name).path
    }
}

/// A console that types scripted lines and records what was shown.
struct ScriptedConsole: Console {
    var lines: [String]
    var transcript = ""
    /// Ctrl-C after this many lines were read, while the next question is worked out (nil: never).
    var stopAfter: Int?
    private var read = 0

    init(_ lines: [String]) { self.lines = lines }

    mutating func readLine(prompt: String) -> String? {
        transcript += prompt
        guard !lines.isEmpty else { return nil }
        let line = lines.removeFirst()
        transcript += line + "\n"
        read += 1
        return line
    }

    var stopRequested: Bool { stopAfter.map { read >= $0 } ?? false }

    mutating func write(_ text: String) { transcript += text }
}
