import DecisionModel
import Foundation
import Synchronization

/// Assesses many profiles on every core, writing one JSON line per profile in the profiles' order.
public struct BatchAssessment: Sendable {
    public struct Line: Sendable {
        /// The line's JSON as UTF-8 (no newline).
        public var utf8: [UInt8]
        public var json: String { String(decoding: utf8, as: UTF8.self) }
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
    /// failed.
    public func run(_ profiles: [BatchProfile], emit: (Line) -> Void, progress: (Int) -> Void = { _ in }) -> Int {
        run(BatchSource(profiles), emit: emit, progress: progress)
    }

    /// The same, the profiles read from `source` a chunk at a time and assessed a chunk at a time: a CSV's rows are
    /// parsed as the batch reaches them, so memory stays bounded however long the batch.
    public func run(_ source: BatchSource, emit: (Line) -> Void, progress: (Int) -> Void = { _ in }) -> Int {
        let assessor = Assessor(rules: rules, manyProfiles: true)
        // One as-of date for the whole batch, so that equal profiles give equal lines even across midnight.
        var dated = self
        dated.asOf = asOf ?? Today.iso()
        let batch = dated
        let memo = BatchMemo()
        let rows = RuleRowsJSON(rules: rules, language: language, citations: rules.citations)
        let chunk = max(1, workers) * 64
        var failed = 0
        var done = 0
        while true {
            let part = source.next(chunk)
            if part.isEmpty { break }
            let next = Mutex(part.startIndex)
            let lines = Mutex([Line?](repeating: nil, count: part.count))
            DispatchQueue.concurrentPerform(iterations: max(1, min(workers, part.count))) { _ in
                while true {
                    let i = next.withLock { index in
                        defer { index += 1 }
                        return index
                    }
                    guard i < part.endIndex else { return }
                    let line = batch.line(part[i], assessor, memo, rows)
                    lines.withLock { $0[i - part.startIndex] = line }
                }
            }
            for line in lines.withLock({ $0 }) {
                guard let line else { continue }
                if !line.succeeded { failed += 1 }
                emit(line)
            }
            done += part.count
            progress(done)
        }
        return failed
    }

    func line(_ profile: BatchProfile, _ assessor: Assessor, _ memo: BatchMemo? = nil, _ rows: RuleRowsJSON? = nil) -> Line {
        var place: [(String, JSONValue)] = [
            ("id", .string(profile.id)), ("file", .string(profile.file)),
            ("row", profile.row.map { .number(String($0)) } ?? .null),
        ]
        do {
            // The line after the profile's place depends on the answers alone (the date, language, overrides and
            // rules are the batch's): profiles with equal answers, or equal CSV cells, share it.
            let rest: [UInt8]
            if let cells = profile.cells {
                // A CSV row is looked up by its cells alone: keying its answers too cost more than a batch of
                // distinct rows gets back (rows equal but for the spelling of a value are assessed once each).
                if let known = memo?.known(cells: cells) {
                    rest = known
                } else {
                    rest = try assessed(try answers(of: profile), profile, assessor, rows)
                    memo?.remember(cells: cells, rest)
                }
            } else {
                let answers = try answers(of: profile)
                if let known = memo?.known(answers) {
                    rest = known
                } else {
                    rest = try assessed(answers, profile, assessor, rows)
                    memo?.remember(answers, rest)
                }
            }
            // The place's object, its closing brace dropped, then the assessment's members after a comma.
            var json = JSONValue.object(place).compactUTF8()
            json.removeLast()
            if rest.count > 2 { json.append(UInt8(ascii: ",")) }
            json.append(contentsOf: rest.dropFirst())
            return Line(utf8: json, succeeded: true)
        } catch {
            place.append(("error", .string(error.description)))
            place.append(("problems", .array(error.problems.map { problem in
                // 0 means "not known" in a problem's place.
                .object([("file", .string(problem.file)), ("line", problem.line > 0 ? .number(String(problem.line)) : .null),
                         ("column", problem.column > 0 ? .number(String(problem.column)) : .null),
                         ("message", .string(problem.message))])
            })))
            return Line(utf8: JSONValue.object(place).compactUTF8(), succeeded: false, error: error)
        }
    }
}

extension BatchAssessment {
    /// The profile's answers, then the batch's own (`--set`).
    func answers(of profile: BatchProfile) throws(AdvisorError) -> Answers {
        var answers = try profile.read(rules)
        answers.merge(overrides)
        return answers
    }

    /// The assessment's JSON, or as `yakuji assess` on the profile alone would refuse it: answers that contradict
    /// one another, or rules that break their hit policy on these answers.
    func assessed(_ answers: Answers, _ profile: BatchProfile, _ assessor: Assessor,
                  _ rows: RuleRowsJSON? = nil) throws(AdvisorError) -> [UInt8] {
        let assessment = assessor.assess(answers, asOf: asOf, absentIsUnknown: true)
        if !assessment.contradictions.isEmpty {
            throw AdvisorError(assessment.contradictions.map {
                DMNProblem(file: profile.file, line: profile.row ?? 0, message: $0.message(answers, rules: rules, language: language))
            })
        }
        if let broken = assessment.ruleErrors(model: rules.model) { throw broken }
        return AssessmentJSON.document(assessment, language: language, citations: rules.citations, rows: rows).compactUTF8()
    }
}

/// Assessments already written in a batch, by the answers that gave them: many profiles of a batch (generated
/// variants, repeated devices) are equal. Bounded in bytes, so a batch of distinct profiles keeps memory flat.
final class BatchMemo: Sendable {
    private let entries = Mutex<(buckets: [Int: [(answers: Answers, json: [UInt8])]], bytes: Int)>(([:], 0))
    private let rows = Mutex<(lines: [[String]: [UInt8]], bytes: Int)>(([:], 0))
    /// A line of the bundled rules' JSON is tens of kilobytes: this keeps some hundreds of them.
    static let capacity = 32 << 20

    func known(cells: [String]) -> [UInt8]? { rows.withLock { $0.lines[cells] } }

    func remember(cells: [String], _ json: [UInt8]) {
        rows.withLock { state in
            let size = cells.reduce(json.count) { $0 + $1.utf8.count + 16 }
            guard state.bytes + size <= Self.capacity, state.lines[cells] == nil else { return }
            state.lines[cells] = json
            state.bytes += size
        }
    }

    func known(_ answers: Answers) -> [UInt8]? {
        let key = Self.key(answers)
        return entries.withLock { $0.buckets[key]?.first { $0.answers == answers }?.json }
    }

    func remember(_ answers: Answers, _ json: [UInt8]) {
        let key = Self.key(answers)
        entries.withLock { state in
            let size = json.count + MemoryLayout<Int>.size
            guard state.bytes + size <= Self.capacity, state.buckets[key]?.contains(where: { $0.answers == answers }) != true else { return }
            state.buckets[key, default: []].append((answers, json))
            state.bytes += size
        }
    }

    /// Equal answers give equal keys; unequal ones rarely do (a hit is confirmed by comparing the answers). A hash,
    /// not a text: spelling every answer out cost more than a batch of distinct profiles ever gets back from the memo.
    private static func key(_ answers: Answers) -> Int {
        var hasher = Hasher()
        hasher.combine(answers.device)
        for name in answers.order {
            hasher.combine(name)
            switch answers[name] {
            case .value(let value)?:
                // Values equal in FEEL but spelt differently only miss the memo.
                switch value {
                case .string(let text): hasher.combine(0); hasher.combine(text)
                case .boolean(let flag): hasher.combine(1); hasher.combine(flag)
                default: hasher.combine(2); hasher.combine(value.description)
                }
            case .unknown?: hasher.combine(3)
            case nil: break
            }
        }
        return hasher.finalize()
    }
}
