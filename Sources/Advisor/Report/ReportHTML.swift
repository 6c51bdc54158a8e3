import DecisionModel

/// The report as one self-contained HTML file: inline CSS and SVG, a CJK font stack with fallbacks, A4 print
/// layout (each section on a new page, table rows and headings kept whole). Written as XHTML-compatible
/// markup so that both HTML and XML parsers read it.
public enum ReportHTML {
    static let style = """
    :root{--ink:#111;--muted:#555;--rule:#999}
    html{font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Hiragino Kaku Gothic ProN","Yu Gothic","YuGothic","Meiryo","Source Han Sans JP",system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);line-height:1.6}
    body{max-width:50rem;margin:2rem auto;padding:0 1rem}
    h1{font-size:1.7rem;line-height:1.3;margin:0 0 1rem}
    h2{font-size:1.3rem;border-bottom:2px solid var(--ink);padding-bottom:.2rem;margin-top:2.2rem}
    h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
    table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
    th,td{border:1px solid var(--rule);padding:.35rem .55rem;text-align:left;vertical-align:top}
    thead th{background:#eee}
    table.fields th{width:34%;background:#f4f4f4;font-weight:600}
    .nowrap{white-space:nowrap}
    .note{color:var(--muted);font-size:.88rem;margin:.2rem 0 .8rem}
    .disclaimer{border:1px solid var(--ink);padding:.6rem .8rem;font-size:.92rem}
    .cover dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1.2rem;margin:1.5rem 0}
    .cover dt{font-weight:600}.cover dd{margin:0;overflow-wrap:anywhere}
    ul.checklist{list-style:none;padding-left:.2rem}ul.checklist li::before{content:"\\2610\\00a0\\00a0"}
    nav ol{columns:2}
    .chart{overflow-x:auto}.chart svg{max-width:100%;height:auto}
    .chart svg text{font-family:inherit;fill:#000}
    @page{size:A4;margin:16mm 15mm 18mm}
    @media print{
      body{max-width:none;margin:0;padding:0;font-size:10.5pt}
      section.break{break-before:page}
      h2,h3{break-after:avoid}
      tr,li,.chart,.note,.disclaimer{break-inside:avoid}
      thead{display:table-header-group}
      nav{display:none}
      a{color:inherit;text-decoration:none}
    }
    """

    public static func render(_ d: ReportDocument) -> String {
        // Escaped for HTML, and characters a terminal would obey (when the file is shown with cat) made visible.
        func e(_ s: String) -> String { AnswersFile.escape(VisibleText.sanitize(s)) }
        var h: [String] = [
            "<!DOCTYPE html>",
            "<html lang=\"\(d.language.rawValue)\" xmlns=\"http://www.w3.org/1999/xhtml\">",
            "<head>",
            "<meta charset=\"utf-8\"/>",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>",
            "<title>\(e(d.title + (d.cover.first.map { " — " + $0.value } ?? "")))</title>",
            "<style>\n\(style)\n</style>",
            "</head>",
            "<body>",
            "<section class=\"cover\" id=\"cover\">",
            "<h1>\(e(d.title))</h1>",
            "<dl>",
        ]
        for field in d.cover { h.append("<dt>\(e(field.label))</dt><dd>\(e(field.value))</dd>") }
        h.append("</dl>")
        h.append("<p class=\"disclaimer\">\(e(d.disclaimer))</p>")
        h.append("<nav><h2>\(e(ReportStrings.text(.contents, d.language)))</h2><ol>")
        for section in d.sections { h.append("<li><a href=\"#\(section.anchor)\">\(e(section.heading))</a></li>") }
        h.append("</ol></nav>")
        h.append("</section>")
        for section in d.sections {
            h.append("<section id=\"\(section.anchor)\"\(section.pageBreak ? " class=\"break\"" : "")>")
            h.append("<h2>\(e(section.heading))</h2>")
            for block in section.blocks { h.append(html(block, e)) }
            h.append("</section>")
        }
        h.append("</body>")
        h.append("</html>")
        return h.joined(separator: "\n") + "\n"
    }

    static func html(_ block: ReportDocument.Block, _ e: (String) -> String) -> String {
        switch block {
        case .paragraph(let text): return "<p>\(e(text))</p>"
        case .note(let text): return "<p class=\"note\">\(e(text))</p>"
        case .subheading(let text, let anchor): return "<h3\(anchor.map { " id=\"\(e($0))\"" } ?? "")>\(e(text))</h3>"
        case .table(let header, let rows, let nowrap):
            func cell(_ i: Int, _ text: String) -> String { "<td\(nowrap.contains(i) ? " class=\"nowrap\"" : "")>\(e(text))</td>" }
            var t = ["<table>", "<thead><tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>", "<tbody>"]
            t += rows.map { "<tr>" + $0.enumerated().map { cell($0.offset, $0.element) }.joined() + "</tr>" }
            t.append("</tbody></table>")
            return t.joined(separator: "\n")
        case .fields(let rows):
            return (["<table class=\"fields\"><tbody>"] + rows.map { "<tr><th>\(e($0.label))</th><td>\(e($0.value))</td></tr>" }
                    + ["</tbody></table>"]).joined(separator: "\n")
        case .list(let items): return "<ul>" + items.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        case .checklist(let items): return "<ul class=\"checklist\">" + items.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
        case .chart(let svg, _): return "<div class=\"chart\">\n\(svg)\n</div>"
        }
    }
}
