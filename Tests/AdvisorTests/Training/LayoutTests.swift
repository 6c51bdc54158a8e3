import Testing
@testable import Advisor

@Suite struct LayoutTests {
    @Test func japaneseCharactersTakeTwoColumns() {
        #expect(DisplayWidth.of("認証基準") == 8)
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("ｱｲｳ") == 3, "half-width katakana is narrow")
        #expect(DisplayWidth.of("ＡＢ") == 4, "full-width letters are wide")
        #expect(DisplayWidth.of("e\u{301}") == 1, "a combining accent adds nothing")
        #expect(DisplayWidth.of("クラスⅡ") == 7, "Ⅱ is ambiguous width, counted narrow")
    }

    @Test func japaneseWrapsBetweenCharactersWithinTheWidth() {
        let text = "認証基準に完全に適合するクラスIIの医療機器は、PMDAではなく登録認証機関の認証を受けます。"
        let lines = LineBreaking.wrap(text, width: 20)
        #expect(lines.count > 2)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
        #expect(lines.joined() == text, "nothing is lost or added")
    }

    @Test func closingPunctuationNeverStartsALineAndOpeningNeverEndsOne() {
        for width in 6...30 {
            let lines = LineBreaking.wrap("製造販売承認（PMDA審査）を受けます。一変（一部変更承認）、軽変。", width: width)
            for line in lines.dropFirst() { #expect(!"、。）」".contains(line.first ?? " "), "width \(width): \(lines)") }
            for line in lines { #expect(!"（「".contains(line.last ?? " "), "width \(width): \(lines)") }
        }
    }

    @Test func englishBreaksAtSpacesWithAHangingIndent() {
        let lines = LineBreaking.wrap("A Class II device conforming to a certification standard is certified", width: 24,
                                      indent: "  • ", hanging: "    ")
        #expect(lines == ["  • A Class II device", "    conforming to a", "    certification", "    standard is", "    certified"])
    }

    @Test func aWordLongerThanTheLineIsCut() {
        let lines = LineBreaking.wrap("https://www.pmda.go.jp/review-services/drug-reviews", width: 20)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
        #expect(lines.joined() == "https://www.pmda.go.jp/review-services/drug-reviews")
    }

    @Test func tableColumnsLineUpByDisplayWidth() {
        var page = Page()
        page.table([["認証基準", "ninshō kijun", "certification standard"], ["QMS", "-", "QMS Ordinance"]])
        let lines = page.render(width: 80, color: false).split(separator: "\n").map(String.init)
        let columns = lines.map { line -> Int in
            let prefix = line.prefix { $0 != "n" && $0 != "-" }
            return DisplayWidth.of(String(prefix))
        }
        #expect(columns[0] == columns[1], "\(lines)")
        #expect(lines[0] == "認証基準  ninshō kijun  certification standard")
    }

    @Test func colourOnlyOnATerminalAndNeverUnderNoColor() {
        #expect(Display.resolve(columns: 100, isTerminal: true, environment: [:]) == Display(width: 100, color: true))
        #expect(Display.resolve(columns: 100, isTerminal: true, environment: ["NO_COLOR": "1"]).color == false)
        #expect(Display.resolve(columns: nil, isTerminal: false, environment: ["COLUMNS": "60"]) == Display(width: 60, color: false))
        #expect(Display.resolve(columns: nil, isTerminal: false, environment: [:]).width == 80)
        var page = Page()
        page.text("✔ Correct.", style: .good)
        #expect(page.render(width: 40, color: true).contains("\u{1B}[1;32m"))
        #expect(!page.render(width: 40, color: false).contains("\u{1B}"))
    }
}
