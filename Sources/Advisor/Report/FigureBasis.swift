import Foundation

/// What a timeline figure rests on, for the report's stage table: the kind of number (a published target, a
/// statutory period, an expert default…), how far it can be trusted, and the public pages it was read from. The
/// citation texts in benchmarks.xml mix languages and research cross-references; these parts read the same to
/// every reader.
enum FigureBasis {
    static func text(_ evidence: Benchmarks.Evidence, _ language: Language) -> String {
        let kind = kind(evidence.statistic, language) ?? evidence.statistic
        let level = confidence(evidence.confidence, language) ?? evidence.confidence
        var text = language == .ja ? "\(kind)、確度 \(level)" : "\(kind), confidence \(level)"
        let pages = addresses(in: evidence.source)
        if !pages.isEmpty { text += (language == .ja ? "：" : ": ") + pages.joined(separator: " ") }
        return text
    }

    /// Nil for a kind or level benchmarks.xml has gained since these words were written (a test lists them).
    static func kind(_ statistic: String, _ language: Language) -> String? {
        kinds[statistic].map { language == .ja ? $0.ja : $0.en }
    }

    static func confidence(_ level: String, _ language: Language) -> String? {
        confidences[level].map { language == .ja ? $0.ja : $0.en }
    }

    /// Web addresses in a citation, without the punctuation that closes the sentence around them.
    static func addresses(in source: String) -> [String] {
        var found: [String] = []
        var rest = Substring(source)
        while let start = rest.range(of: "http") {
            let tail = rest[start.lowerBound...]
            let end = tail.firstIndex { $0.isWhitespace || "[]<>\"、。；（）".contains($0) } ?? tail.endIndex
            var address = String(tail[..<end])
            while let last = address.last, ",;.)".contains(last) { address.removeLast() }
            if address.hasPrefix("https://") || address.hasPrefix("http://"), !found.contains(address) { found.append(address) }
            rest = tail[end...]
        }
        return found
    }

    private static let kinds: [String: (en: String, ja: String)] = [
        "analogy": ("by analogy with a related figure", "関連する数値からの類推"),
        "derived": ("derived from the published steps", "公表された手順からの推計"),
        "expert-default": ("expert default, no public statistics", "専門家の仮定値（公表統計なし）"),
        "mean": ("published mean", "公表された平均値"),
        "p60-target": ("published target (60th percentile)", "公表された目標値（60パーセンタイル）"),
        "p80": ("published 80th percentile", "公表された80パーセンタイル値"),
        "p80-target": ("published target (80th percentile)", "公表された目標値（80パーセンタイル）"),
        "probability": ("estimated probability", "推定確率"),
        "range": ("published range", "公表された範囲"),
        "reported": ("reported figure", "報告値"),
        "statutory": ("period set by law", "法令上の期間"),
        "target": ("published target", "公表された目標値"),
        "target-all-items": ("published target (all items)", "公表された目標値（全品目）"),
    ]

    private static let confidences: [String: (en: String, ja: String)] = [
        "H": ("high", "高"), "M-H": ("medium to high", "中〜高"), "M": ("medium", "中"),
        "L-M": ("low to medium", "低〜中"), "L": ("low", "低"),
    ]
}
