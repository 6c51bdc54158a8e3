extension String {
    /// Whether trimming whitespace would leave the text as it is, decided from the bytes at its ends alone when
    /// the first and last scalar are plain ASCII or common Japanese (kana, ideographs, CJK and fullwidth
    /// punctuation); false when undecided. A trim otherwise finds the characters at both ends, a grapheme break
    /// and a property lookup each, and the rules' long Japanese texts are trimmed thousands of times per load.
    ///
    /// A scalar of these kinds is not whitespace and never joins the scalar before it into one character, so
    /// the character it ends is not whitespace either.
    public var hasPlainEnds: Bool {
        var text = self
        return text.withUTF8 { utf8 in
            let n = utf8.count
            guard n > 0 else { return false }
            let first = utf8[0] < 0x80 ? UInt32(utf8[0]) : (n >= 3 ? Self.threeByteScalar(utf8, at: 0) : nil)
            let last = utf8[n - 1] < 0x80 ? UInt32(utf8[n - 1]) : (n >= 3 ? Self.threeByteScalar(utf8, at: n - 3) : nil)
            guard let first, let last else { return false }
            return Self.isPlainEnd(first) && Self.isPlainEnd(last)
        }
    }

    private static func threeByteScalar(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        let lead = utf8[index]
        guard lead & 0xF0 == 0xE0 else { return nil }
        return UInt32(lead & 0x0F) << 12 | UInt32(utf8[index + 1] & 0x3F) << 6 | UInt32(utf8[index + 2] & 0x3F)
    }

    private static func isPlainEnd(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x21...0x7E,        // ASCII other than controls and space
             0x3001...0x3029,    // CJK punctuation (not the ideographic space, nor the tone marks that follow)
             0x3041...0x3096,    // hiragana
             0x30A1...0x30FA,    // katakana
             0x4E00...0x9FFF,    // CJK ideographs
             0xFF01...0xFF5E:    // fullwidth forms
            true
        default: false
        }
    }
}
