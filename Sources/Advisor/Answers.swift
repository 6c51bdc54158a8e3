import DecisionModel

/// What the user has said about the device: typed values, "unknown", in the order given.
public struct Answers: Sendable, Equatable {
    public enum Answer: Sendable, Equatable {
        case value(FEELValue)
        case unknown
    }

    public var device: String?
    /// Comments before the root of the file the answers came from, written back when they are saved.
    public var headerComments: [String] = []
    public private(set) var order: [String] = []
    public private(set) var entries: [String: Answer] = [:]

    public init(device: String? = nil) { self.device = device }

    public subscript(name: String) -> Answer? {
        get { entries[name] }
        set {
            if let newValue {
                // One lookup, not a test and then a store: a batch sets every cell of every profile.
                if entries.updateValue(newValue, forKey: name) == nil { order.append(name) }
            } else {
                entries[name] = nil
                order.removeAll { $0 == name }
            }
        }
    }

    /// Room for `count` answers, for a reader that knows how many it will set (a batch's CSV row).
    public mutating func reserveCapacity(_ count: Int) {
        order.reserveCapacity(count)
        entries.reserveCapacity(count)
    }

    public var isEmpty: Bool { order.isEmpty }

    /// The most recent answer (for "back").
    public var last: String? { order.last }

    /// Answers as engine inputs: unknown is null.
    public var inputValues: [String: FEELValue] {
        var values: [String: FEELValue] = [:]
        values.reserveCapacity(entries.count)
        for (name, answer) in entries {
            if case .value(let v) = answer { values[name] = v } else { values[name] = .null }
        }
        return values
    }

    public var unknownNames: [String] {
        order.filter { entries[$0] == .unknown }
    }

    /// Later answers override earlier ones (a file, then `--set`).
    public mutating func merge(_ other: Answers) {
        if let device = other.device { self.device = device }
        for name in other.order { self[name] = other.entries[name] }
    }
}
