import Foundation
import Testing
import XMLSupport
@testable import Advisor

/// The consultation-prep report (issue 12) on the three kinds of sample: approval with clinical data,
/// certification, SaMD with open questions; in both languages.
@Suite struct ReportTests {
    static let rules: RuleSet = try! RuleSet.load(directory: Fixtures.bundledRules)
    static let samples = ["drug-eluting-coronary-stent", "home-blood-pressure-monitor", "headache-questionnaire-app"]
    static let cases: [(String, Language)] = samples.flatMap { s in [(s, Language.en), (s, .ja)] }

    static func document(_ sample: String, _ language: Language) throws -> (Assessment, ReportDocument) {
        var answers = try AnswersFile.load(Fixtures.bundledRules + "/../Samples/\(sample).xml", rules: rules)
        answers["referenceDecisionDate"] = .value(.date(.init(iso8601: "2026-06-01")!))
        let a = Assessor(rules: rules).assess(answers, asOf: "2026-12-03", exploreAlternatives: false)
        let meta = ReportMeta(applicant: "Example K.K.", author: "A. Author", date: "2026-12-03")
        return (a, ConsultationReport(rules: rules, language: language, meta: meta).document(a))
    }

    static func all(_ node: XMLElementNode, _ name: String) -> [XMLElementNode] {
        (node.name == name ? [node] : []) + node.children.flatMap { all($0, name) }
    }

    static func text(_ node: XMLElementNode) -> String {
        node.children.isEmpty ? node.trimmedText : node.children.map(text).joined(separator: " ") + " " + node.trimmedText
    }

    /// Research notes and engine spellings that must not reach a reader.
    static let forbidden = ["{", "null", "[S", "|H]", "|M]", "brief A", "brief §", "(brief", "§", "--format", "Rules/"]

    @Test(arguments: cases) func htmlIsWellFormedWithChartAndAnswers(_ sample: String, _ language: Language) throws {
        let (a, document) = try Self.document(sample, language)
        let html = ReportHTML.render(document)
        let root = try HTMLLoader().load(string: html, name: "\(sample).html")
        // XHTML-compatible as well: an XML parser reads it too.
        _ = try XMLLoader(rejectDoctype: false).load(string: html, name: "\(sample).xhtml")
        #expect(root.attribute("lang") == language.rawValue)
        let sections = Self.all(root, "section")
        #expect(sections.map { $0.attribute("id") ?? "" }.starts(with: ["cover", "summary", "answers", "conclusions", "open-questions"]))
        let answers = try #require(sections.first { $0.attribute("id") == "answers" })
        let rows = Self.all(answers, "tr").filter { !Self.all($0, "td").isEmpty }
        #expect(rows.count == a.answers.order.filter { $0 != Assessor.dateInput }.count + a.unanswered.filter { a.answers[$0] == nil }.count)
        if a.timeline != nil {
            let svg = try #require(Self.all(root, "svg").first)
            #expect(!Self.all(svg, "rect").isEmpty)
        }
        // No raw values or research notes outside the appendix (the trace is for checking, and says so).
        for section in sections where section.attribute("id") != "appendix" {
            let shown = Self.text(section)
            for word in Self.forbidden { #expect(!shown.contains(word), "\(section.attribute("id") ?? "") shows \(word)") }
        }
        #expect(html.contains("Noto Sans CJK JP") && html.contains("@page{size:A4"))
    }

    @Test(arguments: cases) func markdownHasTheSameSections(_ sample: String, _ language: Language) throws {
        let (_, document) = try Self.document(sample, language)
        let markdown = ReportMarkdown.render(document)
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }
        #expect(headings == document.sections.map(\.heading))
        let html = try HTMLLoader().load(string: ReportHTML.render(document), name: "r.html")
        let htmlHeadings = Self.all(html, "h2").map(\.trimmedText).filter { $0 != ReportStrings.text(.contents, language) }
        #expect(htmlHeadings == headings)
        #expect(markdown.contains("| \(ReportStrings.text(.question, language)) | \(ReportStrings.text(.answer, language)) |"))
    }

    @Test func openQuestionsNameTheirConsultation() throws {
        let (a, document) = try Self.document("headache-questionnaire-app", .en)
        #expect(a.openQuestions.contains("clinicalDataNeeded"))
        let section = try #require(document.sections.first { $0.anchor == "open-questions" })
        guard case .table(_, let rows, _)? = section.blocks.first else { Issue.record("no table"); return }
        let trial = rows.first { $0[0] == Self.rules.questions["clinicalDataNeeded"]?.prompt.text(.en) }
        #expect(trial?[1] == Self.rules.outcomes.label(key: "consultations", value: "clinical-trial-necessity", .en))
        #expect(trial?[2].hasPrefix("Given our non-clinical data") == true)
    }

    @Test(arguments: [(Language.en, "No"), (.ja, "いいえ")])
    func aYesNoAnswerStandsCapitalisedInTheAnswersTable(_ language: Language, _ no: String) throws {
        let (_, document) = try Self.document("drug-eluting-coronary-stent", language)
        let section = try #require(document.sections.first { $0.anchor == "answers" })
        guard case .table(_, let rows, _)? = section.blocks.first else { Issue.record("no table"); return }
        let reagent = rows.first { $0[0] == Self.rules.questions["isIvdReagent"]?.prompt.text(language) }
        #expect(reagent?[1] == no)
    }

    /// The stage table says what each figure is and where to read it, in the reader's language, without the
    /// research file's cross-references.
    @Test(arguments: [Language.en, .ja]) func everyTimelineFigureHasAReadableBasis(_ language: Language) throws {
        for figure in Self.rules.benchmarks.figures.values {
            let used = try #require(figure.used)
            #expect(FigureBasis.kind(used.statistic, language) != nil, "\(figure.key): \(used.statistic)")
            #expect(FigureBasis.confidence(used.confidence, language) != nil, "\(figure.key): \(used.confidence)")
            let basis = FigureBasis.text(used, language)
            #expect(!basis.contains(".md") && !basis.contains("["), "\(figure.key): \(basis)")
        }
        let (_, document) = try Self.document("drug-eluting-coronary-stent", language)
        let section = try #require(document.sections.first { $0.anchor == "timeline" })
        let rows = section.blocks.flatMap { block -> [[String]] in
            if case .table(_, let rows, _) = block { return rows } else { return [] }
        }
        #expect(rows.contains { $0.last?.hasSuffix("https://www.pmda.go.jp/review-services/f2f-pre/consultations/0012.html https://wic-net.com/material/document/13968/5") == true })
    }

    @Test func coverCarriesProductApplicantAuthorAndRules() throws {
        let (a, document) = try Self.document("home-blood-pressure-monitor", .ja)
        let cover = Dictionary(uniqueKeysWithValues: document.cover.map { ($0.label, $0.value) })
        #expect(cover[ReportStrings.text(.product, .ja)] == a.device)
        #expect(cover[ReportStrings.text(.applicant, .ja)] == "Example K.K.")
        #expect(cover[ReportStrings.text(.author, .ja)] == "A. Author")
        #expect(cover[ReportStrings.text(.checksum, .ja)] == a.rulesChecksum)
        #expect(document.disclaimer.contains("行政の判断ではありません"))
    }
}
