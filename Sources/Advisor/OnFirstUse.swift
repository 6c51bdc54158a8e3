import Synchronization

/// A value made when first asked for, once, and shared by every copy of what holds it; what it is made from is
/// let go once it is made.
final class OnFirstUse<Value: Sendable>: Sendable {
    private enum State {
        case pending(@Sendable () -> Value)
        case made(Value)
    }

    private let state: Mutex<State>

    init(_ make: @escaping @Sendable () -> Value) { state = Mutex(.pending(make)) }

    init(made value: Value) { state = Mutex(.made(value)) }

    var value: Value {
        state.withLock { state in
            switch state {
            case .made(let value): return value
            case .pending(let make):
                let value = make()
                state = .made(value)
                return value
            }
        }
    }
}
