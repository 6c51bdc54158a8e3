import Advisor
import Foundation

/// The width and colour of standard output: the terminal's own width when it is one, `--width` to override.
enum TerminalDisplay {
    static func current(width: Int? = nil) -> Display {
        var display = Display.resolve(columns: columns(), isTerminal: isatty(STDOUT_FILENO) == 1,
                                      environment: ProcessInfo.processInfo.environment)
        if let width, width > 0 { display.width = width }
        return display
    }

    private static func columns() -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
}
