#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Ctrl-C, a hang-up or a kill request during the questionnaire: noted rather than fatal, so the read in progress
/// ends and the session stops as it does for Ctrl-D — answers saved, how to resume printed, exit 1. A save in
/// progress always completes first.
enum Interrupts {
    static let received = Atomic<Int32>(0)
    /// The write end of a pipe the handler writes one byte to. A flag alone loses a Ctrl-C that arrives after the
    /// prompt is written but before the read starts: the read then waits for a line. The reader polls the read end
    /// together with the terminal, so the signal is seen whenever it came.
    private static let wakeWrite = Atomic<Int32>(-1)
    private static let wakeRead = Atomic<Int32>(-1)

    static var happened: Bool { received.load(ordering: .relaxed) != 0 }

    /// The descriptor to poll beside standard input; -1 outside a session.
    static var wakeDescriptor: Int32 { wakeRead.load(ordering: .relaxed) }

    static func catchDuringSession() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
                _ = fcntl(end, F_SETFL, O_NONBLOCK)
            }
            wakeRead.store(ends[0], ordering: .relaxed)
            wakeWrite.store(ends[1], ordering: .relaxed)
        }
        install { signal in
            Interrupts.received.store(signal, ordering: .relaxed)
            let fd = Interrupts.wakeWrite.load(ordering: .relaxed)
            if fd >= 0 {
                var byte: UInt8 = 1
                _ = write(fd, &byte, 1)
            }
        }
    }

    /// Back to the default: once the questions are over, Ctrl-C ends the program at once.
    static func restoreDefault() {
        for number in signals { _ = signal(number, SIG_DFL) }
    }

    private static let signals = [SIGINT, SIGTERM, SIGHUP]

    private static func install(_ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        #if os(Linux)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        // No SA_RESTART: a read blocked at the prompt returns at once instead of waiting for a line.
        action.sa_flags = 0
        for number in signals { sigaction(number, &action, nil) }
        // Inherited blocking would leave Ctrl-C pending for ever.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in signals { sigaddset(&unblock, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }
}
