import Advisor

/// A terminal console that repeats each line read from a script (stdin not a terminal) after its prompt, so a
/// scripted quiz reads like one played at the keyboard.
struct EchoingConsole: Console {
    var terminal = TerminalConsole()
    let echo: Bool

    mutating func readLine(prompt: String) -> String? {
        let line = terminal.readLine(prompt: prompt)
        if echo { terminal.write((line ?? "") + "\n") }
        return line
    }

    mutating func write(_ text: String) { terminal.write(text) }
}
