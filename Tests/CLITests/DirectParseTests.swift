import ArgumentParser
import Testing
@testable import yakuji

/// `Yakuji.directParse` may only ever give the command `parseAsRoot` gives; whatever it declines (help, usage errors,
/// nested commands) `parseAsRoot` parses and words as before.
@Suite struct DirectParseTests {
    static let parsedDirectly: [[String]] = [
        ["assess", "--no-input", "--format", "json"],
        ["assess"],
        ["assess", "--answers", "a.xml", "--set", "x=1", "--set", "y=?", "--lang", "en", "--as-of", "2026-01-01"],
        ["assess", "--what-if", "x=2", "--format=markdown", "--output", "r.md", "--author", "A", "--applicant", "B"],
        ["assess", "--max-errors", "3", "--max-answers", "9", "--max-rule-file-size", "100", "--force", "--why", "T1"],
        ["assess", "--batch", "dir", "--rules", "R", "--save", "s.xml", "--max-value-length", "7", "--max-file-size", "8"],
        ["assess", "--"],
        ["lag", "--route", "approval", "--seed", "3", "--format", "json"],
        ["glossary"],
    ]

    static let declined: [[String]] = [
        [], ["--version"], ["--help"], ["help", "assess"], ["rules", "check"], ["dmn", "test"],
        ["assess", "--help"], ["assess", "-h"], ["assess", "help"], ["assess", "--version"],
        ["assess", "--generate-completion-script", "bash"], ["assess", "--generate-completion-script"],
        ["assess", "--experimental-dump-help"], ["assess", "--format", "xml"], ["assess", "--max-errors", "0"],
        ["assess", "--max-rule-file-size", "0"], ["assess", "--bogus"], ["assess", "extra"], ["assess", "--set"],
        ["assess", "--lang", "fr"], ["asses"], ["Assess"], ["lag"], ["lag", "--route", "approval", "--seed", "x"],
    ]

    @Test(arguments: parsedDirectly)
    func sameCommandAsFromTheRoot(_ arguments: [String]) throws {
        let direct = try #require(Yakuji.directParse(arguments))
        let root = try Yakuji.parseAsRoot(arguments)
        #expect(type(of: direct) == type(of: root))
        #expect(Self.dumped(direct) == Self.dumped(root))
    }

    @Test(arguments: declined)
    func leftToTheRoot(_ arguments: [String]) {
        #expect(Yakuji.directParse(arguments) == nil)
    }

    /// Parsed values, defaults included, as `dump` shows them.
    static func dumped(_ command: ParsableCommand) -> String {
        var text = ""
        dump(command, to: &text)
        return text
    }
}
