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
        if text.utf8.allSatisfy({ $0 < 0x80 && ($0 >= 0x20 && $0 != 0x7F || keepNewlines && ($0 == 0x0A || $0 == 0x09)) }) { return text }
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

    /// One character as it may be shown inside a single-line message.
    public static func escaped(_ character: Character) -> String {
        sanitize(String(character), keepNewlines: false)
    }

    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
