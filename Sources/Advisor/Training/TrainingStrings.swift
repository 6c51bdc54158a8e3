import DecisionModel

/// The wording of explain, glossary, quiz and tour (interface text; regulatory text comes from the rules).
public enum TrainingStrings {
    public static func text(_ id: ID, _ language: Language) -> String {
        let pair = table[id] ?? ("", "")
        return language == .ja ? pair.ja : pair.en
    }

    public static func format(_ id: ID, _ language: Language, _ args: String...) -> String {
        UIStrings.substitute(text(id, language), args)
    }

    public enum ID: Hashable, Sendable {
        // explain
        case kindInput, kindDecision, kindRule, kindTerm, kindOutcome, meaning, answers, source, usedBy, row, rows
        case hitPolicy, columns, gives, reads, citations, when, then, otherColumnsAny, reading, alsoWritten, questions
        case outcomes, seeAlso, decidedBy, firstStep, example, noExample, caseSource, glossary, notFound, didYouMean, also
        case glossaryNone, glossaryCount
        // quiz
        case quizTitle, quizQuestion, quizFacts, quizHint, quizCorrect, quizWrong, quizAnswerIs, quizWhy, quizScore
        case quizMissed, quizStopped, quizNoCases, quizNext, quizInvalid, quizTopic, quizAllTopics, quizSeed, quizRevealed
        case quizShortOfCases, quizReplay, quizCount
        case askRegulatoryCategory, askIsMedicalDevice, askDeviceClass, askPathway, askReviewCategory, askChangeProcedure
        case askQmsAuditRequired, askQmsBody
        // tour
        case tourTitle, tourStep, tourInputs, tourHit, tourNoHit, tourMiss, tourNotReached, tourAlsoMatches, tourContinue
        case tourValue, tourLiteral, tourDone, tourStopped, tourNearMisses, tourOthers, tourUnknown, tourNoInputs, tourRowsShown
        case tourResult, tourHighest
    }

    private static let table: [ID: (en: String, ja: String)] = [
        .kindInput: ("an input (a question Yakuji asks)", "入力（Yakuji が尋ねる質問）"),
        .kindDecision: ("a decision", "判定"),
        .kindRule: ("row", "行"),
        .kindTerm: ("a glossary term", "用語"),
        .kindOutcome: ("an outcome", "判定結果の値"),
        .meaning: ("What it means", "意味"),
        .answers: ("Answers", "回答の選択肢"),
        .source: ("Source", "根拠"),
        .usedBy: ("Used by the decisions", "使う判定"),
        .row: ("row", "行"),
        .rows: ("Rows", "行"),
        .hitPolicy: ("Hit policy", "ヒットポリシー"),
        .columns: ("Columns", "列"),
        .gives: ("Gives", "出力"),
        .reads: ("Reads", "参照するもの"),
        .citations: ("Most cited sources", "主な根拠"),
        .when: ("When", "条件"),
        .then: ("Then", "結果"),
        .otherColumnsAny: ("(every other column: any value)", "（その他の列：任意の値）"),
        .reading: ("Reading", "読み"),
        .alsoWritten: ("Also written", "別表記"),
        .questions: ("Questions", "関係する質問"),
        .outcomes: ("Outcomes", "関係する判定結果"),
        .seeAlso: ("See also", "関連用語"),
        .decidedBy: ("Decided by", "判定"),
        .firstStep: ("First thing to do", "最初にすること"),
        .example: ("Example", "事例"),
        .noExample: ("No worked case shows this yet.", "これを示す事例はまだありません。"),
        .caseSource: ("Case source", "事例の出典"),
        .glossary: ("Glossary", "用語"),
        .notFound: ("'%@' is not an input, decision, rule, glossary term or outcome of these rules.",
                    "「%@」はこのルールの入力・判定・ルール・用語・判定結果のいずれでもありません。"),
        .didYouMean: ("Did you mean", "候補"),
        .also: ("'%@' also names", "「%@」は次のものも指します"),
        .glossaryNone: ("No glossary term matches '%@' (of %@).", "「%@」に該当する用語はありません（%@ 語中）。"),
        .glossaryCount: ("%@ terms. yakuji explain TERM shows one in full.", "%@ 語。yakuji explain 用語 で詳しく表示します。"),

        .quizTitle: ("Yakuji quiz", "Yakuji 薬事クイズ"),
        .quizQuestion: ("Question %@ of %@", "第 %@ 問（全 %@ 問）"),
        .quizFacts: ("Facts given", "前提となる回答"),
        .quizHint: ("Type the number or the answer; f = all facts, ? = show the answer, q = stop.",
                    "番号か答えを入力してください。f = 前提をすべて表示、? = 答えを見る、q = 終了。"),
        .quizCorrect: ("Correct.", "正解です。"),
        .quizWrong: ("Not quite.", "不正解です。"),
        .quizAnswerIs: ("The answer", "正解"),
        .quizWhy: ("Why (the rules that decided it)", "理由（判定したルール）"),
        .quizScore: ("Score: %@ of %@", "得点: %@ / %@"),
        .quizMissed: ("To go over (yakuji tour CASE walks through one)", "復習する問題（yakuji tour 事例ID で順を追って確認できます）"),
        .quizStopped: ("Stopped (%@ answered).", "終了しました（回答 %@ 問）。"),
        .quizNoCases: ("No quiz case fits topic '%@'.", "トピック「%@」に合うクイズの事例がありません。"),
        .quizNext: ("[Enter: next question]", "[Enter: 次の問題へ]"),
        .quizInvalid: ("'%@' is not one of the choices; type 1–%@, f, ? or q.", "「%@」は選択肢にありません。1〜%@、f、?、q のいずれかを入力してください。"),
        .quizTopic: ("Topic", "トピック"),
        .quizAllTopics: ("all", "すべて"),
        .quizSeed: ("seed", "シード"),
        .quizRevealed: ("Shown without an answer.", "解答せずに答えを表示しました。"),
        .quizShortOfCases: ("Only %@ questions fit; asking those.", "該当する問題が %@ 問しかないため、その範囲で出題します。"),
        .quizCount: ("%@ questions", "全 %@ 問"),
        .quizReplay: ("Replay this session with", "同じ問題をもう一度"),
        .askRegulatoryCategory: ("How is this product regulated?", "この製品はどの制度で規制されますか。"),
        .askIsMedicalDevice: ("Is it a medical device?", "医療機器に該当しますか。"),
        .askDeviceClass: ("Which class is it?", "クラス分類はどれですか。"),
        .askPathway: ("Which market-entry route does it take?", "製造販売の手続はどれですか。"),
        .askReviewCategory: ("In which review category is it applied for?", "承認申請の申請区分はどれですか。"),
        .askChangeProcedure: ("Which procedure does the change need?", "この変更に必要な手続はどれですか。"),
        .askQmsAuditRequired: ("Is a QMS conformity assessment required?", "QMS適合性調査は必要ですか。"),
        .askQmsBody: ("Who carries out the QMS conformity assessment?", "QMS適合性調査を行うのはどこですか。"),

        .tourTitle: ("Guided tour", "判定のガイドツアー"),
        .tourStep: ("Step %@ of %@", "ステップ %@ / %@"),
        .tourInputs: ("Values this table sees", "この表が参照する値"),
        .tourHit: ("matches", "一致"),
        .tourNoHit: ("No row matches.", "一致する行はありません。"),
        .tourMiss: ("does not match", "不一致"),
        .tourNotReached: ("not reached: FIRST stops at row %@", "未到達：FIRST のため %@ 行目で確定"),
        .tourAlsoMatches: ("also matches; a smaller value, so row %@ decides", "一致するが値が小さいため %@ 行目が決定"),
        .tourContinue: ("[Enter: next step, q: stop]", "[Enter: 次へ、q: 終了]"),
        .tourValue: ("Value", "値"),
        .tourLiteral: ("Computed by an expression", "式で計算"),
        .tourDone: ("End of the tour.", "ツアーは以上です。"),
        .tourStopped: ("Tour stopped.", "ツアーを終了しました。"),
        .tourNearMisses: ("Rows that failed on one condition only", "1つの条件だけが合わなかった行"),
        .tourOthers: ("Other rows, by the first condition that failed", "その他の行（最初に合わなかった条件別）"),
        .tourUnknown: ("unknown", "不明"),
        .tourNoInputs: ("(no columns)", "（列なし）"),
        .tourRowsShown: ("%@ rows", "%@ 行"),
        .tourResult: ("Result", "結果"),
        .tourHighest: ("the highest of the matching rows decides", "一致した行のうち最も高い値が採用"),
    ]

    /// What a hit policy means, in a few words.
    public static func hitPolicy(_ policy: HitPolicy, _ language: Language) -> String {
        let ja = language == .ja
        switch policy {
        case .unique: return ja ? "一致する行は常に1つだけ" : "exactly one row can match"
        case .any: return ja ? "一致する行は複数あり得るが結果は同じ" : "several rows may match, all giving the same result"
        case .priority: return ja ? "一致した行のうち出力の優先度が最も高いもの" : "of the matching rows, the output with the highest priority"
        case .first: return ja ? "上から見て最初に一致した行で決まる" : "the first matching row, top to bottom, decides"
        case .ruleOrder: return ja ? "一致したすべての行を表の順に集める" : "every matching row, in table order"
        case .outputOrder: return ja ? "一致したすべての行を出力の優先順に集める" : "every matching row, by output priority"
        case .collect(nil): return ja ? "一致したすべての行を集める" : "every matching row is collected"
        case .collect(.max): return ja ? "一致した行のうち最大の値（最も高いクラス）" : "the largest value of the matching rows (the highest class wins)"
        case .collect(.min): return ja ? "一致した行のうち最小の値" : "the smallest value of the matching rows"
        case .collect(.sum): return ja ? "一致した行の値の合計" : "the sum of the matching rows' values"
        case .collect(.count): return ja ? "一致した行の数" : "the number of matching rows"
        }
    }
}
