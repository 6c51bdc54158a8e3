import DecisionModel
import Foundation
import Testing
@testable import Advisor

/// Search ranking, synonyms and product families on the bundled JMDN table (issue 11 items 7 and 8).
@Suite struct JMDNSearchTests {
    static let rules = Result { try RuleSet.load(directory: Fixtures.bundledRules) }

    func table() throws -> LookupTable {
        try #require(LookupTable(rules: try Self.rules.get(), input: "jmdnCode"))
    }

    func names(_ entry: LookupTable.Entry) -> [String] {
        entry.fields.compactMap { if case .string(let s) = $0.value { s.lowercased() } else { nil } }
    }

    @Test func needleListsNeedlesBeforeHolderAndNoteOnlyHits() throws {
        let hits = try table().search("needle")
        let codes = hits.map(\.value)
        // Every entry whose name ends in "needle" (the head noun) comes first.
        let needles = codes.prefix { code in
            let entry = hits.first { $0.value == code }!
            return names(entry).contains { LookupTable.headMatches($0, "needle") }
        }
        #expect(needles.count >= 5, "\(codes)")
        #expect(needles.contains("30889000") && needles.contains("70378000"))
        let holder = try #require(codes.firstIndex(of: "12726010"), "持針器 (needle holder) still matches by name")
        #expect(holder >= needles.count)
        // 高周波処置用能動器具 only mentions needles in its notes: after every name match.
        if let active = codes.firstIndex(of: "70662000") { #expect(active > holder) }
    }

    @Test func implantQueryListsImplantNamesFirstAndSpellsTransmissionRight() throws {
        let hits = try table().search("植込み")
        let nameHits = hits.prefix { entry in names(entry).contains { $0.contains("植込み") } }
        #expect(nameHits.count >= 3)
        #expect(!nameHits.contains { $0.value == "70064000" })
        let transmitter = try #require(try table().entry(for: "70064000"))
        #expect(transmitter.field("jmdnNameJa") == .string("心電図電話伝送装置"))
    }

    @Test(arguments: [("atrial fibrillation", "47699002"), ("disposable syringe", "13929001"), ("心房細動", "47699002"),
                      ("ＥＣＧ", "35035000"), ("needles", "30889000")])
    func findsBySynonymOrWidthOrPlural(query: String, code: String) throws {
        let hits = try table().search(query).map(\.value)
        #expect(hits.contains(code), "\(query): \(hits)")
    }

    @Test func wordsFoundApartInANoteDoNotMakeAHit() throws {
        // 36346000's notes read "blood oxygen and carbon-dioxide partial pressures": no blood-pressure device.
        let hits = try table().search("blood pressure").map(\.value)
        #expect(hits.contains("16173000"))
        #expect(hits.contains("16173010"), "its notes write \"blood-pressure monitors\": \(hits)")
        #expect(!hits.contains("36346000"), "\(hits)")
        #expect(try table().search("partial pressures").map(\.value).contains("36346000"))
    }

    @Test func disposableSyringeRanksTheSyringeFirst() throws {
        #expect(try table().search("disposable syringe").first?.value == "13929001")
    }

    @Test func synonymHitsComeAfterNameHitsAndBeforeNoteHits() throws {
        let t = try table()
        let hits = t.search("syringe")
        let firstSynonymOnly = hits.firstIndex { !names($0).contains { $0.contains("syringe") } }
        if let firstSynonymOnly {
            #expect(hits[firstSynonymOnly...].allSatisfy { !names($0).contains { $0.contains("syringe") } })
        }
    }

    @Test func familySiblingsAreListedUnderTheirEntry() throws {
        let t = try table()
        let syringe = try #require(t.entry(for: "13929001"))
        let needle = try #require(syringe.refinements.first)
        #expect(needle.value == nil, "the 汎用針付注射筒 code was not confirmed from a source")
        #expect(needle.field("jmdnNameJa") == .string("汎用針付注射筒"))
        #expect(needle.field("jmdnClass") == .number(2))
        #expect(needle.field("jmdnCertificationStandard") == .boolean(true))
        #expect(needle.conditions.map(\.input) == ["needleAttached"])
        let rules = try Self.rules.get()
        let lines = JMDNListing.lines(syringe, .en, rules: rules)
        #expect(lines.count == 2)
        #expect(lines[1].contains("a needle is attached") && lines[1].contains("code not confirmed") && lines[1].contains("Class II"))
        #expect(JMDNListing.lines(syringe, .ja, rules: rules)[1].contains("コード未確認"))
        // The sibling's name finds the family.
        #expect(t.search("汎用針付注射筒").first?.value == "13929001")
        let oxygen = try #require(t.entry(for: "12873002"))
        #expect(oxygen.refinements.map(\.value) == ["12873003"])
    }

    /// A sibling that is also a table row must say what that row says.
    @Test func familySiblingsAgreeWithTheTable() throws {
        let t = try table()
        for entry in t.entries {
            for refinement in entry.refinements {
                guard let code = refinement.value else { continue }
                let row = try #require(t.entry(for: code), "\(entry.value) → \(code) is not a table row")
                for (name, value) in row.fields {
                    #expect(refinement.field(name) == value, "\(entry.value) → \(code): \(name)")
                }
            }
        }
    }

    @Test func familyCodesKeepThemselvesUnderTheirSeparatingAnswer() throws {
        let rules = try Self.rules.get()
        let keep = LookupTable.answersKeeping("13929001", in: rules.model, input: "jmdnCode", catalogue: "jmdn")
        #expect(keep.map(\.input) == ["needleAttached"] && keep.map(\.value) == [.boolean(false)])
        #expect(LookupTable.answersKeeping("12873003", in: rules.model, input: "jmdnCode", catalogue: "jmdn").map(\.value)
                == [.string("class-ii-or-higher")])
        #expect(LookupTable.answersKeeping("16173000", in: rules.model, input: "jmdnCode", catalogue: "jmdn").isEmpty)
    }

    /// The name is written three times per row (output, description, notes); a typo in one shows as a mismatch.
    @Test func everyRowSpellsItsNameTheSameWay() throws {
        let rules = try Self.rules.get()
        let table = try #require(rules.model.decision(named: "jmdn")?.decisionTable)
        for rule in table.rules {
            let name = rule.outputEntries[0].evaluate(FEELScope()).bareText
            #expect(rule.description == name, "\(rule.id ?? "")")
            let notes = Dictionary(zip(table.annotationNames, rule.annotations), uniquingKeysWith: { a, _ in a })
            #expect(notes["ja"]?.hasPrefix(name) == true, "\(rule.id ?? ""): \(name)")
            let english = rule.outputEntries[1].evaluate(FEELScope()).bareText
            if !english.isEmpty { #expect(notes["en"]?.hasPrefix(english) == true, "\(rule.id ?? ""): \(english)") }
            #expect(!name.contains { $0 == "伆" || $0.isWhitespace }, "\(name)")
        }
    }
}

@Suite struct JMDNSynonymImportTests {
    @Test func synonymsColumnIsReadSplitAndRoundTripped() throws {
        let csv = """
        code,nameJa,nameEn,class,synonyms
        13929001,汎用注射筒,General-purpose syringe,I,disposable syringe; シリンジ；plastic syringe|注射器
        """
        let entries = try JMDNImport.entries(csv: csv, file: "s.csv")
        #expect(entries[0].synonyms == ["disposable syringe", "シリンジ", "plastic syringe", "注射器"])
        let xml = JMDNImport.dmn(entries, importedFrom: "s.csv", on: "2026-12-03")
        #expect(xml.contains("<annotation name=\"synonyms\"/>"))
        #expect(xml.contains("disposable syringe; シリンジ; plastic syringe; 注射器"))
    }

    @Test func anOldCSVWithoutSynonymsStillImports() throws {
        let entries = try JMDNImport.entries(csv: JMDNImportTests.csv, file: "old.csv")
        #expect(entries.count == 2)
        #expect(entries.allSatisfy { $0.synonyms.isEmpty })
    }

    @Test func exportCarriesTheSynonyms() throws {
        let rules = try RuleSet.load(directory: Fixtures.bundledRules)
        let table = try #require(LookupTable(rules: rules, input: "jmdnCode"))
        let csv = JMDNImport.csv(table)
        #expect(csv.hasPrefix("code,nameJa,nameEn,class,speciallyMaintained,certificationStandard,approvalStandard,source,en,ja,synonyms\n"))
        let entries = try JMDNImport.entries(csv: csv, file: "export.csv")
        #expect(entries.first { $0.code == "13929001" }?.synonyms.contains("disposable syringe") == true)
    }

    @Test func scenariosSetTheAnswersThatKeepAFamilyCode() throws {
        let entries = try JMDNImport.entries(csv: "code,nameJa,class\n13929001,汎用注射筒,I\n", file: "f.csv")
        let xml = JMDNImport.scenarios(entries, answersHref: "a.xml", importedFrom: "f.csv", on: "2026-12-03",
                                       keeping: ["13929001": [(input: "needleAttached", value: .boolean(false))]])
        #expect(xml.contains("<answer name=\"needleAttached\">false</answer>"))
    }
}
