import Advisor
import ArgumentParser
import Foundation

struct GlossaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glossary",
        abstract: "The glossary of regulatory terms (Japanese ⇄ English): list it, or search it by any word.",
        discussion: "Without TEXT every term is listed; with TEXT the matching terms are shown with their definitions. Exit 0; 1 when nothing matches; 2 on bad input.")

    @Argument(help: "Words to find in names, readings or definitions (Japanese or English).")
    var text: [String] = []

    @OptionGroup var options: TrainingOptions

    func run() throws {
        let language = options.language
        do {
            let ruleSet = try options.ruleSet()
            let query = text.joined(separator: " ")
            let terms = query.isEmpty ? ruleSet.glossary.terms : ruleSet.glossary.search(query)
            guard !terms.isEmpty else {
                Terminal.write(TrainingStrings.format(.glossaryNone, language, query, String(ruleSet.glossary.terms.count)))
                throw ExitCode(1)
            }
            print(options.display.render(GlossaryListing.page(terms, language: language, full: !query.isEmpty)),
                  terminator: "")
        } catch let error as AdvisorError {
            Terminal.error(error.description)
            throw ExitCode(2)
        }
    }
}
