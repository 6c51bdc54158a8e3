import XMLSupport

/// Bounds on what Yakuji reads from a user, so that no answer file or value makes it slow, huge or noisy.
/// Each default is a named constant; each has a command-line flag to raise it (README "Limits").
public struct InputLimits: Sendable, Equatable {
    /// An answer file above this size is refused before it is parsed (`--max-file-size`).
    public static let defaultMaxAnswerFileBytes = 1 << 20
    /// More answers than this in one file is refused (`--max-answers`); the rules have fewer than a hundred inputs.
    public static let defaultMaxAnswers = 1_000
    /// A longer value or device label is refused (`--max-value-length`, in characters).
    public static let defaultMaxValueLength = 1_000
    /// Only this many errors are printed, then "and N more" (`--max-errors`).
    public static let defaultMaxErrors = 20

    public var maxAnswerFileBytes: Int
    public var maxAnswers: Int
    public var maxValueLength: Int
    public var maxErrors: Int

    public init(maxAnswerFileBytes: Int = defaultMaxAnswerFileBytes, maxAnswers: Int = defaultMaxAnswers,
                maxValueLength: Int = defaultMaxValueLength, maxErrors: Int = defaultMaxErrors) {
        self.maxAnswerFileBytes = maxAnswerFileBytes
        self.maxAnswers = maxAnswers
        self.maxValueLength = maxValueLength
        self.maxErrors = maxErrors
    }

    public static let standard = InputLimits()

    /// Nil when `text` is short enough; otherwise why not.
    func valueProblem(_ text: String) -> String? {
        // utf8.count bounds the character count from above and is O(1) for native strings.
        guard text.utf8.count > maxValueLength, text.count > maxValueLength else { return nil }
        return "the value is \(text.count) characters long, more than the limit of \(maxValueLength) (--max-value-length)"
    }
}

extension AdvisorError {
    /// The problems, each once, the first `limit` of them followed by how many more there are.
    public func summary(limit: Int = InputLimits.defaultMaxErrors) -> String {
        var seen: Set<String> = []
        let lines = problems.map(\.description).filter { seen.insert($0).inserted }
        guard lines.count > limit else { return lines.joined(separator: "\n") }
        let more = lines.count - limit
        return (lines.prefix(limit) + ["… and \(more) more error\(more == 1 ? "" : "s") (--max-errors shows more)"]).joined(separator: "\n")
    }
}
