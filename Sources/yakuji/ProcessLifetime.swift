import Synchronization

/// What a command keeps until the process exits. Freeing a loaded rule set and its compiled evaluators (hundreds of
/// thousands of small objects) costs a cold `assess` milliseconds, spent just before the process returns all its
/// memory at once anyway.
enum ProcessLifetime {
    private static let kept = Mutex<[any Sendable]>([])

    static func keep(_ value: any Sendable) {
        kept.withLock { $0.append(value) }
    }
}
