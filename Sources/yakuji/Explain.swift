import Advisor
import ArgumentParser
import Foundation

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "What an input, decision, rule, glossary term or outcome means, in Japanese and English, with its source and a worked case.",
        discussion: """
        NAME is an input (certificationStandardExists), a decision (pathway), a rule id (pw_R2_certification_c2) or decision:row \
        (pathway:5), a glossary term by id, Japanese or English name (認証基準, "certification standard", 一変), or an \
        outcome (certification, pathway=certification). Exit 0; 2 when the name is none of these (close names are suggested).
        """)

    @Argument(help: "The name to explain (words are joined with spaces).")
    var name: [String]

    @OptionGroup var options: TrainingOptions

    func run() throws {
        let language = options.language
        let query = name.joined(separator: " ")
        do {
            let ruleSet = try options.ruleSet()
            let library = CaseLibrary.load(rules: ruleSet)
            library.warnAboutUnreadableFiles()
            let explainer = Explainer(rules: ruleSet, library: library)
            let subjects = explainer.resolve(query)
            guard let first = subjects.first else {
                var message = TrainingStrings.format(.notFound, language, query)
                let close = explainer.suggestions(for: query)
                if !close.isEmpty { message += "\n\(TrainingStrings.text(.didYouMean, language)): " + close.joined(separator: ", ") }
                Terminal.error(message)
                throw ExitCode(2)
            }
            var page = explainer.page(first, language: language)
            if subjects.count > 1 {
                page.blank()
                page.text(TrainingStrings.format(.also, language, query) + ": "
                          + subjects.dropFirst().map { "\($0.kind) \($0.reference)" }.joined(separator: "; "), style: .dim)
            }
            print(options.display.render(page), terminator: "")
        } catch let error as AdvisorError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}
