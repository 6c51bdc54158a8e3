import DecisionModel
import Foundation
import Synchronization

/// Assesses many profiles on every core, writing one JSON line per profile in the profiles' order.
public struct BatchAssessment: Sendable {
    public struct Line: Sendable {
        public var json: String
        public var succeeded: Bool
        /// The problems of a profile that could not be read, for a message to a person.
        public var error: AdvisorError?
    }

    public var rules: RuleSet
    public var asOf: String?
    public var language: Language
    /// Answers applied to every profile after its own (`--set`).
    public var overrides = Answers()
    public var workers = ProcessInfo.processInfo.activeProcessorCount

    public init(rules: RuleSet, asOf: String?, language: Language) {
        self.rules = rules
        self.asOf = asOf
        self.language = language
    }

    /// Calls `emit` for each profile in order, and `progress` with the count done after each chunk; returns how many
    /// failed. Profiles are assessed a chunk at a time, so memory stays bounded however long the batch.
    public func run(_ profiles: [BatchProfile], emit: (Line) -> Void, progress: (Int) -> Void = { _ in }) -> Int {
        let assessor = Assessor(rules: rules)
        let chunk = max(1, workers) * 64
        var failed = 0
        var start = 0
        while start < profiles.count {
            let part = profiles[start..<min(start + chunk, profiles.count)]
            let next = Mutex(part.startIndex)
            let lines = Mutex([Line?](repeating: nil, count: part.count))
            DispatchQueue.concurrentPerform(iterations: max(1, min(workers, part.count))) { _ in
                while true {
                    let i = next.withLock { index in
                        defer { index += 1 }
                        return index
                    }
                    guard i < part.endIndex else { return }
                    let line = self.line(profiles[i], assessor)
                    lines.withLock { $0[i - part.startIndex] = line }
                }
            }
            for line in lines.withLock({ $0 }) {
                guard let line else { continue }
                if !line.succeeded { failed += 1 }
                emit(line)
            }
            start = part.endIndex
            progress(start)
        }
        return failed
    }

    func line(_ profile: BatchProfile, _ assessor: Assessor) -> Line {
        var place: [(String, JSONValue)] = [
            ("id", .string(profile.id)), ("file", .string(profile.file)),
            ("row", profile.row.map { .number(String($0)) } ?? .null),
        ]
        do {
            var answers = try profile.read(rules)
            answers.merge(overrides)
            let assessment = assessor.assess(answers, asOf: asOf, absentIsUnknown: true)
            if case .object(let keys) = AssessmentJSON.document(assessment, language: language, citations: rules.citations) { place += keys }
            return Line(json: JSONValue.object(place).compact(), succeeded: true)
        } catch {
            place.append(("error", .string(error.description)))
            place.append(("problems", .array(error.problems.map { problem in
                // 0 means "not known" in a problem's place.
                .object([("file", .string(problem.file)), ("line", problem.line > 0 ? .number(String(problem.line)) : .null),
                         ("column", problem.column > 0 ? .number(String(problem.column)) : .null),
                         ("message", .string(problem.message))])
            })))
            return Line(json: JSONValue.object(place).compact(), succeeded: false, error: error)
        }
    }
}
