/// List and context functions of DMN 1.5 beyond S-FEEL's: `list replace`, `mode`, `stddev`, `distinct values`
/// and `union` (hashed: linear in the list), `context`, `context put`, `context merge`, and `is`.
extension FEELBuiltins {
    static let collectionFunctions: [FEELBuiltin] = [
        FEELBuiltin(name: "distinct values", signatures: [["list"]], variadic: false) { (a: [FEELValue]) throws(FEELProblem) in
            var seen = Set<FEELHashKey>()
            return .list(try listArgument(a[0], "distinct values").filter { seen.insert(FEELHashKey($0)).inserted })
        },
        FEELBuiltin(name: "union", signatures: [["list"]], variadic: true) { (a: [FEELValue]) throws(FEELProblem) in
            var seen = Set<FEELHashKey>()
            var result: [FEELValue] = []
            for list in a {
                for value in try listArgument(list, "union") where seen.insert(FEELHashKey(value)).inserted { result.append(value) }
            }
            return .list(result)
        },
        FEELBuiltin(name: "mode", signatures: [["list"]], variadic: true) { (a: [FEELValue]) throws(FEELProblem) in
            let values = try numbers(a, "mode")
            var counts: [FEELNumber: Int] = [:]
            for value in values { counts[value, default: 0] += 1 }
            guard let most = counts.values.max() else { return .list([]) }
            return .list(counts.filter { $0.value == most }.keys.sorted().map(FEELValue.number))
        },
        FEELBuiltin(name: "stddev", signatures: [["list"]], variadic: true) { (a: [FEELValue]) throws(FEELProblem) in
            // Sample standard deviation, exact to 34 digits.
            let values = try numbers(a, "stddev")
            guard values.count >= 2 else { throw FEELProblem("stddev needs at least two numbers") }
            guard let count = Optional(FEELNumber(values.count)), let total = sum(values),
                  let mean = FEELNumber.divide(total, count) else { throw FEELProblem("stddev: out of range") }
            var squares = FEELNumber(0)
            for value in values {
                guard let deviation = FEELNumber.subtract(value, mean), let square = FEELNumber.multiply(deviation, deviation),
                      let next = FEELNumber.add(squares, square) else { throw FEELProblem("stddev: out of range") }
                squares = next
            }
            guard let variance = FEELNumber.divide(squares, FEELNumber(values.count - 1)),
                  let root = variance.squareRoot() else { throw FEELProblem("stddev: out of range") }
            return .number(root)
        },
        FEELBuiltin(name: "list replace", signatures: [["list", "position", "newItem"], ["list", "match", "newItem"]],
                    variadic: false) { (a: [FEELValue]) throws(FEELProblem) in
            var values = try listArgument(a[0], "list replace")
            switch a[1] {
            case .number(let n):
                guard let position = n.rounded(scale: 0, mode: n.isNegative ? .up : .down)?.intValue,
                      position != 0, position.magnitude <= values.count else {
                    throw FEELProblem("list replace: position \(n) is outside the list of \(values.count)")
                }
                values[position > 0 ? position - 1 : values.count + position] = a[2]
            case .function(let match):
                guard match.parameters.count == 2 else {
                    throw FEELProblem("list replace: 'match' must take two parameters (item, newItem)")
                }
                for index in values.indices {
                    switch match.call([values[index], a[2]]) {
                    case .boolean(true): values[index] = a[2]
                    case .boolean(false): continue
                    case let other: throw FEELProblem("list replace: 'match' returned \(other.typeName), not a boolean")
                    }
                }
            case .null: throw nullResult
            default: throw FEELProblem("list replace: 'position' must be a number or a function, not \(a[1].typeName)")
            }
            return .list(values)
        },
        FEELBuiltin(name: "context", signatures: [["entries"]], variadic: false) { (a: [FEELValue]) throws(FEELProblem) in
            var context = FEELContext()
            for entry in try listArgument(a[0], "context") {
                guard case .context(let pair) = entry, case .string(let key)? = pair["key"], let value = pair["value"] else {
                    throw FEELProblem("context: each entry must be a context with a string 'key' and a 'value'")
                }
                guard context[key] == nil else { throw FEELProblem("context: key \(FEELValue.quoted(key)) is given twice") }
                context[key] = value
            }
            return .context(context)
        },
        contextPut,
        FEELBuiltin(name: "context merge", signatures: [["contexts"]], variadic: false) { (a: [FEELValue]) throws(FEELProblem) in
            var merged = FEELContext()
            for value in try listArgument(a[0], "context merge") {
                guard case .context(let context) = value else {
                    throw FEELProblem("context merge: expected contexts, not \(value.typeName)")
                }
                for entry in context.entries { merged[entry.key] = entry.value }
            }
            return .context(merged)
        },
        FEELBuiltin(name: "is", signatures: [["value1", "value2"]], variadic: false) { (a: [FEELValue]) throws(FEELProblem) in
            .boolean(identical(a[0], a[1]))
        },
    ]

    /// `context put(context, key, value)` and `context put(context, keys, value)` (a path into nested contexts).
    private static let contextPut: FEELBuiltin = {
        var builtin = FEELBuiltin(name: "context put", signatures: [["context", "key", "value"], ["context", "keys", "value"]],
                                  variadic: false) { _ throws(FEELProblem) in .null }
        builtin.signatureBody = { (a: [FEELValue], signature: Int?) throws(FEELProblem) in
            guard case .context(let context) = a[0] else {
                if a[0] == .null { throw nullResult }
                throw FEELProblem("context put: 'context' must be a context, not \(a[0].typeName)")
            }
            var keys: [String] = []
            switch a[1] {
            case .string(let key) where signature != 1: keys = [key]
            case .list(let items) where signature != 0:
                for item in items {
                    guard case .string(let key) = item else { throw FEELProblem("context put: every key must be a string") }
                    keys.append(key)
                }
                guard !keys.isEmpty else { throw FEELProblem("context put: 'keys' must not be empty") }
            case .null: throw nullResult
            default:
                throw FEELProblem("context put: '\(signature == 1 ? "keys" : "key")' must be \(signature == 1 ? "a list of strings" : "a string"), not \(a[1].typeName)")
            }
            return .context(try put(a[2], at: keys[...], in: context))
        }
        return builtin
    }()

    static func sum(_ values: [FEELNumber]) -> FEELNumber? {
        var total = FEELNumber(0)
        for value in values {
            guard let next = FEELNumber.add(total, value) else { return nil }
            total = next
        }
        return total
    }

    /// A copy of `context` with the value at the path of keys replaced (nested contexts must exist).
    private static func put(_ value: FEELValue, at keys: ArraySlice<String>, in context: FEELContext) throws(FEELProblem) -> FEELContext {
        var copy = context
        guard let key = keys.first else { return copy }
        if keys.count == 1 {
            copy[key] = value
            return copy
        }
        guard case .context(let inner)? = context[key] else {
            throw FEELProblem("context put: '\(key)' is not a context, so it has no '\(keys.dropFirst().first ?? "")'")
        }
        copy[key] = .context(try put(value, at: keys.dropFirst(), in: inner))
        return copy
    }

    /// `is(a, b)`: the same value of the same type, date-times and times with the same kind of zone.
    static func identical(_ a: FEELValue, _ b: FEELValue) -> Bool {
        switch (a, b) {
        case (.time(let x), .time(let y)):
            return x.secondOfDay == y.secondOfDay && x.nanosecond == y.nanosecond && x.zoneText == y.zoneText
        case (.dateTime(let x), .dateTime(let y)):
            return x.date == y.date && x.time.secondOfDay == y.time.secondOfDay && x.time.nanosecond == y.time.nanosecond
                && x.time.zoneText == y.time.zoneText
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { identical($0, $1) }
        case (.context(let x), .context(let y)):
            return x.count == y.count && x.entries.allSatisfy { entry in y[entry.key].map { identical(entry.value, $0) } ?? false }
        default:
            return FEELSemantics.equals(a, b) == true
        }
    }
}
