/// What a TCK run found: one outcome per test case, never per result node.
public struct TCKReport: Sendable {
    public enum Outcome: Sendable, Equatable { case passed, failed, skipped }

    /// One result node whose value differs from the expected one.
    public struct Mismatch: Sendable {
        public var result: String
        public var expected: FEELValue
        /// Nil when there is no value to compare (the result node names no decision of the model).
        public var actual: FEELValue?
        public var location: SourceLocation
    }

    /// One test case.
    public struct CaseResult: Sendable, CustomStringConvertible {
        /// The folder of the test file (`compliance-level-3/0001-filter`), the unit of `--by-folder`.
        public var group: String
        public var model: String
        public var id: String
        public var outcome: Outcome
        public var mismatches: [Mismatch]
        /// Why the case failed or was skipped, beyond value mismatches (a model that did not load, …).
        public var reasons: [String]
        /// Problems the engine reported while evaluating (shown with a failure).
        public var notes: [String]
        public var location: SourceLocation

        public var description: String {
            let head = outcome == .skipped ? "SKIP" : "FAIL"
            var text = "\(head) \(model) case \(id) (\(location))"
            if let first = mismatches.first, reasons.isEmpty, mismatches.count == 1 {
                text += ": \(first.result)"
                text += Self.values(first)
            } else {
                text += ":" + (reasons.isEmpty ? "" : " " + reasons.joined(separator: "; "))
                for mismatch in mismatches { text += "\n  result \(mismatch.result) (\(mismatch.location)):" + Self.values(mismatch) }
            }
            for note in notes { text += "\n  note: \(note)" }
            return text
        }

        private static func values(_ mismatch: Mismatch) -> String {
            "\n  expected: \(mismatch.expected)\n  actual:   " + (mismatch.actual.map(\.description) ?? "(no such decision)")
        }
    }

    public struct Group: Sendable, Equatable {
        public var name: String
        public var passed = 0
        public var failed = 0
        public var skipped = 0
    }

    public var cases: [CaseResult] = []
    /// Problems in the models under test, each printed once (their cases are failed, not left out).
    public var modelProblems: [DMNProblem] = []
    /// Paths and test files that could not be read at all: their cases could not even be counted.
    public var loadProblems: [DMNProblem] = []

    public init() {}

    public var passed: Int { cases.count { $0.outcome == .passed } }
    public var failed: Int { cases.count { $0.outcome == .failed } }
    public var skipped: Int { cases.count { $0.outcome == .skipped } }
    public var failures: [CaseResult] { cases.filter { $0.outcome == .failed } }
    public var skips: [CaseResult] { cases.filter { $0.outcome == .skipped } }

    /// Counts per folder, in the order the folders were run.
    public var groups: [Group] {
        var order: [String] = []
        var byName: [String: Group] = [:]
        for result in cases {
            if byName[result.group] == nil {
                order.append(result.group)
                byName[result.group] = Group(name: result.group)
            }
            switch result.outcome {
            case .passed: byName[result.group]?.passed += 1
            case .failed: byName[result.group]?.failed += 1
            case .skipped: byName[result.group]?.skipped += 1
            }
        }
        return order.compactMap { byName[$0] }
    }

    /// `N passed, N failed`, with `, N skipped` only when some case could not be run at all.
    public var summary: String {
        var line = "\(passed) passed, \(failed) failed"
        if skipped > 0 { line += ", \(skipped) skipped" }
        return line
    }
}
