import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The built binary on a pseudo-terminal, as a person at a terminal runs it: in a session of its own with the
/// terminal as its controlling terminal, so a typed Ctrl-C (`\u{3}`) reaches it as SIGINT and Ctrl-D (`\u{4}`)
/// ends its input.
final class PseudoTerminal {
    struct Timeout: Error, CustomStringConvertible {
        var waitingFor: String
        var output: String
        var description: String { "timed out waiting for \(waitingFor.debugDescription); output so far:\n\(output)" }
    }

    private let master: Int32
    /// The program's process, for tests that look at it from outside (its memory maps).
    let pid: pid_t
    /// Everything the program has written, with the terminal's \r\n turned into \n.
    private(set) var output = ""
    private var consumed: String.Index

    // Linux x86-64 and arm64 values of macros Swift does not import.
    static let TIOCSPTLCK: UInt = 0x4004_5431
    static let TIOCGPTN: UInt = 0x8004_5430
    static let POSIX_SPAWN_SETSID: Int16 = 0x80
    static let POSIX_SPAWN_SETSIGDEF: Int16 = 0x04
    static let POSIX_SPAWN_SETSIGMASK: Int16 = 0x08

    /// The program runs in the package folder: give it absolute paths (`--save`) for anything it writes.
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        // posix_openpt, unlockpt and ptsname are not visible to Swift here; these are what they do on Linux.
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0, number: UInt32 = 0
        guard master >= 0, ioctl(master, Self.TIOCSPTLCK, &unlock) == 0, ioctl(master, Self.TIOCGPTN, &number) == 0 else {
            throw POSIXError(.ENODEV)
        }
        let name = "/dev/pts/\(number)"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid and without O_NOCTTY, the terminal becomes the child's controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A test runner may block or ignore signals; the program must start as it would from a shell.
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Self.POSIX_SPAWN_SETSID | Self.POSIX_SPAWN_SETSIGDEF | Self.POSIX_SPAWN_SETSIGMASK)
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "en_US.UTF-8"
        env["TERM"] = "dumb"
        env["YAKUJI_CACHE_DIR"] = CLI.cacheFolder
        for (k, v) in environment { env[k] = v }
        let argv = ([CLI.binary.path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, CLI.binary.path, &actions, &attributes, argv, envp)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EINVAL) }
        pid = child
        consumed = output.startIndex
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    /// Reads until `text` appears after what earlier calls matched.
    func expect(_ text: String, timeout: TimeInterval = 180) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = output[consumed...].range(of: text) {
                consumed = range.upperBound
                return
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0, readSome(timeout: left) else { throw Timeout(waitingFor: text, output: output) }
        }
    }

    /// Types `text` (use `\r` for Enter).
    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits for the program to end, keeping what it still writes; its exit status.
    func exitStatus(timeout: TimeInterval = 180) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while deadline.timeIntervalSinceNow > 0 {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                while readSome(timeout: 0.2) {}
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
            _ = readSome(timeout: 0.2)
        }
        throw Timeout(waitingFor: "exit", output: output)
    }

    /// False when nothing came in time or the terminal closed.
    private func readSome(timeout: TimeInterval) -> Bool {
        var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(max(0, timeout) * 1000)) > 0 else { return false }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        let offset = output.distance(from: output.startIndex, to: consumed)
        output += String(decoding: buffer[..<count], as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        consumed = output.index(output.startIndex, offsetBy: offset)
        return true
    }
}
