/// Greedy line breaking for mixed Japanese and English text, measured in terminal columns. English breaks at
/// spaces; Japanese between any two characters, except that closing punctuation and small kana never start a
/// line and opening brackets never end one (禁則処理, JIS X 4051 in its simplest form).
public enum LineBreaking {
    /// Lines of at most `width` columns: the first starts with `indent`, the others with `hanging` (default:
    /// `indent`). Newlines in `text` start new lines. A word longer than the line is cut.
    public static func wrap(_ text: String, width: Int, indent: String = "", hanging: String? = nil) -> [String] {
        let rest = hanging ?? indent
        var lines: [String] = []
        for (index, paragraph) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            lines += fill(segments(String(paragraph)), width: width, first: index == 0 ? indent : rest, rest: rest)
        }
        return lines
    }

    struct Segment {
        var text: String
        /// Whitespace stood before it, so a space is put back when it follows on the same line.
        var spaced: Bool
    }

    static let noBreakBefore: Set<Character> = Set("、。，．）」』】〕〉》〙〗］｝！？：；・ー々ゝゞぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)]},.;:!?%）")
    static let noBreakAfter: Set<Character> = Set("（「『【〔〈《〘〖［｛([{")

    /// Units that may not be split: an English word (with its attached punctuation) or one Japanese character
    /// with the punctuation that must stay beside it.
    static func segments(_ text: String) -> [Segment] {
        var result: [Segment] = []
        var current = ""
        var spaced = false
        var pendingSpace = false
        var glue = false
        var lastWide = false
        func flush() {
            if !current.isEmpty { result.append(Segment(text: current, spaced: spaced)) }
            current = ""
        }
        for character in text {
            if character == " " || character == "\t" || character == "\u{3000}" {
                flush()
                pendingSpace = true
                glue = false
                continue
            }
            let wide = DisplayWidth.of(character) == 2
            let startsNew: Bool
            if current.isEmpty || glue || noBreakBefore.contains(character) { startsNew = false }
            else { startsNew = wide || lastWide }
            if startsNew { flush() }
            if current.isEmpty {
                spaced = pendingSpace
                pendingSpace = false
            }
            current.append(character)
            glue = noBreakAfter.contains(character)
            lastWide = wide
        }
        flush()
        return result
    }

    static func fill(_ segments: [Segment], width: Int, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var line = first
        var used = DisplayWidth.of(first)
        var empty = true
        for segment in segments {
            let gap = !empty && segment.spaced ? 1 : 0
            let size = DisplayWidth.of(segment.text)
            if !empty && used + gap + size > width {
                lines.append(line)
                line = rest
                used = DisplayWidth.of(rest)
                empty = true
            }
            if empty && used + size > width {
                // Too long for any line: cut it where the line ends.
                for character in segment.text {
                    let w = DisplayWidth.of(character)
                    if !empty && used + w > width {
                        lines.append(line)
                        line = rest
                        used = DisplayWidth.of(rest)
                        empty = true
                    }
                    line.append(character)
                    used += w
                    empty = false
                }
                continue
            }
            if !empty && segment.spaced {
                line += " "
                used += 1
            }
            line += segment.text
            used += size
            empty = false
        }
        lines.append(line)
        return lines
    }
}
