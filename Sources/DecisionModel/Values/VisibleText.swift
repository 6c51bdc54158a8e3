/// Text made safe to show on a terminal or in a document: characters a terminal or renderer would act on
/// instead of showing (escape sequences, carriage returns, direction overrides) appear as `\u{1B}`.
public enum VisibleText {
    /// C0 and C1 controls, DEL, and the invisible bidirectional marks, embeddings, overrides and isolates
    /// (which can make text read differently from what it is).
    public static func isHazard(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        case 0xFFFE, 0xFFFF: true   // not characters at all; XML cannot store them
        default: false
        }
    }

    public static func containsHazard(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: isHazard)
    }

    /// The first hazardous character of `text`, as `U+001B`.
    public static func firstHazard(in text: String) -> String? {
        text.unicodeScalars.first(where: isHazard).map(codePoint)
    }

    /// `text` with every hazardous character shown as `\u{…}`; newlines (and tabs) are kept when asked.
    public static func sanitize(_ text: String, keepNewlines: Bool = true) -> String {
        // Whole reports and JSON documents pass through here: decide on their bytes when they are ASCII, and keep
        // the text as it is when nothing in it needs showing differently.
        func shown(_ scalar: Unicode.Scalar) -> Bool { keepNewlines && (scalar == "\n" || scalar == "\t") || !isHazard(scalar) }
        if let clean = text.utf8.withContiguousStorageIfAvailable({ !mayHoldHazard($0, keepNewlines: keepNewlines) }), clean { return text }
        guard !text.unicodeScalars.allSatisfy(shown) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if shown(scalar) {
                out.append(scalar)
            } else {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            }
        }
        return String(out)
    }

    /// Whether UTF-8 `bytes` may encode a character `sanitize` shows differently, decided byte by byte: every
    /// hazard is a control byte or starts with one of four lead bytes, and the text around it (Japanese, mostly)
    /// is skipped without decoding it.
    /// `forJSON`: also `"`, `\` and U+2028/U+2029, which a JSON string escapes besides the hazards.
    static func mayHoldHazard(_ bytes: UnsafeBufferPointer<UInt8>, keepNewlines: Bool, forJSON: Bool = false) -> Bool {
        let n = bytes.count
        func at(_ i: Int) -> UInt8 { i < n ? bytes[i] : 0 }
        var i = 0
        // Most bytes are skipped on one table lookup: every string of a JSON report, and every text report, is scanned.
        return skippableBytes.withUnsafeBufferPointer { skippable in
            while i < n {
                let b = bytes[i]
                if skippable[Int(b)] {
                    i += 1
                    continue
                }
                switch b {
                case 0x0A, 0x09: if !keepNewlines { return true }
                case 0x00...0x1F, 0x7F: return true
                case 0x22, 0x5C: if forJSON { return true }
                case 0xC2: if (0x80...0x9F).contains(at(i + 1)) { return true }                        // U+0080–U+009F
                case 0xD8: if at(i + 1) == 0x9C { return true }                                         // U+061C
                case 0xE2:
                    let (x, y) = (at(i + 1), at(i + 2))
                    if x == 0x80 && (y == 0x8E || y == 0x8F || (0xAA...0xAE).contains(y)) { return true }  // U+200E/F, U+202A–E
                    if forJSON && x == 0x80 && (y == 0xA8 || y == 0xA9) { return true }                 // U+2028/9
                    if x == 0x81 && (0xA6...0xA9).contains(y) { return true }                           // U+2066–U+2069
                case 0xEF: if at(i + 1) == 0xBF && (at(i + 2) == 0xBE || at(i + 2) == 0xBF) { return true }  // U+FFFE/F
                default: break
                }
                i += 1
            }
            return false
        }
    }

    /// The bytes `mayHoldHazard` never needs to look at, by value: printable ASCII other than `"` and `\`, and
    /// every byte of a multi-byte character other than the four lead bytes a hazard can start with.
    private static let skippableBytes: [Bool] = (0...255).map { b in
        (0x20...0x7E).contains(b) && b != 0x22 && b != 0x5C || b >= 0x80 && ![0xC2, 0xD8, 0xE2, 0xEF].contains(b)
    }

    /// One character as it may be shown inside a single-line message.
    public static func escaped(_ character: Character) -> String {
        sanitize(String(character), keepNewlines: false)
    }

    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
