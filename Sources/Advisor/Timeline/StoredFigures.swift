import DecisionModel
import Foundation
import Synchronization
import XMLSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Simulated timeline figures kept in the cache folder between runs (README, "Rules cache"). A plan's figures depend
/// only on its numbers, the as-of date, the draws, the seed and the program that drew them, so a later run meeting
/// the same plan reads them instead of drawing again: six plans are a twelfth of a cold `assess` of an empty answer
/// file. Like the rules cache it never changes what a run prints: an entry is found by its whole key, and a file that
/// is missing, damaged, another user's or another program's is ignored and replaced.
final class StoredFigures: Sendable {
    let folder: String
    let program: String
    private let state = Mutex(State())

    private struct State {
        var loaded = false
        /// By key, in the order they were kept (the oldest are dropped first).
        var entries: [[UInt8]: TimelineEstimator.Figures] = [:]
        var order: [[UInt8]] = []
        /// Drawn by this process, not yet written.
        var added: [(key: [UInt8], figures: TimelineEstimator.Figures)] = []
    }

    /// About 150 bytes an entry: the plans a busy user meets in a day, in a file read only when a plan is needed.
    static let limit = 1024
    static let fileName = "timeline-figures.cache"
    static let magic = Array("YAKUJI-TIMELINE-FIGURES\n".utf8)
    /// Bumped whenever the layout of the key or of the figures changes.
    static let formatVersion = 1

    init(folder: String, program: String) {
        self.folder = folder
        self.program = program
    }

    /// The store of a rules cache; nil when the program cannot be identified.
    convenience init?(_ cache: RulesCache) {
        guard let program = RulesCacheKey.programIdentity() else { return nil }
        self.init(folder: cache.folder, program: program)
    }

    var path: String { (folder as NSString).appendingPathComponent(Self.fileName) }
    private var key: String { "format \(Self.formatVersion)\nprogram \(program)" }

    func figures(for key: [UInt8]) -> TimelineEstimator.Figures? {
        state.withLock { state in
            if !state.loaded {
                state.loaded = true
                (state.entries, state.order) = read() ?? ([:], [])
            }
            return state.entries[key]
        }
    }

    /// Keeps figures this process drew; they are written when the process exits.
    func keep(_ figures: TimelineEstimator.Figures, for key: [UInt8]) {
        let first = state.withLock { state in
            state.added.append((key, figures))
            return state.added.count == 1
        }
        if first { Self.writeAtExit(self) }
    }

    /// Adds what this process drew to what the file holds now (another process may have written it since), keeps
    /// the newest `limit`, and replaces the file. Failures are ignored.
    func write() {
        let added = state.withLock { state in
            defer { state.added = [] }
            return state.added
        }
        // Only into a folder that is still there: a cache folder deleted meanwhile (a test's) is not made again.
        var info = stat()
        guard !added.isEmpty, stat(folder, &info) == 0 else { return }
        var (entries, order) = read() ?? ([:], [])
        for (key, figures) in added where entries.updateValue(figures, forKey: key) == nil { order.append(key) }
        let kept = order.suffix(Self.limit)
        var payload = ByteWriter()
        payload.varint(kept.count)
        for key in kept {
            payload.varint(key.count)
            payload.raw(key)
            entries[key]!.encode(into: &payload)
        }
        _ = RulesCache(folder: folder).store(RulesCache.frame(payload.bytes, magic: Self.magic, key: self.key), at: path)
    }

    private func read() -> ([[UInt8]: TimelineEstimator.Figures], [[UInt8]])? {
        RulesCache(folder: folder).readFramed(at: path, magic: Self.magic, key: key) { payload in
            var reader = ByteReader(payload)
            guard let count = reader.count() else { return nil }
            var entries: [[UInt8]: TimelineEstimator.Figures] = [:]
            var order: [[UInt8]] = []
            for _ in 0..<count {
                guard let length = reader.varint(), let bytes = reader.bytes(length),
                      let figures = TimelineEstimator.Figures(from: &reader) else { return nil }
                let key = [UInt8](bytes)
                if entries.updateValue(figures, forKey: key) == nil { order.append(key) }
            }
            return reader.remaining == 0 ? (entries, order) : nil
        }
    }

    private static let pending = Mutex<[StoredFigures]>([])

    private static func writeAtExit(_ store: StoredFigures) {
        let first = pending.withLock { stores in
            stores.append(store)
            return stores.count == 1
        }
        // At exit rather than after each assessment: a batch meets hundreds of new plans.
        if first { atexit { StoredFigures.writeAll() } }
    }

    /// Writes every store with figures drawn since (what `atexit` runs).
    static func writeAll() {
        for store in pending.withLock({ $0 }) { store.write() }
    }
}

extension TimelineEstimator.CacheKey {
    /// The key as bytes, every field, as the store finds an entry by.
    var bytes: [UInt8] {
        var out = ByteWriter()
        out.varint(stages.count)
        for stage in stages {
            out.string(stage.phase.rawValue)
            out.string(stage.group)
            out.uint64(stage.p50)
            out.uint64(stage.p80)
            out.uint64(stage.probability)
            out.signed(stage.cycles)
        }
        out.string(start.rawValue)
        out.byte(referenceFollowsJapaneseSubmission ? 1 : 0)
        out.optional(referenceMarket) { $0.string($1) }
        out.varint(dates.count)
        for date in dates { out.optional(date) { $0.signed($1) } }
        out.signed(asOf)
        out.signed(draws)
        out.uint64(seed)
        return out.bytes
    }
}

extension TimelineEstimator.Figures {
    init(review: TimelineEstimate.Range, submission: TimelineEstimate.Range, decision: TimelineEstimate.Range,
         lag: TimelineEstimate.Range?, applicationLag: TimelineEstimate.Range?, reviewLag: TimelineEstimate.Range?,
         probabilityJapanFirst: Double?, submissionDate: TimelineEstimate.DateRange?, decisionDate: TimelineEstimate.DateRange?,
         startsOnAsOf: Bool, referenceStart: Double?, referenceLength: TimelineEstimate.Range?) {
        self.review = review
        self.submission = submission
        self.decision = decision
        self.lag = lag
        self.applicationLag = applicationLag
        self.reviewLag = reviewLag
        self.probabilityJapanFirst = probabilityJapanFirst
        self.submissionDate = submissionDate
        self.decisionDate = decisionDate
        self.startsOnAsOf = startsOnAsOf
        self.referenceStart = referenceStart
        self.referenceLength = referenceLength
    }

    func encode(into out: inout ByteWriter) {
        func range(_ r: TimelineEstimate.Range?) { out.optional(r) { $0.double($1.p50); $0.double($1.p80) } }
        func dates(_ r: TimelineEstimate.DateRange?) { out.optional(r) { $0.signed($1.p50.daysSinceEpoch); $0.signed($1.p80.daysSinceEpoch) } }
        range(review)
        range(submission)
        range(decision)
        range(lag)
        range(applicationLag)
        range(reviewLag)
        out.optional(probabilityJapanFirst) { $0.double($1) }
        dates(submissionDate)
        dates(decisionDate)
        out.byte(startsOnAsOf ? 1 : 0)
        out.optional(referenceStart) { $0.double($1) }
        range(referenceLength)
    }

    /// What `encode` wrote; nil when the bytes are not that.
    init?(from reader: inout ByteReader) {
        func flag() -> Bool? { reader.byte().flatMap { $0 <= 1 ? $0 == 1 : nil } }
        func double() -> Double? { reader.uint64().map(Double.init(bitPattern:)) }
        func day() -> FEELDate? { reader.uint64().flatMap { FEELDate(daysSinceEpoch: Int(Int64(bitPattern: $0))) } }
        /// Nil: damaged; .some(nil): absent.
        func range() -> TimelineEstimate.Range?? {
            guard let present = flag() else { return nil }
            guard present else { return .some(nil) }
            guard let p50 = double(), let p80 = double() else { return nil }
            return TimelineEstimate.Range(p50: p50, p80: p80)
        }
        func dates() -> TimelineEstimate.DateRange?? {
            guard let present = flag() else { return nil }
            guard present else { return .some(nil) }
            guard let p50 = day(), let p80 = day() else { return nil }
            return TimelineEstimate.DateRange(p50: p50, p80: p80)
        }
        func number() -> Double?? {
            guard let present = flag() else { return nil }
            guard present else { return .some(nil) }
            return double().map { $0 }
        }
        guard let review = range() ?? nil, let submission = range() ?? nil, let decision = range() ?? nil,
              let lag = range(), let applicationLag = range(), let reviewLag = range(), let probability = number(),
              let submissionDate = dates(), let decisionDate = dates(), let startsOnAsOf = flag(),
              let referenceStart = number(), let referenceLength = range() else { return nil }
        self.init(review: review, submission: submission, decision: decision, lag: lag, applicationLag: applicationLag,
                  reviewLag: reviewLag, probabilityJapanFirst: probability, submissionDate: submissionDate,
                  decisionDate: decisionDate, startsOnAsOf: startsOnAsOf, referenceStart: referenceStart,
                  referenceLength: referenceLength)
    }
}

extension ByteWriter {
    mutating func signed(_ value: Int) { uint64(UInt64(bitPattern: Int64(value))) }
    mutating func double(_ value: Double) { uint64(value.bitPattern) }

    /// A presence byte, then the value.
    mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        byte(value == nil ? 0 : 1)
        if let value { write(&self, value) }
    }
}
