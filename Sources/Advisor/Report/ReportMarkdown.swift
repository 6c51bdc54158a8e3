import DecisionModel
import Foundation

/// The report in Markdown (CommonMark with GitHub tables): the same sections as the HTML; the chart is the
/// text Gantt in a code block.
public enum ReportMarkdown {
    public static func render(_ d: ReportDocument) -> String {
        var out = ["# \(inline(d.title))", ""]
        for field in d.cover { out.append("- **\(inline(field.label))**: \(inline(field.value))") }
        out += ["", "> \(inline(d.disclaimer))", ""]
        for section in d.sections {
            out += ["## \(inline(section.heading))", ""]
            for block in section.blocks { out += markdown(block) + [""] }
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    /// Text safe inside a line: no markup, no table pipes, no line breaks, no HTML, and characters a terminal
    /// would obey (when the file is shown with cat) made visible.
    static func inline(_ s: String) -> String { MarkdownText.escape(VisibleText.sanitize(s)) }

    static func markdown(_ block: ReportDocument.Block) -> [String] {
        switch block {
        case .paragraph(let text): return [inline(text)]
        case .note(let text): return ["*\(inline(text))*"]
        case .subheading(let text, _): return ["### \(inline(text))"]
        case .table(let header, let rows, _):
            return ["| " + header.map(inline).joined(separator: " | ") + " |", "|" + String(repeating: " --- |", count: header.count)]
                + rows.map { "| " + $0.map(inline).joined(separator: " | ") + " |" }
        case .fields(let rows):
            return ["| | |", "| --- | --- |"] + rows.map { "| **\(inline($0.label))** | \(inline($0.value)) |" }
        case .list(let items): return items.map { "- " + inline($0) }
        case .checklist(let items): return items.map { "- [ ] " + inline($0) }
        case .chart(_, let text): return ["```text"] + text.map { VisibleText.sanitize($0) } + ["```"]
        }
    }
}
