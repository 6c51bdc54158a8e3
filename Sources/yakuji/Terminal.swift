import Foundation

/// Messages for people go to standard error, results to standard output.
enum Terminal {
    /// Located problems already read `file:line: error: …`; others get the prefix.
    static func error(_ message: String) { write(message.contains(": error: ") ? message : "error: " + message) }
    static func warning(_ message: String) { write("warning: " + message) }

    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
