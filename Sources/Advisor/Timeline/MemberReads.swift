import DecisionModel

/// Which members of a fixed decision's value the decisions downstream may read. A route alternative fixes the value
/// of the route decision (route, review body, category, MAH licence); alternatives that differ only in members no
/// decision downstream reads (the licence, for the timeline, QMS and scheme tables) evaluate to the very same values
/// and traces, so one estimate serves them. Judged from the FEEL text, erring towards a read: a member counts as read
/// when its name appears anywhere in the text, and the whole value when the decision's name is used other than
/// directly followed by a dot (bare, passed to a function, filtered), or the logic is not a table or a literal.
enum MemberReads {
    /// The FEEL texts the decisions evaluate, a line each (one string to scan rather than thousands of short ones);
    /// nil when one of them has logic of another kind.
    static func text(of decisions: [Decision]) -> String? {
        // The bytes appended as they come, made a string once: joining thousands of short strings, or appending
        // each to a string (which checks the boundary between them every time), cost several times more.
        var bytes: [UInt8] = []
        var first = true
        func add(_ source: String) {
            if !first { bytes.append(UInt8(ascii: "\n")) }
            first = false
            bytes.append(contentsOf: source.utf8)
        }
        for decision in decisions {
            switch decision.logic.untyped {
            case .table(let table):
                for input in table.inputs {
                    add(input.expression.source)
                    if let values = input.inputValues { add(values.source) }
                }
                for output in table.outputs {
                    if let values = output.outputValues { add(values.source) }
                    if let entry = output.defaultOutputEntry { add(entry.source) }
                }
                for rule in table.rules {
                    for entry in rule.inputEntries { add(entry.source) }
                    for entry in rule.outputEntries { add(entry.source) }
                }
            case .literal(let literal):
                add(literal.expression.source)
            default:
                return nil
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `body` over the UTF-8 bytes of `text`, in place when the string is stored as UTF-8 (as a long one made is).
    static func withBytes<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        text.utf8.withContiguousStorageIfAvailable(body) ?? Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Whether `text` uses `name` other than as `name.`: an occurrence inside a longer name of letters, digits and
    /// underscores, or after a dot (a member of something else), is not the decision; any other is, and must be
    /// followed by a dot. A name that is not plain ASCII counts as read whole.
    static func readsWhole(_ name: String, in text: String) -> Bool {
        let name = Array(name.utf8)
        guard !name.isEmpty, name.allSatisfy({ $0 < 0x80 }) else { return true }
        return withBytes(text) { readsWhole(name, in: $0) }
    }

    private static func readsWhole(_ name: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Bool {
        func isNamePart(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
        var i = 0
        while i + name.count <= text.count {
            defer { i += 1 }
            guard text[i] == name[0], text[i..<(i + name.count)].elementsEqual(name) else { continue }
            let end = i + name.count
            if i > 0 && (isNamePart(text[i - 1]) || text[i - 1] == UInt8(ascii: ".")) || end < text.count && isNamePart(text[end]) { continue }
            if end == text.count || text[end] != UInt8(ascii: ".") { return true }
        }
        return false
    }

    /// Whether `text` may name `member`. Byte for byte when that is exact: an ASCII name whose characters have no
    /// other canonically equivalent spelling (the Kelvin sign is a K); otherwise as Swift compares strings.
    static func mentions(_ text: String, _ member: String) -> Bool {
        let word = Array(member.utf8)
        guard let first = word.first else { return true }
        guard word.allSatisfy({ $0 < 0x80 && !"K;`".utf8.contains($0) }) else { return text.contains(member) }
        return withBytes(text) { bytes in
            guard bytes.count >= word.count else { return false }
            for i in 0...(bytes.count - word.count) where bytes[i] == first {
                if bytes[i..<(i + word.count)].elementsEqual(word) { return true }
            }
            return false
        }
    }

    /// The same value, written alike: FEEL equality ignores the order of a context's entries, which a whole read
    /// may see, and Swift's string equality the way a string is composed, which an output may print.
    static func same(_ a: FEELValue?, _ b: FEELValue?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (.string(let x)?, .string(let y)?): return x.utf8.elementsEqual(y.utf8)
        case (.boolean(let x)?, .boolean(let y)?): return x == y
        case (.null?, .null?): return true
        default: return a == b && String(describing: a) == String(describing: b)
        }
    }

    /// Whether the decisions downstream see the same of two fixings of the same decisions: the same values, but for
    /// members of a context that no decision reads. `whole`: the fixed decisions read whole; `isRead(decision,
    /// member)`: whether a member's name is in the text of the decisions that require that decision.
    static func alike(_ a: [String: FEELValue], _ b: [String: FEELValue], whole: Set<String>,
                      isRead: (String, String) -> Bool) -> Bool {
        a.count == b.count && a.allSatisfy { name, value in
            guard let other = b[name] else { return false }
            guard !whole.contains(name), case .context(let x) = value, case .context(let y) = other else { return same(value, other) }
            return x.keys.allSatisfy { same(x[$0], y[$0]) || !isRead(name, $0) } && y.keys.allSatisfy { x[$0] != nil || !isRead(name, $0) }
        }
    }
}
