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

    static var happened: Bool { received.load(ordering: .relaxed) != 0 }

    static func catchDuringSession() {
        install { signal in Interrupts.received.store(signal, ordering: .relaxed) }
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
