/// The timeline section's own wording (ja/en). Regulatory wording — stage and figure names, reasons,
/// sources — comes from the rules folder.
enum TimelineStrings {
    enum ID: Hashable {
        case heading, headingDetail, route, start, startSequential, startParallel, startJapanFirst, startAsOf, startClamped
        case toSubmission, toDecision, calendar, lag, lagSplit, japanFirst, assumed, sources, sourcesHint, chosenBy
        case months, notDetermined, noTimeline, cycles, chance, reference, whyNone, whyUsed, whyOther, published
        case statistic, period, cohort, confidence, noteLabel, alternativeTimeline, figureLabel, lagRoute, perRoute
        case referenceDecisionMark
    }

    static func text(_ id: ID, _ language: Language) -> String {
        let pair = table[id] ?? ("", "")
        return language == .ja ? pair.ja : pair.en
    }

    static func format(_ id: ID, _ language: Language, _ args: String...) -> String {
        UIStrings.substitute(text(id, language), args)
    }

    private static let table: [ID: (en: String, ja: String)] = [
        .heading: ("Time to a decision", "決定までの期間"),
        .referenceDecisionMark: ("%@ decision (median)", "%@での決定（中央値）"),
        .headingDetail: ("months from the start of Japanese work, P50–P80 of %@ draws, seed %@",
                         "日本向けの作業開始からの月数。%@回の試行のP50〜P80、シード %@"),
        .route: ("Procedure", "手続"),
        .start: ("Japanese work starts", "日本向けの作業開始"),
        .startSequential: ("after the %@ decision (sequential)", "%@での決定の後（逐次）"),
        .startParallel: ("with the %@ filing (parallel)", "%@への申請と並行（並行）"),
        .startJapanFirst: ("on the as-of date %@ (Japan first)", "基準日 %@（日本先行）"),
        .startAsOf: ("on the as-of date %@", "基準日 %@"),
        .startClamped: ("the %@ decision is already past, so Japanese work is taken to start on the as-of date %@",
                        "%@での決定は既に過去のため、日本向けの作業は基準日 %@ に始まるものとします"),
        .toSubmission: ("To the Japanese submission", "日本での申請まで"),
        .toDecision: ("To the Japanese decision", "日本での決定まで"),
        .calendar: ("dates: P50 %@, P80 %@", "日付：P50 %@、P80 %@"),
        .lag: ("Lag behind the %@ decision", "%@での決定とのラグ"),
        .lagSplit: ("application lag (申請ラグ) %@ + review lag (審査ラグ) %@; each P50–P80 on its own, so they do not add up",
                    "申請ラグ %@ ＋ 審査ラグ %@（それぞれ個別のP50〜P80のため合計は一致しません）"),
        .japanFirst: ("Chance that Japan decides first", "日本が先に決定する確率"),
        .assumed: ("Assumed (answer the question to change it)", "仮定（質問に回答すると変わります）"),
        .sources: ("Sources of the figures", "各期間の根拠"),
        .sourcesHint: ("--why %@ lists every published value for a figure", "--why %@ で各値の出典をすべて表示"),
        .chosenBy: ("stage chosen by", "段階を選んだルール"),
        .months: ("months", "か月"),
        .notDetermined: ("not determined", "未確定"),
        .noTimeline: ("No timeline: %@", "期間の推定なし：%@"),
        .cycles: ("×%@", "×%@回"),
        .chance: ("%@ % of the time", "確率 %@ %"),
        .reference: ("reference", "比較市場"),
        .whyNone: ("No figure matches '%@'. Figures of this timeline: %@", "「%@」に該当する値はありません。この推定の値：%@"),
        .whyUsed: ("used", "採用"),
        .whyOther: ("not used", "不採用"),
        .published: ("published", "公表値"),
        .statistic: ("statistic", "統計量"),
        .period: ("period", "期間"),
        .cohort: ("cohort", "コホート"),
        .confidence: ("confidence", "確度"),
        .noteLabel: ("note", "注"),
        .alternativeTimeline: ("time to a decision %@ months", "決定まで %@ か月"),
        .figureLabel: ("figure", "値"),
        .perRoute: ("one figure per possible outcome below, while open answers leave the route, its category or the licence open",
                    "未回答により手続・申請区分・許可の種類が確定しないため、下記の可能な結果ごとに示します"),
        .lagRoute: ("Time to a Japanese decision for", "日本での決定までの期間："),
    ]
}
