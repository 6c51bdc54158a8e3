/// The advisor's own interface wording (headings, prompts of the session). Regulatory wording comes from
/// the rules folder instead.
enum UIStrings {
    static func text(_ id: ID, _ language: Language) -> String {
        let pair = table[id] ?? ("", "")
        return language == .ja ? pair.ja : pair.en
    }

    enum ID: Hashable {
        case title, device, summary, why, nextSteps, openQuestions, unanswered, noRuleHit, rule, source, inputs
        case rulesLine, question, atMostLeft, commandsHint, unknownMarked, wentBack, nothingToGoBack
        case invalidChoice, allowedValues, whyAsked, helpNone, done, aborted, saved, yes, no, unknownAnswer
        case lookupNone, lookupPick, lookupFound, lookupMissing, moreConditions, moreCondition, codeNotConfirmed
        case notApplicable, notAllowed, malformed, unknownInput
        case notAnAnswersFile, existingAnswers, existingUnreadable, saveChoices, saveChoicesResume, askSavePath, notSaved
        case undetermined, consultHint, alternatives, ifWord, orWord, andWord
        case openValues, atLeast, unknownValue, notApplicableShort, possibleSchemes, possibleConsultations, whileUnknown
        case dependsOnOpen, sameWhatever, anyAnswers, contradiction, andMore
    }

    private static let table: [ID: (en: String, ja: String)] = [
        .title: ("Yakuji assessment", "Yakuji 薬事判定"),
        .device: ("Device", "製品"),
        .summary: ("Summary", "判定の要約"),
        .why: ("Why", "判定の根拠"),
        .nextSteps: ("Next steps", "次にすること"),
        .openQuestions: ("Open questions (unknown answers that could change the result; most influential first)",
                         "未確定の事項（回答が不明で結果を左右しうるもの。影響の大きい順）"),
        .unanswered: ("Not answered (could change the result)", "未回答（結果を左右しうるもの）"),
        .noRuleHit: ("no rule applied", "該当するルールなし"),
        .rule: ("rule", "ルール"),
        .source: ("source", "根拠"),
        .inputs: ("from", "入力"),
        .rulesLine: ("Rules", "ルール"),
        .question: ("Question", "質問"),
        .atMostLeft: ("at most %d left", "残り最大 %d 問"),
        .commandsHint: ("Type a number or value; ? = don't know, back = previous question, help, why. Ctrl-D or Ctrl-C stops (answers are kept).",
                        "番号または値を入力してください。? = 不明、back = 前の質問へ、help = 説明、why = この質問の理由。Ctrl-D または Ctrl-C で中断（回答は保存されます）。"),
        .unknownMarked: ("Marked as unknown.", "「不明」として記録しました。"),
        .wentBack: ("Back to: %@", "前の質問に戻ります: %@"),
        .nothingToGoBack: ("There is no earlier answer.", "これより前の回答はありません。"),
        .invalidChoice: ("'%@' is not one of the choices.", "「%@」は選択肢にありません。"),
        .allowedValues: ("Allowed", "選択肢"),
        .notAllowed: ("'%@' is not an allowed value for %@; allowed: %@", "「%@」は %@ の選択肢にありません。選択肢: %@"),
        .malformed: ("'%@' is not a valid value for %@: expected %@", "「%@」は %@ の値として使えません。%@で答えてください。"),
        .unknownInput: ("unknown input '%@'", "「%@」という入力はありません"),
        .notAnAnswersFile: ("exists and is not a Yakuji answer file: run again with --force to replace it, or --save another file",
                            "は Yakuji の回答ファイルではありません。置き換えるには --force を付けて実行するか、--save で別のファイルを指定してください"),
        .existingAnswers: ("%@ already holds %@ answers (device: %@).", "%@ には既に %@ 件の回答があります（製品: %@）。"),
        .existingUnreadable: ("%@ is a Yakuji answer file these rules cannot read (%@).",
                              "%@ はこのルールでは読めない Yakuji の回答ファイルです（%@）。"),
        .saveChoicesResume: ("  1) resume with these answers\n  2) save this session to another file\n  3) stop (to start over in this file, run again with --force)",
                             "  1) これらの回答から再開する\n  2) このセッションを別のファイルに保存する\n  3) 中止する（このファイルで最初からやり直すには --force を付けて実行）"),
        .saveChoices: ("  2) save this session to another file\n  3) stop (to replace this file, run again with --force)",
                       "  2) このセッションを別のファイルに保存する\n  3) 中止する（このファイルを置き換えるには --force を付けて実行）"),
        .askSavePath: ("Save the answers to which file? ", "回答を保存するファイル名: "),
        .notSaved: ("Nothing was saved; %@ is unchanged.", "何も保存していません。%@ は変更されていません。"),
        .whyAsked: ("Needed by", "この回答を使う判定"),
        .helpNone: ("No further help for this question.", "この質問の補足説明はありません。"),
        .done: ("All questions that matter are answered.", "判定に必要な質問はすべて回答されました。"),
        .aborted: ("Stopped. Your answers are saved in %@; resume with --answers %@", "中断しました。回答は %@ に保存されています。--answers %@ で再開できます。"),
        .saved: ("Answers saved to %@", "回答を %@ に保存しました"),
        .yes: ("yes", "はい"),
        .no: ("no", "いいえ"),
        .unknownAnswer: ("unknown", "不明"),
        .undetermined: ("not determined", "未確定"),
        .notApplicable: ("— (not applicable)", "—（該当なし）"),
        .openValues: ("not determined (%@)", "未確定（%@）"),
        .atLeast: ("at least %@", "%@以上"),
        .unknownValue: ("not determined", "未確定"),
        .notApplicableShort: ("not applicable", "該当なし"),
        .possibleSchemes: ("Possible schemes (not certain)", "利用できる可能性のある制度（未確定）"),
        .possibleConsultations: ("Possible consultations (not certain)", "必要となる可能性のある相談（未確定）"),
        .whileUnknown: ("while %@ is unknown", "%@ が不明な間"),
        .dependsOnOpen: ("depends on %@", "%@ によって変わる"),
        .sameWhatever: ("the same whatever %@", "%@ によらず同じ"),
        .anyAnswers: ("whatever the open answers", "未回答の事項によらず"),
        .andMore: (" and %@ more", " ほか %@ 件"),
        .contradiction: ("%@ contradicts %@: %@", "%@ は %@ と矛盾します: %@"),
        .lookupNone: ("No generic name matches '%@'. Type the 8-digit code, other words, or ? if none fits.",
                      "「%@」に該当する一般的名称はありません。8桁のコードか別の語を入力するか、該当がなければ ? を入力してください。"),
        .lookupPick: ("Matching generic names — type the code of yours:", "該当する一般的名称（該当するもののコードを入力してください）:"),
        .lookupFound: ("Found: %@", "該当: %@"),
        .codeNotConfirmed: ("(code not confirmed)", "（コード未確認）"),
        .lookupMissing: ("'%@' is not among the %@ generic names Yakuji knows, so the class and the standards are worked out without it. Check the code in PMDA's generic-name search (一般的名称検索).",
                         "「%@」は Yakuji が収録する %@ 件の一般的名称にないため、クラスと基準の有無はコードを使わずに判定します。PMDA の一般的名称検索でコードを確認してください。"),
        .alternatives: ("Possible outcomes while answers are unknown", "回答が不明なために残る可能性"),
        .ifWord: ("if", "条件:"),
        .orWord: ("or", "または"),
        .andWord: ("and", "かつ"),
        .moreCondition: ("(and 1 more combination of answers; --format json lists them all)", "（ほか 1 通りの回答の組み合わせ。--format json ですべて表示）"),
        .moreConditions: ("(and %@ more combinations of answers; --format json lists them all)", "（ほか %@ 通りの回答の組み合わせ。--format json ですべて表示）"),
    ]

    /// `%d` / `%@` substitution without Foundation's format machinery; arguments are inserted as they are, so a
    /// `%@` inside one is never substituted again.
    static func format(_ id: ID, _ language: Language, _ args: String...) -> String {
        substitute(text(id, language), args)
    }

    /// `%@` / `%d` replaced by the arguments in order. An argument is inserted as it is, so a `%@` inside one
    /// (a product name, an answer) is never substituted again. Every string table of the library uses this.
    static func substitute(_ template: String, _ args: [String]) -> String {
        var out = ""
        var remaining = args[...]
        var pending = false
        for character in template {
            if pending {
                pending = false
                if character == "@" || character == "d", let arg = remaining.popFirst() {
                    out += arg
                    continue
                }
                out.append("%")
            }
            if character == "%" { pending = true } else { out.append(character) }
        }
        return pending ? out + "%" : out
    }
}
