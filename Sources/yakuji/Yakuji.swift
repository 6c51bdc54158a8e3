import ArgumentParser

@main
struct Yakuji: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yakuji",
        abstract: "Which route a medical device takes through Japan's PMD Act (薬機法), and how long it takes.",
        subcommands: [Assess.self, Lag.self, Jmdn.self, Rules.self, Dmn.self])
}

struct Dmn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmn",
        abstract: "Work with any DMN model: run conformance tests, evaluate decisions.",
        subcommands: [DmnTest.self, DmnEval.self])
}
