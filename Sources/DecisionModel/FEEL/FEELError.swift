/// A problem in an S-FEEL text: a syntax error thrown while parsing, or a runtime problem
/// recorded while evaluating (the value of the failing part is then `null`, as FEEL says).
public struct FEELError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The whole source text the problem was found in.
    public let expression: String
    /// 0-based character offset of the problem in `expression`.
    public let offset: Int
    /// What is wrong, e.g. `expected ')' to close '(' opened at offset 3`.
    public let message: String

    public init(expression: String, offset: Int, message: String) {
        self.expression = expression
        self.offset = max(0, offset)
        self.message = message
    }

    /// `<message> at offset N in: <expression>`, followed by a caret line under the offending
    /// character when the expression fits on one line.
    public var description: String {
        let head = "\(message) at offset \(offset) in: "
        var text = head + expression
        // Not under a message that quotes a nested problem (a function's, with its own caret line): padded by the
        // whole head, the text doubled at each level of calls (2⁶⁴ characters for a recursion 64 calls deep).
        if !expression.contains(where: \.isNewline) && !message.contains(where: \.isNewline) {
            text += "\n" + String(repeating: " ", count: head.count + offset) + "^"
        }
        return text
    }
}

/// Converts offsets counted in Unicode scalars (what the lexer walks) to offsets counted in
/// Characters (what a person sees), so that error offsets match `String.count` arithmetic.
struct FEELSourceText: Sendable {
    let text: String
    private let isASCII: Bool

    init(_ text: String) {
        self.text = text
        self.isASCII = text.utf8.allSatisfy { $0 < 0x80 }
    }

    /// For a caller that has just scanned the bytes.
    init(_ text: String, isASCII: Bool) {
        self.text = text
        self.isASCII = isASCII
    }

    /// Made for each use (the lexer's one pass, an error's offset), not kept: every cell of a table holds its
    /// source text, and an array of its scalars beside it was one more allocation per cell for nothing.
    /// Filled in one pass: `Array(_:)` of the scalar view counted the scalars first.
    var scalars: [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { scalars.append(scalar) }
        return scalars
    }

    func characterOffset(ofScalar offset: Int) -> Int {
        let clamped = max(0, offset)
        if isASCII { return min(clamped, text.utf8.count) }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: text.unicodeScalars.prefix(clamped))
        return String(view).count
    }

    func error(_ message: String, at scalarOffset: Int) -> FEELError {
        FEELError(expression: text, offset: characterOffset(ofScalar: scalarOffset), message: message)
    }
}
