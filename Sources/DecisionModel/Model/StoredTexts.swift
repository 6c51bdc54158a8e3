import Synchronization

/// Texts kept as the UTF-8 bytes they were stored as, made into strings only when read: the rules cache holds some
/// 600 kB of rule annotations (sources and notes, much of it Japanese), and validating them all as UTF-8 was a
/// quarter of loading the rules, while a report reads the annotations of a few matched rules only.
///
/// The bytes must be valid UTF-8 (the cache checked the entry's hash before anything was read from it); a string
/// made from invalid bytes would have them replaced, never read past.
public final class StoredTexts: Sendable {
    /// The bytes the texts are in (a whole cache entry, not copied).
    private let bytes: [UInt8]
    /// Text `n` is `bytes[starts[n]..<starts[n + 1]]`.
    private let starts: [Int32]
    /// The texts `text(_:)` made, so that a batch, which traces the same rules for every profile, makes each once
    /// (sized at the first).
    private let made = Mutex<[String?]>([])

    /// `lengths`: the byte count of each text, in order, the texts laid end to end in `bytes` from `start`; nil when
    /// they run past its end.
    public init?(bytes: [UInt8], start: Int, lengths: [Int]) {
        guard start >= 0, start <= bytes.count, bytes.count <= Int(Int32.max) else { return nil }
        var starts: [Int32] = []
        starts.reserveCapacity(lengths.count + 1)
        var end = start
        starts.append(Int32(end))
        for length in lengths {
            guard length <= bytes.count - end else { return nil }
            end += length
            starts.append(Int32(end))
        }
        self.bytes = bytes
        self.starts = starts
    }

    public var count: Int { starts.count - 1 }

    /// Text `number`, made once.
    public func text(_ number: Int) -> String {
        made.withLock { made in
            if made.isEmpty { made = Array(repeating: nil, count: count) }
            if let known = made[number] { return known }
            let text = freshText(number)
            made[number] = text
            return text
        }
    }

    /// Text `number`, made anew (for a reader that keeps what it made).
    public func freshText(_ number: Int) -> String {
        bytes.withUnsafeBufferPointer { all in
            String(decoding: UnsafeBufferPointer(rebasing: all[Int(starts[number])..<Int(starts[number + 1])]), as: UTF8.self)
        }
    }
}

/// A list of texts, either strings or numbers of texts in a `StoredTexts` not yet read.
public struct TextList: Sendable {
    private enum Storage {
        case strings([String])
        case stored(StoredTexts, [Int32])
    }

    private var storage: Storage

    public init(_ strings: [String]) { storage = .strings(strings) }

    /// `numbers` must be below `texts.count`.
    public init(_ texts: StoredTexts, numbers: [Int32]) { storage = .stored(texts, numbers) }

    public var strings: [String] {
        switch storage {
        case .strings(let strings): strings
        case .stored(let texts, let numbers): numbers.map { texts.text(Int($0)) }
        }
    }
}
