/// Text for a terminal, built as blocks and laid out at the end: wrapped to the width, hanging indents under
/// bullets, table columns padded by display width (so Japanese lines up), colour only when asked for.
public struct Page: Sendable {
    public enum Style: Sendable, Equatable {
        case plain, heading, good, bad, dim, emphasis

        var ansi: String? {
            switch self {
            case .plain: nil
            case .heading: "1"
            case .good: "1;32"
            case .bad: "1;31"
            case .dim: "2"
            case .emphasis: "1;36"
            }
        }
    }

    enum Block: Sendable {
        case text(String, indent: Int, marker: String?, style: Style)
        case table([[String]], indent: Int, style: Style)
        case blank
    }

    var blocks: [Block] = []

    public init() {}

    /// A paragraph; with a marker (`•`, `1)`) the marker hangs and the text wraps under itself.
    public mutating func text(_ text: String, indent: Int = 0, marker: String? = nil, style: Style = .plain) {
        blocks.append(.text(text, indent: indent, marker: marker, style: style))
    }

    public mutating func heading(_ text: String) { self.text(text, style: .heading) }

    /// Rows of cells; every column but the last is padded to its widest cell, the last wraps.
    public mutating func table(_ rows: [[String]], indent: Int = 0, style: Style = .plain) {
        if !rows.isEmpty { blocks.append(.table(rows, indent: indent, style: style)) }
    }

    /// One empty line (never two in a row, never first).
    public mutating func blank() {
        if let last = blocks.last, case .blank = last { return }
        if !blocks.isEmpty { blocks.append(.blank) }
    }

    public mutating func append(_ other: Page) {
        for block in other.blocks {
            if case .blank = block { blank() } else { blocks.append(block) }
        }
    }

    public var isEmpty: Bool { blocks.isEmpty }

    /// The laid-out text, ending in a newline.
    public func render(width: Int, color: Bool) -> String {
        var lines: [String] = []
        let width = max(width, 20)
        func styled(_ line: String, _ style: Style) -> String {
            guard color, let code = style.ansi, !line.allSatisfy({ $0 == " " }) else { return line }
            let body = line.drop { $0 == " " }
            return String(repeating: " ", count: line.count - body.count) + "\u{1B}[\(code)m" + body + "\u{1B}[0m"
        }
        var trailingBlank = false
        for block in blocks {
            switch block {
            case .blank:
                lines.append("")
                trailingBlank = true
                continue
            case .text(let text, let indent, let marker, let style):
                let lead = String(repeating: " ", count: indent)
                let first = lead + (marker.map { $0 + " " } ?? "")
                let hanging = String(repeating: " ", count: DisplayWidth.of(first))
                lines += LineBreaking.wrap(text, width: width, indent: first, hanging: hanging).map { styled($0, style) }
            case .table(let rows, let indent, let style):
                let columns = rows.map(\.count).max() ?? 0
                var widths = [Int](repeating: 0, count: columns)
                for row in rows {
                    for (i, cell) in row.enumerated() where i < columns - 1 { widths[i] = max(widths[i], DisplayWidth.of(cell)) }
                }
                let lead = String(repeating: " ", count: indent)
                for row in rows {
                    var prefix = lead
                    for (i, cell) in row.enumerated().dropLast() { prefix += DisplayWidth.padded(cell, to: widths[i]) + (i < columns - 1 ? "  " : "") }
                    // A last column with too little room goes on its own lines, indented.
                    let room = width - DisplayWidth.of(prefix)
                    let last = row.last ?? ""
                    if room >= 16 || row.count == 1 {
                        let hanging = String(repeating: " ", count: DisplayWidth.of(prefix))
                        lines += LineBreaking.wrap(last, width: width, indent: row.count == 1 ? lead : prefix, hanging: row.count == 1 ? lead : hanging)
                            .map { styled($0, style) }
                    } else {
                        lines.append(styled(prefix.trimmingTrailingSpaces(), style))
                        let deeper = lead + "    "
                        lines += LineBreaking.wrap(last, width: width, indent: deeper).map { styled($0, style) }
                    }
                }
            }
            trailingBlank = false
        }
        if trailingBlank { lines.removeLast() }
        return lines.map { $0.trimmingTrailingSpaces() }.joined(separator: "\n") + "\n"
    }
}
