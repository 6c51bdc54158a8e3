/// The comparison's own wording (ja/en); result names and values come from the rules folder.
enum CompareStrings {
    enum ID: Hashable {
        case title, device, answers, results, timeline, openQuestions, unchanged, noResultChanged, timelineSame
        case opened, settled, months, noTimeline, japanFirst, what, change
        case figure(String)
    }

    static func text(_ id: ID, _ language: Language) -> String {
        if case .figure(let key) = id {
            let pair = figures[key] ?? (key, key)
            return language == .ja ? pair.ja : pair.en
        }
        let pair = table[id] ?? ("", "")
        return language == .ja ? pair.ja : pair.en
    }

    static func format(_ id: ID, _ language: Language, _ args: String...) -> String {
        UIStrings.substitute(text(id, language), args)
    }

    private static let table: [ID: (en: String, ja: String)] = [
        .title: ("Comparison", "比較"),
        .device: ("Product", "製品"),
        .answers: ("Answers that differ", "異なる回答"),
        .results: ("Results that change", "変わる結果"),
        .timeline: ("Time to a decision (P50–P80)", "決定までの期間（P50〜P80）"),
        .openQuestions: ("Open questions", "未解決の質問"),
        .unchanged: ("Unchanged (%@): %@", "変わらない結果（%@件）：%@"),
        .noResultChanged: ("No result changes.", "結果は変わりません。"),
        .timelineSame: ("The timeline does not move.", "期間の見込みは変わりません。"),
        .opened: ("newly open: %@", "新たに未確定：%@"),
        .settled: ("no longer open: %@", "確定した：%@"),
        .months: ("months", "か月"),
        .noTimeline: ("no estimate (route not determined)", "見込みなし（手続が未確定）"),
        .japanFirst: ("Probability that Japan decides first", "日本が先に決定する確率"),
        .what: ("Item", "項目"),
        .change: ("Change P50 / P80", "変化 P50 / P80"),
    ]

    private static let figures: [String: (en: String, ja: String)] = [
        "japanSubmissionMonths": ("To the Japanese application", "日本での申請まで"),
        "reviewMonths": ("Review in Japan", "日本での審査"),
        "japanDecisionMonths": ("To the Japanese decision", "日本での決定まで"),
        "lagMonths": ("Lag behind the reference market", "参照市場に対するラグ"),
        "applicationLagMonths": ("Application lag", "申請ラグ"),
        "reviewLagMonths": ("Review lag", "審査ラグ"),
    ]
}
