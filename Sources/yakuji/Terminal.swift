import Advisor
import DecisionModel
import Foundation

/// Messages for people go to standard error, results to standard output. Everything human-readable passes
/// through `VisibleText`, so an escape sequence in an answer or a rule file is shown, never obeyed.
enum Terminal {
    /// Located problems already read `file:line: error: …`; others get the prefix.
    static func error(_ message: String) { write(message.contains(": error: ") ? message : "error: " + message) }
    static func warning(_ message: String) { write("warning: " + message) }

    static func write(_ line: String) {
        FileHandle.standardError.write(Data((VisibleText.sanitize(line) + "\n").utf8))
    }

    /// A result for people (text, Markdown, HTML, DOT) on standard output.
    static func output(_ text: String, terminator: String = "\n") {
        print(VisibleText.sanitize(text), terminator: terminator)
    }

    /// A JSON document on standard output, as written: JSON escapes every character `VisibleText` would show
    /// differently, so there is nothing to sanitize (and a report is half a megabyte to check again).
    /// Written past the C library's buffer, which is flushed first so that anything printed before stays before;
    /// a failed write ends the output as a failed `print` does, silently.
    static func output(json: [UInt8]) {
        fflush(nil)
        FileDescriptor.writeAll(json, to: STDOUT_FILENO)
    }
}
