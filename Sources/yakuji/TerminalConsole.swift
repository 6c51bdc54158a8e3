import Advisor
import Foundation

/// The questionnaire on a real terminal.
struct TerminalConsole: Console {
    mutating func readLine(prompt: String) -> String? {
        write(prompt)
        return Swift.readLine(strippingNewline: true)
    }

    mutating func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
