import Foundation

/// `function(…) external {java: {class: …, method signature: …}}`. No JVM runs here: the methods of
/// `java.lang.Math` and the boxing conversions (`Integer.valueOf` …) that FEEL can compute exactly are
/// mapped to Swift; any other class or method is reported as unsupported when the function is called.
enum FEELExternalJava {
    typealias Implementation = @Sendable ([FEELValue]) -> (value: FEELValue, problems: [String])

    struct Mapping {
        var implementation: Implementation?
        /// Why the function cannot be called, when it cannot.
        var description: String
    }

    static func function(for definition: FEELValue) -> Mapping {
        guard case .context(let context) = definition else {
            return Mapping(description: "an external function needs a context such as {java: {class: …, method signature: …}}")
        }
        if context["pmml"] != nil { return Mapping(description: "external PMML functions are not supported") }
        return function(java: context["java"] ?? .null)
    }

    /// The `{class: …, method signature: …}` of a Java function: a FEEL `external {java: …}` or the body of a
    /// boxed function definition of kind Java.
    static func function(java: FEELValue) -> Mapping {
        guard case .context(let java) = java, case .string(let className)? = java["class"],
              case .string(let signature)? = java["method signature"] else {
            return Mapping(description: "an external function needs {java: {class: …, method signature: …}}")
        }
        let compact = signature.filter { !$0.isWhitespace }
        guard let open = compact.firstIndex(of: "("), compact.hasSuffix(")") else {
            return Mapping(description: "'\(signature)' is not a Java method signature")
        }
        let method = String(compact[..<open])
        let types = compact[compact.index(after: open)..<compact.index(before: compact.endIndex)]
            .split(separator: ",").map(String.init)
        guard let implementation = implementation(className, method, types) else {
            return Mapping(description: "external Java method \(className).\(signature) is not available (no JVM; only java.lang.Math and the boxing conversions are)")
        }
        return Mapping(implementation: implementation, description: "")
    }

    private static let unary: [String: @Sendable (Double) -> Double] = [
        "abs": { Swift.abs($0) }, "cos": { Foundation.cos($0) }, "sin": { Foundation.sin($0) }, "tan": { Foundation.tan($0) },
        "acos": { Foundation.acos($0) }, "asin": { Foundation.asin($0) }, "atan": { Foundation.atan($0) },
        "exp": { Foundation.exp($0) }, "log": { Foundation.log($0) }, "log10": { Foundation.log10($0) },
        "sqrt": { $0.squareRoot() }, "cbrt": { Foundation.cbrt($0) }, "floor": { $0.rounded(.down) },
        "ceil": { $0.rounded(.up) }, "signum": { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) },
        "toDegrees": { $0 * 180 / .pi }, "toRadians": { $0 * .pi / 180 },
    ]

    private static let binary: [String: @Sendable (Double, Double) -> Double] = [
        "max": { Swift.max($0, $1) }, "min": { Swift.min($0, $1) }, "pow": { Foundation.pow($0, $1) },
        "atan2": { Foundation.atan2($0, $1) }, "hypot": { Foundation.hypot($0, $1) },
    ]

    private static let numericTypes: Set<String> = ["double", "float", "int", "long", "short", "byte"]

    private static func implementation(_ className: String, _ method: String, _ types: [String]) -> Implementation? {
        switch className {
        case "java.lang.Math", "java.lang.StrictMath":
            guard types.allSatisfy(numericTypes.contains) else { return nil }
            let integral = types.allSatisfy { ["int", "long", "short", "byte"].contains($0) }
            if types.count == 1, let f = unary[method] {
                return { a in number(a, 1) { f($0[0]) } }
            }
            if types.count == 2, let f = binary[method] {
                if integral, method == "max" || method == "min" {
                    return { a in integers(a) { method == "max" ? Swift.max($0, $1) : Swift.min($0, $1) } }
                }
                return { a in number(a, 2) { f($0[0], $0[1]) } }
            }
            return nil
        case "java.lang.Short", "java.lang.Byte", "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float":
            guard method == "valueOf" || method == "parse" + className.split(separator: ".").last!, types.count == 1 else { return nil }
            let kind = String(className.split(separator: ".").last!)
            return { a in boxed(a.first ?? .null, kind) }
        case "java.lang.String":
            if method == "valueOf", types == ["char"] {
                return { a in
                    guard case .string(let text) = a.first ?? .null, text.count == 1 else {
                        return (.null, ["String.valueOf(char) needs a one-character string"])
                    }
                    return (.string(text), [])
                }
            }
            if method == "format", types.first == "java.lang.String" {
                return { a in format(a) }
            }
            return nil
        default:
            return nil
        }
    }

    private static func number(_ arguments: [FEELValue], _ count: Int, _ f: ([Double]) -> Double) -> (value: FEELValue, problems: [String]) {
        var doubles: [Double] = []
        for argument in arguments.prefix(count) {
            guard case .number(let n) = argument else { return (.null, ["expected a number, not \(argument.typeName)"]) }
            doubles.append(n.doubleValue)
        }
        guard doubles.count == count, let result = FEELNumber(f(doubles)) else { return (.null, ["result is not a number"]) }
        return (.number(result), [])
    }

    private static func integers(_ arguments: [FEELValue], _ f: (FEELNumber, FEELNumber) -> FEELNumber) -> (value: FEELValue, problems: [String]) {
        guard arguments.count == 2, case .number(let a) = arguments[0], case .number(let b) = arguments[1],
              a.isInteger, b.isInteger else { return (.null, ["expected two integers"]) }
        return (.number(f(a, b)), [])
    }

    /// `Integer.valueOf(123)`, `Float.valueOf("1234.56")`: the number the Java type would hold.
    private static func boxed(_ value: FEELValue, _ kind: String) -> (value: FEELValue, problems: [String]) {
        let number: FEELNumber?
        switch value {
        case .number(let n): number = n
        case .string(let text): number = FEELNumber(text.trimmingWhitespace())
        default: number = nil
        }
        guard let number else { return (.null, ["\(kind).valueOf: \(value) is not a number"]) }
        let ranges: [String: ClosedRange<Double>] = ["Byte": -128...127, "Short": -32_768...32_767,
                                                     "Integer": -2_147_483_648...2_147_483_647,
                                                     "Long": -9.223372036854776e18...9.223372036854776e18]
        if let range = ranges[kind] {
            guard number.isInteger, range.contains(number.doubleValue) else { return (.null, ["\(number) is not a Java \(kind)"]) }
            return (.number(number), [])
        }
        if kind == "Float", let float = Float(exactly: Float(number.doubleValue)), let n = FEELNumber("\(float)") {
            return (.number(n), [])
        }
        return FEELNumber(number.doubleValue).map { (.number($0), []) } ?? (.null, ["\(number) is not a Java \(kind)"])
    }

    /// `String.format(pattern, args…)` for `%s`, `%d` and `%%`.
    private static func format(_ arguments: [FEELValue]) -> (value: FEELValue, problems: [String]) {
        guard case .string(let pattern) = arguments.first ?? .null else { return (.null, ["String.format needs a pattern"]) }
        var values = arguments.dropFirst().flatMap { value -> [FEELValue] in
            if case .list(let items) = value { return items }
            return [value]
        }[...]
        var result = ""
        var characters = pattern.makeIterator()
        while let c = characters.next() {
            guard c == "%" else { result.append(c); continue }
            switch characters.next() {
            case "%": result.append("%")
            case "s", "d":
                guard let value = values.popFirst() else { return (.null, ["String.format: too few arguments"]) }
                result += value.bareText
            default: return (.null, ["String.format: only %s, %d and %% are supported"])
            }
        }
        return (.string(result), [])
    }
}
