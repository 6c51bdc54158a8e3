import Foundation

/// The timeline as an inline SVG chart for the HTML report: one bar per stage (solid to P50, hatched to P80),
/// the Japanese decision's P50–P80 span, the reference-market decision as a dashed line, months on the axis.
/// Black on white with patterns rather than colours, so it reads the same printed in black and white.
public struct TimelineChart: Sendable {
    public let rules: RuleSet
    public let language: Language

    public init(rules: RuleSet, language: Language) {
        self.rules = rules
        self.language = language
    }

    static let rowHeight = 24.0
    static let barHeight = 12.0
    static let plotWidth = 440.0
    static let fontSize = 12.0
    /// Pixels per terminal column of a label (a CJK character counts two columns).
    static let pixelsPerColumn = 6.6

    /// The reference decision in months from the start of Japanese work (median), when there is a reference.
    static func referenceDecision(_ e: TimelineEstimate) -> Double? {
        guard e.plan.referenceMarket != nil, let start = e.referenceStart, let length = e.referenceLength else { return nil }
        return start + length.p50
    }

    /// A tick step that gives at most about ten ticks.
    static func tickStep(_ span: Double) -> Double {
        for step in [1.0, 2, 3, 6, 12, 24, 36] where span / step <= 10 { return step }
        return 60
    }

    public func svg(_ e: TimelineEstimate) -> String {
        let text = TimelineText(rules: rules, language: language)
        let bars = text.bars(e)
        let reference = Self.referenceDecision(e)
        let marketName = text.marketLabel(e.plan.referenceMarket)
        let decisionLabel = TimelineStrings.text(.toDecision, language)
        let rows: [(label: String, range: String)] = bars.map { ($0.label, $0.range) } + [(decisionLabel, e.decision.text)]
        let labelColumns = rows.map { TimelineText.displayWidth($0.label) }.max() ?? 10
        let rangeColumns = rows.map { $0.range.count }.max() ?? 7
        let labelWidth = Double(labelColumns) * Self.pixelsPerColumn + 8
        let rangeWidth = Double(rangeColumns) * Self.pixelsPerColumn + 12
        let left = labelWidth + rangeWidth
        let width = left + Self.plotWidth + 24

        var low = min(0, bars.map(\.start).min() ?? 0)
        var high = max(bars.map { $0.start + $0.p80 }.max() ?? 1, e.decision.p80, low + 1)
        if let reference { low = min(low, reference); high = max(high, reference) }
        let step = Self.tickStep(high - low)
        low = (low / step).rounded(.down) * step
        high = (high / step).rounded(.up) * step
        let scale = Self.plotWidth / (high - low)
        func x(_ months: Double) -> Double { left + (months - low) * scale }

        let top = 8.0
        let axisY = top + Double(rows.count) * Self.rowHeight + 4
        let legendY = axisY + 36
        let height = legendY + 16
        func n(_ v: Double) -> String { FixedDecimals.text(v, places: 1) }
        func esc(_ s: String) -> String { AnswersFile.escape(s) }

        var s: [String] = []
        let title = TimelineStrings.text(.heading, language)
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline-chart\" role=\"img\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
                 + "width=\"\(n(width))\" height=\"\(n(height))\" font-size=\"\(n(Self.fontSize))\" aria-label=\"\(esc(title))\">")
        s.append("<title>\(esc(title))</title>")
        s.append("<defs><pattern id=\"p80hatch\" patternUnits=\"userSpaceOnUse\" width=\"4\" height=\"4\" patternTransform=\"rotate(45)\">"
                 + "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\" stroke=\"#000\" stroke-width=\"1.2\"/></pattern></defs>")
        // Grid and axis.
        var tick = low
        while tick <= high + 0.001 {
            let tx = x(tick)
            let strong = tick == 0
            s.append("<line x1=\"\(n(tx))\" y1=\"\(n(top))\" x2=\"\(n(tx))\" y2=\"\(n(axisY))\" stroke=\"\(strong ? "#000" : "#bbb")\" stroke-width=\"\(strong ? "1" : "0.5")\"/>")
            s.append("<text x=\"\(n(tx))\" y=\"\(n(axisY + 14))\" text-anchor=\"middle\">\(Int(tick))</text>")
            tick += step
        }
        s.append("<line x1=\"\(n(left))\" y1=\"\(n(axisY))\" x2=\"\(n(x(high)))\" y2=\"\(n(axisY))\" stroke=\"#000\"/>")
        s.append("<text x=\"\(n(x(high)))\" y=\"\(n(axisY + 28))\" text-anchor=\"end\">\(esc(TimelineStrings.text(.months, language)))</text>")
        // One row per stage, then the Japanese decision.
        for (i, bar) in bars.enumerated() {
            let y = top + Double(i) * Self.rowHeight
            let barY = y + (Self.rowHeight - Self.barHeight) / 2
            s.append("<text x=\"0\" y=\"\(n(y + 16))\">\(esc(bar.label))</text>")
            s.append("<text x=\"\(n(labelWidth))\" y=\"\(n(y + 16))\">\(esc(bar.range))</text>")
            let a = x(bar.start), b = x(bar.start + bar.p50), c = x(bar.start + bar.p80)
            if c > b {
                s.append("<rect x=\"\(n(b))\" y=\"\(n(barY))\" width=\"\(n(c - b))\" height=\"\(n(Self.barHeight))\" fill=\"url(#p80hatch)\" stroke=\"#000\" stroke-width=\"0.8\"/>")
            }
            s.append("<rect x=\"\(n(a))\" y=\"\(n(barY))\" width=\"\(n(max(b - a, 1.5)))\" height=\"\(n(Self.barHeight))\" fill=\"#333\" stroke=\"#000\" stroke-width=\"0.8\"/>")
        }
        let decisionY = top + Double(bars.count) * Self.rowHeight
        let midY = decisionY + Self.rowHeight / 2
        s.append("<text x=\"0\" y=\"\(n(decisionY + 16))\" font-weight=\"bold\">\(esc(decisionLabel))</text>")
        s.append("<text x=\"\(n(labelWidth))\" y=\"\(n(decisionY + 16))\" font-weight=\"bold\">\(esc(e.decision.text))</text>")
        s.append("<line x1=\"\(n(x(e.decision.p50)))\" y1=\"\(n(midY))\" x2=\"\(n(x(e.decision.p80)))\" y2=\"\(n(midY))\" stroke=\"#000\" stroke-width=\"2\"/>")
        s.append("<line x1=\"\(n(x(e.decision.p80)))\" y1=\"\(n(midY - 5))\" x2=\"\(n(x(e.decision.p80)))\" y2=\"\(n(midY + 5))\" stroke=\"#000\" stroke-width=\"2\"/>")
        let d = x(e.decision.p50)
        s.append("<path d=\"M\(n(d)) \(n(midY - 6)) L\(n(d + 6)) \(n(midY)) L\(n(d)) \(n(midY + 6)) L\(n(d - 6)) \(n(midY)) Z\" fill=\"#000\"/>")
        if let reference {
            let rx = x(reference)
            s.append("<line x1=\"\(n(rx))\" y1=\"\(n(top - 4))\" x2=\"\(n(rx))\" y2=\"\(n(axisY))\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>")
        }
        // Legend: what solid, hatched, the diamond and the dashed line mean.
        var lx = 0.0
        func legend(_ shape: String, _ label: String) {
            s.append(shape)
            s.append("<text x=\"\(n(lx + 26))\" y=\"\(n(legendY + 10))\">\(esc(label))</text>")
            lx += 34 + Double(TimelineText.displayWidth(label)) * Self.pixelsPerColumn
        }
        legend("<rect x=\"\(n(lx))\" y=\"\(n(legendY))\" width=\"20\" height=\"10\" fill=\"#333\" stroke=\"#000\" stroke-width=\"0.8\"/>", "P50")
        legend("<rect x=\"\(n(lx))\" y=\"\(n(legendY))\" width=\"20\" height=\"10\" fill=\"url(#p80hatch)\" stroke=\"#000\" stroke-width=\"0.8\"/>", "P50–P80")
        if reference != nil {
            legend("<line x1=\"\(n(lx))\" y1=\"\(n(legendY + 5))\" x2=\"\(n(lx + 20))\" y2=\"\(n(legendY + 5))\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>",
                   TimelineStrings.format(.referenceDecisionMark, language, marketName))
        }
        s.append("</svg>")
        return s.joined(separator: "\n")
    }
}
