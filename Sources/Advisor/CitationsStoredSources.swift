import DecisionModel
import Foundation
import XMLSupport

/// The research sources of a rule set with their notes already removed (`Citations.withoutResearchNotes`), as a
/// rules cache entry keeps them: removing the notes costs every cold run milliseconds (ICU, Foundation's trimming)
/// for the few dozen sources a report shows, the same texts each time.
///
/// Kept as one byte buffer sorted by source bytes and searched by bisection, so that reading an entry builds no
/// strings and hashes none of the hundreds of texts a run never shows. A text not held here is stripped as before.
struct StoredSources: Equatable, Sendable {
    /// Byte ranges in `bytes`; `stripped` equals `source` when removing notes leaves the text as written.
    private struct Entry: Equatable, Sendable {
        var source: Range<Int>
        var stripped: Range<Int>
    }

    private var bytes: [UInt8] = []
    private var entries: [Entry] = []
    /// Stripped texts made so far, by entry: a batch shows the same sources again and again.
    private var made: [Int: String] = [:]

    init() {}

    /// Every source a report of `model` or `benchmarks` can show: the `source` annotations of table rows and the
    /// sources of benchmark figures, each stripped by `strip`; and their stripped forms, which the timeline strips
    /// again as it writes its stages.
    init(model: DMNModel, benchmarks: Benchmarks, strip: (String) -> String) {
        let texts = Self.sources(model: model, benchmarks: benchmarks)
        let stripped = texts.map(strip)
        self.init(pairs: Array(zip(texts, stripped)) + stripped.map { ($0, strip($0)) })
    }

    static func sources(model: DMNModel, benchmarks: Benchmarks) -> [String] {
        var texts: [String] = []
        for table in model.decisions.compactMap(\.decisionTable) {
            guard let column = table.annotationNames.firstIndex(of: "source") else { continue }
            texts += table.rules.compactMap { column < $0.annotations.count ? $0.annotations[column] : nil }
        }
        return texts + benchmarks.figures.values.flatMap { $0.evidence.map(\.source) }
    }

    init(pairs: [(source: String, stripped: String)]) {
        var seen = Set<[UInt8]>()
        let distinct = pairs.map { (Array($0.source.utf8), Array($0.stripped.utf8)) }.filter { seen.insert($0.0).inserted }
        for (source, stripped) in distinct.sorted(by: { $0.0.lexicographicallyPrecedes($1.0) }) {
            add(source, stripped == source ? nil : stripped)
        }
    }

    private mutating func add(_ source: some Collection<UInt8>, _ stripped: (some Collection<UInt8>)?) {
        let start = bytes.count
        bytes.append(contentsOf: source)
        let sourceRange = start..<bytes.count
        if let stripped { bytes.append(contentsOf: stripped) }
        entries.append(Entry(source: sourceRange, stripped: stripped == nil ? sourceRange : sourceRange.upperBound..<bytes.count))
    }

    var count: Int { entries.count }

    /// The stored stripped form of `source`, or nil when this rule set's cache did not hold it. A source that
    /// loses nothing comes back as the very string given, without building another.
    mutating func stripped(_ source: String) -> String? {
        guard let found = entry(of: source) else { return nil }
        if entries[found].stripped == entries[found].source { return source }
        if let text = made[found] { return text }
        let text = String(decoding: bytes[entries[found].stripped], as: UTF8.self)
        made[found] = text
        return text
    }

    private func entry(of source: String) -> Int? {
        var source = source
        return source.withUTF8 { query -> Int? in
            bytes.withUnsafeBufferPointer { all -> Int? in
                var (low, high) = (0, entries.count)
                while low < high {
                    let middle = (low + high) / 2
                    let order = Self.compare(query, UnsafeBufferPointer(rebasing: all[entries[middle].source]))
                    if order == 0 { return middle }
                    if order < 0 { high = middle } else { low = middle + 1 }
                }
                return nil
            }
        }
    }

    /// Equal when they hold the same texts: what was made from them is no part of that.
    static func == (a: StoredSources, b: StoredSources) -> Bool { a.bytes == b.bytes && a.entries == b.entries }

    /// Byte order, as the entries were sorted: negative when `a` comes first.
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let shared = min(a.count, b.count)
        if shared > 0, let x = a.baseAddress, let y = b.baseAddress {
            let order = memcmp(x, y, shared)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }

    /// The count, then per entry the source and 0, or the source, 1 and the stripped text.
    func encode(into writer: inout ByteWriter) {
        writer.varint(entries.count)
        for entry in entries {
            writer.varint(entry.source.count)
            writer.raw(bytes[entry.source])
            writer.byte(entry.stripped == entry.source ? 0 : 1)
            if entry.stripped != entry.source {
                writer.varint(entry.stripped.count)
                writer.raw(bytes[entry.stripped])
            }
        }
    }

    /// Nil when the bytes do not hold what `encode` writes.
    static func decode(from reader: inout ByteReader) -> StoredSources? {
        guard let count = reader.count() else { return nil }
        var stored = StoredSources()
        stored.entries.reserveCapacity(count)
        stored.bytes.reserveCapacity(reader.remaining)
        for _ in 0..<count {
            guard let length = reader.count(), let source = reader.bytes(length) else { return nil }
            switch reader.byte() {
            case 0: stored.add(source, UnsafeRawBufferPointer?.none)
            case 1:
                guard let length = reader.count(), let stripped = reader.bytes(length) else { return nil }
                stored.add(source, stripped)
            default: return nil
            }
        }
        return stored
    }
}
