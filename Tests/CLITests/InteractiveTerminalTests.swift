import Foundation
import Testing

/// The questionnaire on a real (pseudo-)terminal: Ctrl-C, Ctrl-D, resuming, a refused save path (issue 14 item 12).
@Suite struct InteractiveTerminalTests {
    func answers(in file: URL) throws -> [String] {
        let text = try String(contentsOf: file, encoding: .utf8)
        return text.split(separator: "\n").filter { $0.contains("<answer ") }.map(String.init)
    }

    @Test func ctrlCStopsSavesAndSaysHowToResume() throws {
        let dir = try CLI.temporaryDirectory()
        let save = dir.appendingPathComponent("yakuji-answers.xml").path
        let terminal = try PseudoTerminal(["assess", "--as-of", "2026-12-03", "--save", save])
        try terminal.expect("What is the product called?")
        try terminal.expect("> ")
        terminal.send("\r")
        try terminal.expect("[Question 1,")
        try terminal.expect("(targetSpecies)")
        try terminal.expect("> ")
        terminal.send("1\r")
        try terminal.expect("[Question 2,")
        try terminal.expect("> ")
        terminal.send("\u{3}")
        try terminal.expect("Stopped. Your answers are saved in \(save); resume with --answers \(save)")
        #expect(try terminal.exitStatus() == 1)
        #expect(try answers(in: dir.appendingPathComponent("yakuji-answers.xml")) == [#"  <answer name="targetSpecies">human</answer>"#])
    }

    @Test func ctrlDStopsInJapaneseToo() throws {
        let dir = try CLI.temporaryDirectory()
        let save = dir.appendingPathComponent("yakuji-answers.xml").path
        let terminal = try PseudoTerminal(["assess", "--as-of", "2026-12-03", "--save", save], environment: ["LANG": "ja_JP.UTF-8"])
        try terminal.expect("> ")
        terminal.send("\r")
        try terminal.expect("[質問 1,")
        try terminal.expect("> ")
        terminal.send("\u{4}")
        try terminal.expect("中断しました。回答は \(save) に保存されています。")
        #expect(try terminal.exitStatus() == 1)
    }

    @Test func aNewSessionOffersToResumeTheSavedOne() throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("yakuji-answers.xml")
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Client A: confidential -->
        <answers xmlns="urn:yakuji:answers:1">
          <device>Pump</device>
          <answer name="assessmentKind">new-product</answer>
        </answers>
        """.write(to: file, atomically: true, encoding: .utf8)
        let terminal = try PseudoTerminal(["assess", "--as-of", "2026-12-03", "--save", file.path])
        try terminal.expect("\(file.path) already holds 1 answers (device: Pump).")
        try terminal.expect("> ")
        terminal.send("1\r")
        try terminal.expect("[Question 2,")
        try terminal.expect("> ")
        terminal.send("1\r")
        try terminal.expect("[Question 3,")
        try terminal.expect("> ")
        terminal.send("\u{4}")
        #expect(try terminal.exitStatus() == 1)
        #expect(try answers(in: file).count == 2)
        #expect(try String(contentsOf: file, encoding: .utf8).contains("<!-- Client A: confidential -->"))
    }

    @Test func aSavePathInAMissingFolderIsRefusedBeforeAnyQuestion() throws {
        let dir = try CLI.temporaryDirectory()
        let terminal = try PseudoTerminal(["assess", "--save", dir.appendingPathComponent("no/such/folder/answers.xml").path])
        try terminal.expect("cannot save answers here: the folder")
        #expect(try terminal.exitStatus() == 2)
        #expect(!terminal.output.contains("[Question"))
    }

    @Test func aFileThatIsNoAnswerFileIsKept() throws {
        let dir = try CLI.temporaryDirectory()
        try "# Notes\n".write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let terminal = try PseudoTerminal(["assess", "--save", dir.appendingPathComponent("README.md").path])
        try terminal.expect("exists and is not a Yakuji answer file")
        #expect(try terminal.exitStatus() == 2)
        #expect(try String(contentsOf: dir.appendingPathComponent("README.md"), encoding: .utf8) == "# Notes\n")
    }
}
