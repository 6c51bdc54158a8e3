/// The consultation-prep report's own wording (ja/en). Regulatory wording — results, reasons, citations,
/// consultations, checklists — comes from the rules folder.
enum ReportStrings {
    enum ID: Hashable {
        case docTitle, product, applicant, author, date, rulesVersion, checksum, asOf, notGiven, disclaimer
        case summary, status, statusDetermined, statusOpen, timeToDecision, lag, noTimeline, japanFirst
        case answers, question, answer, unknownMark, notAsked
        case conclusions, basis, seeTrace, conclusionNone
        case openQuestions, raiseIn, ask, noOpen
        case consultations, kind, bring, source, forOpenQuestions, lowConfidence, confirmFee
        case checklist, checklistNone
        case timeline, stage, months, chartNote, start, toSubmission, toDecision, calendar, lagSplit
        case nextSteps, possible, ifWord
        case appendix, appendixNote, decision, result, ruleRow, noRuleHit
        case contents
    }

    static func text(_ id: ID, _ language: Language) -> String {
        let pair = table[id] ?? ("", "")
        return language == .ja ? pair.ja : pair.en
    }

    static func format(_ id: ID, _ language: Language, _ args: String...) -> String {
        UIStrings.substitute(text(id, language), args)
    }

    private static let table: [ID: (en: String, ja: String)] = [
        .docTitle: ("Regulatory pathway assessment — consultation preparation", "薬事規制の該当性・手続評価 — 相談準備資料"),
        .product: ("Product", "製品"),
        .applicant: ("Applicant", "申請者"),
        .author: ("Prepared by", "作成者"),
        .date: ("Date", "作成日"),
        .rulesVersion: ("Rules version", "判定ルールの版"),
        .checksum: ("Rules checksum", "判定ルールのチェックサム"),
        .asOf: ("Regulations as of", "規制の基準日"),
        .notGiven: ("not given", "記載なし"),
        .disclaimer: ("Prepared by software from the answers listed in this report, to prepare a consultation with PMDA or a certification body. It is not a regulatory decision: confirm each conclusion with the authority before relying on it.",
                      "本資料は、記載の回答に基づきソフトウェアが作成した、PMDA又は登録認証機関との相談の準備資料です。行政の判断ではありません。各結論は、依拠する前に所管の機関に確認してください。"),
        .summary: ("Summary", "要約"),
        .status: ("Status", "判定の状況"),
        .statusDetermined: ("Every result below follows from the answers given.", "以下の結果は、すべて回答から確定しています。"),
        .statusOpen: ("%@ open question(s) can still change results; see “Open questions”.", "結果を左右する未解決の質問が%@件あります（「未解決の質問」参照）。"),
        .timeToDecision: ("Time to a Japanese decision (P50–P80)", "日本での決定までの期間（P50〜P80）"),
        .lag: ("Lag behind %@ (P50–P80)", "%@に対するラグ（P50〜P80）"),
        .noTimeline: ("not estimated: the route is not determined yet", "手続が未確定のため算出していません"),
        .japanFirst: ("Probability that Japan decides first", "日本が先に決定する確率"),
        .answers: ("Answers given", "回答一覧"),
        .question: ("Question", "質問"),
        .answer: ("Answer", "回答"),
        .unknownMark: ("Unknown (open)", "不明（未確定）"),
        .notAsked: ("Not answered", "未回答"),
        .conclusions: ("Conclusions and their basis", "結論と根拠"),
        .basis: ("Basis", "根拠"),
        .seeTrace: ("Rule trace", "適用ルールの記録"),
        .conclusionNone: ("No rule decided this yet.", "この項目を決めるルールはまだ適用されていません。"),
        .openQuestions: ("Open questions", "未解決の質問"),
        .raiseIn: ("Where to raise it", "相談先"),
        .ask: ("Question to ask", "確認すべき事項"),
        .noOpen: ("None: every question that affects the results has been answered.", "なし（結果に影響する質問にはすべて回答済みです）。"),
        .consultations: ("Recommended consultations and what to bring", "推奨される相談と持参資料"),
        .kind: ("Type", "種類"),
        .bring: ("What to bring", "持参・提出する資料"),
        .source: ("Source", "出典"),
        .forOpenQuestions: ("for the open questions", "未解決の質問のため"),
        .lowConfidence: ("Known from secondary sources only; confirm on the cited page.", "二次資料に基づく情報です。出典のページで確認してください。"),
        .confirmFee: ("Fees change every year: check PMDA's current fee table before booking.", "手数料は毎年改定されます。予約の前にPMDAの最新の手数料表を確認してください。"),
        .checklist: ("Document checklist", "必要書類チェックリスト"),
        .checklistNone: ("No filing is needed on the route determined so far.", "現時点で確定している手続では、提出書類はありません。"),
        .timeline: ("Time to a decision", "決定までの期間"),
        .stage: ("Stage", "段階"),
        .months: ("months", "か月"),
        .chartNote: ("Solid bar: median (P50); hatched: up to the 80th percentile (P80). Months from the start of Japanese work.",
                     "黒塗り：中央値（P50）、斜線：80パーセンタイル（P80）まで。日本向けの作業開始からの月数。"),
        .start: ("Japanese work starts", "日本向けの作業開始"),
        .toSubmission: ("To the Japanese application", "日本での申請まで"),
        .toDecision: ("To the Japanese decision", "日本での決定まで"),
        .calendar: ("P50 %@, P80 %@", "P50 %@、P80 %@"),
        .lagSplit: ("of which application lag %@ and review lag %@ months", "うち申請ラグ %@ か月、審査ラグ %@ か月"),
        .nextSteps: ("Next steps", "次の手順"),
        .possible: ("Possible outcomes while questions are open", "未解決の質問により考えられる結果"),
        .ifWord: ("if", "条件："),
        .appendix: ("Appendix: rule trace", "付録：適用ルールの記録"),
        .appendixNote: ("Each decision of the rules, the rule rows that applied and what they rest on, for checking the conclusions.",
                        "結論を検証するための、各判断と適用されたルールの行及びその根拠の記録です。"),
        .decision: ("Decision", "判断"),
        .result: ("Result", "結果"),
        .ruleRow: ("rule %@, row %@", "ルール %@（%@行目）"),
        .noRuleHit: ("no rule applied", "適用されたルールなし"),
        .contents: ("Contents", "目次"),
    ]
}
