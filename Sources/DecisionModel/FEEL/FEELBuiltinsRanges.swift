/// The range functions of DMN 1.5 (10.3.4.9, after Allen's interval algebra): `before`, `after`, `meets`,
/// `met by`, `overlaps`, `overlaps before`, `overlaps after`, `finishes`, `finished by`, `includes`,
/// `during`, `starts`, `started by`, `coincides`, and `range(from)`.
extension FEELBuiltins {
    /// An endpoint of a range for comparisons: a value, or no bound (below or above every value).
    private enum Bound {
        case below, above, value(FEELValue)
    }

    /// A range or a point (a point is the range [p..p]) with its bounds.
    private struct Span {
        let start: Bound, startIncluded: Bool, end: Bound, endIncluded: Bool
        let isPoint: Bool

        init(_ value: FEELValue, _ function: String) throws(FEELProblem) {
            switch value {
            case .null:
                throw nullResult
            case .range(let range):
                guard range.form != .equal, range.form != .notEqual else {
                    throw FEELProblem("\(function): \(range) is a unary test, not a range")
                }
                start = range.start == .null ? .below : .value(range.start)
                end = range.end == .null ? .above : .value(range.end)
                startIncluded = range.startIncluded
                endIncluded = range.endIncluded
                isPoint = false
            default:
                start = .value(value)
                end = .value(value)
                startIncluded = true
                endIncluded = true
                isPoint = true
            }
        }
    }

    /// Order of two bounds; nil when their values do not compare.
    private static func order(_ a: Bound, _ b: Bound, _ function: String) throws(FEELProblem) -> Int {
        switch (a, b) {
        case (.below, .below), (.above, .above): return 0
        case (.below, _), (_, .above): return -1
        case (.above, _), (_, .below): return 1
        case (.value(let x), .value(let y)):
            guard let result = FEELSemantics.compare(x, y) else {
                throw FEELProblem("\(function): cannot compare \(x.typeName) and \(y.typeName)")
            }
            return result == .orderedAscending ? -1 : (result == .orderedSame ? 0 : 1)
        }
    }

    private static func rangeFunction(_ name: String, pointPoint: Bool = true, pointRange: Bool = true, rangePoint: Bool = true,
                                      _ relation: @escaping @Sendable (_ a: Span, _ b: Span, _ o: (Bound, Bound) throws(FEELProblem) -> Int) throws(FEELProblem) -> Bool) -> FEELBuiltin {
        var signatures: [[String]] = [["range1", "range2"]]
        if pointPoint { signatures.append(["point1", "point2"]) }
        if pointRange { signatures.append(["point", "range"]) }
        if rangePoint { signatures.append(["range", "point"]) }
        return FEELBuiltin(name: name, signatures: signatures, variadic: false) { (arguments: [FEELValue]) throws(FEELProblem) in
            let a = try Span(arguments[0], name), b = try Span(arguments[1], name)
            let allowed = (a.isPoint, b.isPoint) == (true, true) ? pointPoint
                : (a.isPoint, b.isPoint) == (true, false) ? pointRange
                : (a.isPoint, b.isPoint) == (false, true) ? rangePoint : true
            guard allowed else {
                throw FEELProblem("\(name) is not defined for a \(a.isPoint ? "point" : "range") and a \(b.isPoint ? "point" : "range")")
            }
            return .boolean(try relation(a, b) { (x, y) throws(FEELProblem) in try order(x, y, name) })
        }
    }

    static let rangeFunctions: [FEELBuiltin] = [
        rangeFunction("before") { a, b, o throws(FEELProblem) in
            let c = try o(a.end, b.start)
            return c < 0 || (c == 0 && (!a.endIncluded || !b.startIncluded))
        },
        rangeFunction("after") { a, b, o throws(FEELProblem) in
            let c = try o(a.start, b.end)
            return c > 0 || (c == 0 && (!a.startIncluded || !b.endIncluded))
        },
        rangeFunction("meets", pointPoint: false, pointRange: false, rangePoint: false) { a, b, o throws(FEELProblem) in
            let c = try o(a.end, b.start)
            return a.endIncluded && b.startIncluded && c == 0
        },
        rangeFunction("met by", pointPoint: false, pointRange: false, rangePoint: false) { a, b, o throws(FEELProblem) in
            let c = try o(a.start, b.end)
            return a.startIncluded && b.endIncluded && c == 0
        },
        rangeFunction("overlaps", pointPoint: false, pointRange: false, rangePoint: false) { a, b, o throws(FEELProblem) in
            let endStart = try o(a.end, b.start), startEnd = try o(a.start, b.end)
            return (endStart > 0 || (endStart == 0 && a.endIncluded && b.startIncluded))
                && (startEnd < 0 || (startEnd == 0 && a.startIncluded && b.endIncluded))
        },
        rangeFunction("overlaps before", pointPoint: false, pointRange: false, rangePoint: false) { a, b, o throws(FEELProblem) in
            let starts = try o(a.start, b.start), endStart = try o(a.end, b.start), ends = try o(a.end, b.end)
            return (starts < 0 || (starts == 0 && a.startIncluded && !b.startIncluded))
                && (endStart > 0 || (endStart == 0 && a.endIncluded && b.startIncluded))
                && (ends < 0 || (ends == 0 && (!a.endIncluded || b.endIncluded)))
        },
        rangeFunction("overlaps after", pointPoint: false, pointRange: false, rangePoint: false) { a, b, o throws(FEELProblem) in
            let starts = try o(b.start, a.start), endStart = try o(b.end, a.start), ends = try o(b.end, a.end)
            return (starts < 0 || (starts == 0 && b.startIncluded && !a.startIncluded))
                && (endStart > 0 || (endStart == 0 && b.endIncluded && a.startIncluded))
                && (ends < 0 || (ends == 0 && (!b.endIncluded || a.endIncluded)))
        },
        rangeFunction("finishes", pointPoint: false, rangePoint: false) { a, b, o throws(FEELProblem) in
            let ends = try o(a.end, b.end)
            if a.isPoint { return b.endIncluded && ends == 0 }
            let starts = try o(a.start, b.start)
            return a.endIncluded == b.endIncluded && ends == 0
                && (starts > 0 || (starts == 0 && (!a.startIncluded || b.startIncluded)))
        },
        rangeFunction("finished by", pointPoint: false, pointRange: false) { a, b, o throws(FEELProblem) in
            let ends = try o(a.end, b.end)
            if b.isPoint { return a.endIncluded && ends == 0 }
            let starts = try o(a.start, b.start)
            return a.endIncluded == b.endIncluded && ends == 0
                && (starts < 0 || (starts == 0 && (a.startIncluded || !b.startIncluded)))
        },
        rangeFunction("includes", pointPoint: false, pointRange: false) { a, b, o throws(FEELProblem) in try includes(a, b, o) },
        rangeFunction("during", pointPoint: false, rangePoint: false) { a, b, o throws(FEELProblem) in try includes(b, a, o) },
        rangeFunction("starts", pointPoint: false, rangePoint: false) { a, b, o throws(FEELProblem) in
            let starts = try o(a.start, b.start)
            if a.isPoint { return b.startIncluded && starts == 0 }
            let ends = try o(a.end, b.end)
            return starts == 0 && a.startIncluded == b.startIncluded
                && (ends < 0 || (ends == 0 && (!a.endIncluded || b.endIncluded)))
        },
        rangeFunction("started by", pointPoint: false, pointRange: false) { a, b, o throws(FEELProblem) in
            let starts = try o(a.start, b.start)
            if b.isPoint { return a.startIncluded && starts == 0 }
            let ends = try o(b.end, a.end)
            return starts == 0 && a.startIncluded == b.startIncluded
                && (ends < 0 || (ends == 0 && (!b.endIncluded || a.endIncluded)))
        },
        rangeFunction("coincides", pointRange: false, rangePoint: false) { a, b, o throws(FEELProblem) in
            let starts = try o(a.start, b.start), ends = try o(a.end, b.end)
            return starts == 0 && a.startIncluded == b.startIncluded && ends == 0 && a.endIncluded == b.endIncluded
        },
        FEELBuiltin(name: "range", signatures: [["from"]], variadic: false) { (a: [FEELValue]) throws(FEELProblem) in
            .range(try rangeLiteral(try string(a[0], "range", "from")))
        },
    ]

    /// Whether `a` includes `b` (a point is the range [p..p]).
    private static func includes(_ a: Span, _ b: Span, _ o: (Bound, Bound) throws(FEELProblem) -> Int) throws(FEELProblem) -> Bool {
        let starts = try o(a.start, b.start), ends = try o(a.end, b.end)
        if b.isPoint {
            let startPoint = try o(a.start, b.start), endPoint = try o(a.end, b.start)
            return (startPoint < 0 && endPoint > 0) || (startPoint == 0 && a.startIncluded) || (endPoint == 0 && a.endIncluded)
        }
        return (starts < 0 || (starts == 0 && (a.startIncluded || !b.startIncluded)))
            && (ends > 0 || (ends == 0 && (a.endIncluded || !b.endIncluded)))
    }

    /// `range("[1..10)")`: an interval whose endpoints are literals (numbers, strings, `@"…"`, or `date("…")`,
    /// `time("…")`, `date and time("…")`, `duration("…")` of a literal string) or one of them `null`.
    static func rangeLiteral(_ text: String) throws(FEELProblem) -> FEELRange {
        let expression: FEELExpression
        do { expression = try FEELExpression(text) } catch {
            throw FEELProblem("range: \(FEELValue.quoted(text)) is not a range literal (\(error.message))")
        }
        guard case .range(let startClosed, let low, let high, let endClosed) = expression.root.kind else {
            throw FEELProblem("range: \(FEELValue.quoted(text)) is not an interval such as \"[1..10)\"")
        }
        func endpoint(_ node: FEELNode) throws(FEELProblem) -> FEELValue {
            guard let value = node.literalValue else {
                throw FEELProblem("range: the endpoints of \(FEELValue.quoted(text)) must be literals such as 1, \"a\" or @\"2024-01-01\"")
            }
            return value
        }
        return try FEELEvaluator.range(start: try endpoint(low), startIncluded: startClosed, end: try endpoint(high), endIncluded: endClosed)
    }
}
