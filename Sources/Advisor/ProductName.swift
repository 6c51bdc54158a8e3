/// The product's name, asked before the first question of an interactive run so the report can carry it
/// (`<device>` in the answer file). Not a device fact: the rules never read it.
enum ProductName {
    static func prompt(_ language: Language) -> String {
        language == .ja
            ? "製品の名称を入力してください（報告書の表紙に記載します。空欄のまま Enter で省略）。"
            : "What is the product called? (It goes on the report's cover; press Enter to leave it out.)"
    }

    /// The name as typed, or nil for an empty line or "?" (no name).
    static func parse(_ line: String) -> String? {
        let name = line.trimmingWhitespace()
        return name.isEmpty || name == "?" || name == "？" ? nil : name
    }
}

extension InteractiveSession {
    /// Asks for the product name when the answers have none; false at end of input (Ctrl-D).
    mutating func askProductName(_ answers: inout Answers) throws(AdvisorError) -> Bool {
        guard answers.device == nil else { return true }
        console.write(ProductName.prompt(language) + "\n")
        guard let line = console.readLine(prompt: "> ") else { return false }
        answers.device = ProductName.parse(line)
        if answers.device != nil, let savePath { try AnswersFile.save(answers, to: savePath) }
        return true
    }
}
