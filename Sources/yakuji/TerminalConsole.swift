import Advisor
import DecisionModel
import Foundation

/// The questionnaire on a real terminal.
///
/// Lines are read with read(2) rather than Swift's readLine, which retries forever when Ctrl-C interrupts the
/// read (getline keeps failing with EINTR): here an interrupted read ends the session like Ctrl-D.
struct TerminalConsole: Console {
    private var buffer: [UInt8] = []
    private var atEnd = false

    /// A longer line is cut here (the rest is read and dropped); the session then refuses it as too long.
    static let maxLineBytes = 1 << 20

    /// Nil at Ctrl-D, and after Ctrl-C (see `Interrupts`), which the session treats alike.
    mutating func readLine(prompt: String) -> String? {
        if Interrupts.happened { return nil }
        write(prompt)
        var line: [UInt8] = []
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                line += buffer[..<newline].prefix(max(0, Self.maxLineBytes - line.count))
                buffer.removeSubrange(...newline)
                break
            }
            line += buffer.prefix(max(0, Self.maxLineBytes - line.count))
            buffer.removeAll(keepingCapacity: true)
            if atEnd { return line.isEmpty ? nil : String(decoding: line, as: UTF8.self) }
            guard Self.waitForInput() else { return nil }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if Interrupts.happened { return nil }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { atEnd = true; continue }
            buffer += chunk[..<count]
        }
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
    }

    /// False once Ctrl-C (or a hang-up) came, whether before or during the wait.
    private static func waitForInput() -> Bool {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: Interrupts.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
        while !Interrupts.happened {
            let ready = poll(&fds, nfds_t(fds.count), -1)
            if Interrupts.happened || (ready > 0 && fds[1].revents != 0) { return false }
            // Input, end of input or a terminal error: the read that follows tells which.
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return true }
        }
        return false
    }

    var stopRequested: Bool { Interrupts.happened }

    mutating func write(_ text: String) {
        FileHandle.standardOutput.write(Data(VisibleText.sanitize(text).utf8))
    }
}
