import Testing
@testable import Advisor

@Suite struct ExplainTests {
    static let rules: RuleSet? = try? RuleSet.load(directory: Fixtures.bundledRules)

    func page(_ name: String, _ language: Language = .en) throws -> String {
        let rules = try #require(Self.rules)
        let explainer = Explainer(rules: rules, library: CaseLibrary.load(rules: rules))
        let subject = try #require(explainer.resolve(name).first, "\(name) resolves")
        return Display(width: 100).render(explainer.page(subject, language: language))
    }

    @Test func anInputInBothLanguagesWithSourceUsersTermsAndAnExample() throws {
        let text = try page("certificationStandardExists")
        #expect(text.contains("an input"))
        #expect(text.contains("  en  ") && text.contains("  ja  "))
        #expect(text.contains("Source: "))
        #expect(text.contains("Used by the decisions: ") && text.contains("standardFlags"))
        #expect(text.contains("certification-standard"))
        #expect(text.contains("Example — quiz-"))
    }

    @Test func aDecisionWithItsHitPolicyAndCitations() throws {
        let text = try page("pathway", .ja)
        #expect(text.contains("pathway — 判定"))
        #expect(text.contains("ヒットポリシー: F — 上から見て最初に一致した行で決まる"))
        #expect(text.contains("主な根拠"))
        #expect(text.contains("事例 — quiz-"))
        #expect(text.contains("「pathway」は次のものも指します") == false, "that line is the command's, not the page's")
    }

    @Test func aRuleWithItsConditionsAndOutputs() throws {
        let text = try page("pw_R2_certification_c2")
        #expect(text.contains("row 18 / pathway (F)") || text.contains("/ pathway (F)"))
        #expect(text.contains("When:") && text.contains("conformsToCertificationStandard  true"))
        #expect(text.contains("Then:") && text.contains("\"certification\""))
        #expect(text.contains("Example — "))
        #expect(try page("pathway:1").contains("pathway (F)"), "decision:row works too")
    }

    @Test func aTermByAnyNameAndAnOutcomeValue() throws {
        let term = try page("一変", .ja)
        #expect(term.contains("一部変更承認 (partial change approval (certification)) — 用語"))
        #expect(term.contains("ichibu henkō shōnin"))
        #expect(term.contains("change.procedure = partial-change-approval"))
        let outcome = try page("change.procedure=minor-change-notification")
        #expect(outcome.contains("change.procedure = minor-change-notification — an outcome"))
        #expect(outcome.contains("Decided by: change"))
        #expect(try page("minor-change-notification").contains("a glossary term"), "a term's id wins over the outcome value")
    }

    @Test func anUnknownNameGetsSuggestions() throws {
        let rules = try #require(Self.rules)
        let explainer = Explainer(rules: rules, library: nil)
        #expect(explainer.resolve("pw_R2").isEmpty)
        #expect(explainer.suggestions(for: "pw_R2").contains("pw_R2_certification_c2"))
        #expect(explainer.suggestions(for: "certification").contains("certification-standard"))
    }
}
