import Foundation

/// One built-in function: its parameter lists (alternative signatures) and its body.
struct FEELBuiltin: Sendable {
    let name: String
    /// Alternative signatures, e.g. `date(from)` and `date(year, month, day)`.
    let signatures: [[String]]
    /// Accepts any number of positional arguments (`min(1, 2, 3)`).
    let variadic: Bool
    let body: @Sendable ([FEELValue]) throws(FEELProblem) -> FEELValue
    /// For built-ins whose signatures differ only in a parameter's name (`context put(…, key, …)` and
    /// `(…, keys, …)`): the body told which signature named arguments chose (nil when positional).
    var signatureBody: (@Sendable ([FEELValue], Int?) throws(FEELProblem) -> FEELValue)?

    init(name: String, signatures: [[String]], variadic: Bool, body: @escaping @Sendable ([FEELValue]) throws(FEELProblem) -> FEELValue) {
        self.name = name
        self.signatures = signatures
        self.variadic = variadic
        self.body = body
    }

    /// Spends from the evaluation's budget itself (`FEELBudget.current`), by the steps its regular expression takes.
    var spendsFromBudget: Bool {
        name == "matches" || name == "replace" || name == "split"
    }

    func call(_ arguments: [(name: String?, value: FEELValue)]) throws(FEELProblem) -> FEELValue {
        let (values, signature) = try arrange(arguments)
        if let signatureBody { return try signatureBody(values, signature) }
        return try body(values)
    }

    /// Positional arguments for a call with the given (possibly named) arguments, and the signature that
    /// named arguments chose. Named arguments may leave parameters out: those are null.
    func arrange(_ arguments: [(name: String?, value: FEELValue)]) throws(FEELProblem) -> (values: [FEELValue], signature: Int?) {
        // Positional calls are the common case: checked without building sets.
        if !arguments.contains(where: { $0.name != nil }) {
            if !variadic && !signatures.contains(where: { $0.count == arguments.count }) {
                let counts = Set(signatures.map(\.count))
                let expected = counts.sorted().map(String.init).joined(separator: " or ")
                throw FEELProblem("\(name) expects \(expected) argument\(counts == [1] ? "" : "s") but got \(arguments.count)")
            }
            return (arguments.map(\.value), nil)
        }
        let named = arguments.compactMap(\.name)
        let given = Set(named)
        let candidates = signatures.indices.filter { given.isSubset(of: Set(signatures[$0])) }
        guard given.count == named.count,
              let index = candidates.first(where: { Set(signatures[$0]) == given }) ?? candidates.min(by: { signatures[$0].count < signatures[$1].count }) else {
            let known = Set(signatures.flatMap { $0 })
            if let unknown = named.first(where: { !known.contains($0) }) {
                throw FEELProblem("\(name) has no parameter named '\(unknown)'")
            }
            throw FEELProblem("\(name) cannot be called with parameters \(named.joined(separator: ", "))")
        }
        let values = signatures[index].map { parameter in
            arguments.first { $0.name == parameter }?.value ?? .null
        }
        return (values, index)
    }
}

/// FEEL's built-in functions (DMN 1.5, 10.3.4), the ones S-FEEL decision tables use and more.
enum FEELBuiltins {
    /// Thrown by argument helpers when an argument is null: the result is null, and it is
    /// not a problem worth reporting.
    static let nullResult = FEELProblem("")

    static func lookup(_ name: String) -> FEELBuiltin? { table[name] }

    /// Built-in function names, including `is defined` (which the evaluator handles itself).
    static func isBuiltinName(_ name: String) -> Bool { table[name] != nil || name == "is defined" }

    static var names: Set<String> { Set(table.keys) }

    /// A temporal value from `@"…"` text: date and time, date, time or duration.
    static func temporalLiteral(_ text: String) -> FEELValue? {
        if text.hasPrefix("P") || text.hasPrefix("-P") { return FEELDuration(iso8601: text).map(FEELValue.duration) }
        if let date = FEELDate(iso8601: text) { return .date(date) }
        if let dateTime = FEELDateTime(iso8601: text) { return .dateTime(dateTime) }
        return FEELTime(iso8601: text).map(FEELValue.time)
    }

    /// The value of `date("…")`, `time("…")`, `date and time("…")` or `duration("…")` with a
    /// literal string, when valid.
    static func temporalLiteral(function: String, text: String) -> FEELValue? {
        switch function {
        case "date": return FEELDate(iso8601: text).map(FEELValue.date)
        case "time": return FEELTime(iso8601: text).map(FEELValue.time)
        case "date and time": return FEELDateTime(iso8601: text).map(FEELValue.dateTime)
        case "duration": return FEELDuration(iso8601: text).map(FEELValue.duration)
        default: return nil
        }
    }

    // MARK: - Argument helpers

    static func string(_ value: FEELValue, _ function: String, _ parameter: String) throws(FEELProblem) -> String {
        switch value {
        case .string(let text): return text
        case .null: throw nullResult
        default: throw FEELProblem("\(function): '\(parameter)' must be a string, not \(value.typeName)")
        }
    }

    static func number(_ value: FEELValue, _ function: String, _ parameter: String) throws(FEELProblem) -> FEELNumber {
        switch value {
        case .number(let number): return number
        case .null: throw nullResult
        default: throw FEELProblem("\(function): '\(parameter)' must be a number, not \(value.typeName)")
        }
    }

    static func integer(_ value: FEELValue, _ function: String, _ parameter: String) throws(FEELProblem) -> Int {
        let number = try number(value, function, parameter)
        guard let whole = number.rounded(scale: 0, mode: number.isNegative ? .up : .down)?.intValue,
              whole.magnitude <= 1 << 53 else {
            throw FEELProblem("\(function): '\(parameter)' is out of range")
        }
        return whole
    }

    static func list(_ value: FEELValue) -> [FEELValue]? {
        switch value {
        case .list(let items): return items
        case .null: return nil
        default: return [value]
        }
    }

    static func listArgument(_ value: FEELValue, _ function: String) throws(FEELProblem) -> [FEELValue] {
        guard let items = list(value) else { throw nullResult }
        return items
    }

    /// `f(list)` or `f(a, b, c)`.
    static func items(_ arguments: [FEELValue], _ function: String) throws(FEELProblem) -> [FEELValue] {
        if arguments.count == 1 { return try listArgument(arguments[0], function) }
        if arguments.isEmpty { throw FEELProblem("\(function) expects a list or at least one argument") }
        return arguments
    }

    static func numbers(_ arguments: [FEELValue], _ function: String) throws(FEELProblem) -> [FEELNumber] {
        var result: [FEELNumber] = []
        for item in try items(arguments, function) {
            guard case .number(let number) = item else {
                if item == .null { throw nullResult }
                throw FEELProblem("\(function) expects numbers, not \(item.typeName)")
            }
            result.append(number)
        }
        return result
    }

    static func result(_ number: FEELNumber?, _ function: String) throws(FEELProblem) -> FEELValue {
        guard let number else { throw FEELProblem("\(function): result out of range") }
        return .number(number)
    }

    static func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    static func text(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    static func extreme(_ arguments: [FEELValue], _ function: String, wantMax: Bool) throws(FEELProblem) -> FEELValue {
        let values = try items(arguments, function)
        guard var best = values.first else { return .null }
        for value in values.dropFirst() {
            guard let order = FEELSemantics.compare(value, best) else {
                if value == .null || best == .null { throw nullResult }
                throw FEELProblem("\(function): cannot compare \(value.typeName) and \(best.typeName)")
            }
            if (wantMax && order == .orderedDescending) || (!wantMax && order == .orderedAscending) { best = value }
        }
        if values.count == 1, FEELSemantics.compare(best, best) == nil, best != .null {
            throw FEELProblem("\(function): \(best.typeName) values have no order")
        }
        return best
    }

    static func rounding(_ name: String, _ mode: @escaping @Sendable (FEELNumber) -> NSDecimalNumber.RoundingMode) -> FEELBuiltin {
        FEELBuiltin(name: name, signatures: [["n", "scale"]], variadic: false) { (a: [FEELValue]) throws(FEELProblem) in
            let n = try number(a[0], name, "n")
            let scale = try integer(a[1], name, "scale")
            return try result(n.rounded(scale: scale, mode: mode(n)), name)
        }
    }

    /// Rounds half toward zero or half away from zero at `scale` decimal places.
    static func roundHalf(_ n: FEELNumber, scale: Int, awayFromZero: Bool) -> FEELNumber? {
        if awayFromZero { return n.rounded(scale: scale, mode: .plain) }
        // Half toward zero: round half away from zero, except exact halves which truncate.
        guard let truncated = n.rounded(scale: scale, mode: n.isNegative ? .up : .down),
              let difference = FEELNumber.subtract(n, truncated),
              let unit = FEELNumber.power(FEELNumber(10), FEELNumber(-scale)),
              let half = FEELNumber.divide(unit, FEELNumber(2)) else { return nil }
        let magnitude = difference.isNegative ? FEELNumber.negate(difference) : difference
        return magnitude <= half ? truncated : n.rounded(scale: scale, mode: .plain)
    }

    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                                     "September", "October", "November", "December"]

    static func dateArgument(_ value: FEELValue, _ function: String) throws(FEELProblem) -> FEELDate {
        switch value {
        case .date(let date): return date
        case .dateTime(let dateTime): return dateTime.date
        case .null: throw nullResult
        default: throw FEELProblem("\(function): expected a date, not \(value.typeName)")
        }
    }

    /// The current local date and time (used by `now()` and `today()`).
    static func currentDateTime() -> FEELDateTime? {
        let now = Date()
        let offset = TimeZone.current.secondsFromGMT(for: now)
        let seconds = now.timeIntervalSince1970
        let whole = Int(seconds.rounded(.down))
        let nanos = Int(((seconds - Double(whole)) * 1_000_000_000).rounded(.down))
        let local = whole + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let secondOfDay = local - days * 86_400
        guard let date = FEELDate(daysSinceEpoch: days),
              let time = FEELTime(hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60,
                                  nanosecond: max(0, min(nanos, 999_999_999)), offsetSeconds: offset) else { return nil }
        return FEELDateTime(date: date, time: time)
    }

    // MARK: - The table

    static let table: [String: FEELBuiltin] = {
        var all: [FEELBuiltin] = []
        func add(_ name: String, _ signatures: [[String]], variadic: Bool = false,
                 _ body: @escaping @Sendable ([FEELValue]) throws(FEELProblem) -> FEELValue) {
            all.append(FEELBuiltin(name: name, signatures: signatures, variadic: variadic, body: body))
        }

        // Boolean
        add("not", [["negand"]]) { a throws(FEELProblem) in
            switch a[0] {
            case .boolean(let flag): return .boolean(!flag)
            case .null: return .null
            default: throw FEELProblem("not: expected a boolean, not \(a[0].typeName)")
            }
        }

        // Conversion
        add("date", [["from"], ["year", "month", "day"]]) { a throws(FEELProblem) in
            if a.count == 3 {
                let y = try integer(a[0], "date", "year"), m = try integer(a[1], "date", "month")
                let d = try integer(a[2], "date", "day")
                guard let date = FEELDate(year: y, month: m, day: d) else {
                    throw FEELProblem("date: \(y)-\(m)-\(d) is not a valid date")
                }
                return .date(date)
            }
            switch a[0] {
            case .string(let text):
                guard let date = FEELDate(iso8601: text) else { throw FEELProblem("date: \"\(text)\" is not a date (YYYY-MM-DD)") }
                return .date(date)
            case .date: return a[0]
            case .dateTime(let dateTime): return .date(dateTime.date)
            case .null: return .null
            default: throw FEELProblem("date: cannot convert \(a[0].typeName) to a date")
            }
        }
        add("time", [["from"], ["hour", "minute", "second"], ["hour", "minute", "second", "offset"]]) { a throws(FEELProblem) in
            if a.count >= 3 {
                let h = try integer(a[0], "time", "hour"), m = try integer(a[1], "time", "minute")
                let secondNumber = try number(a[2], "time", "second")
                let s = try integer(a[2], "time", "second")
                let fraction = FEELNumber.subtract(secondNumber, FEELNumber(s)) ?? 0
                let nanos = FEELNumber.multiply(fraction, FEELNumber(1_000_000_000))?.rounded(scale: 0, mode: .down)?.intValue ?? 0
                var offset: Int?
                if a.count == 4 {
                    switch a[3] {
                    case .null: offset = nil
                    case .duration(let duration) where duration.kind == .daysAndTime:
                        offset = duration.wholeSecondsAndNanos?.seconds
                    default: throw FEELProblem("time: 'offset' must be a days and time duration")
                    }
                }
                guard let time = FEELTime(hour: h, minute: m, second: s, nanosecond: max(0, nanos), offsetSeconds: offset) else {
                    throw FEELProblem("time: not a valid time")
                }
                return .time(time)
            }
            switch a[0] {
            case .string(let text):
                guard let time = FEELTime(iso8601: text) else { throw FEELProblem("time: \"\(text)\" is not a time (hh:mm:ss)") }
                return .time(time)
            case .time: return a[0]
            case .dateTime(let dateTime): return .time(dateTime.time)
            case .date:
                return FEELTime(hour: 0, minute: 0, second: 0, offsetSeconds: 0).map(FEELValue.time) ?? .null
            case .null: return .null
            default: throw FEELProblem("time: cannot convert \(a[0].typeName) to a time")
            }
        }
        add("date and time", [["from"], ["date", "time"]]) { a throws(FEELProblem) in
            if a.count == 2 {
                let date = try dateArgument(a[0], "date and time")
                switch a[1] {
                case .time(let time): return .dateTime(FEELDateTime(date: date, time: time))
                case .null: return .null
                default: throw FEELProblem("date and time: 'time' must be a time, not \(a[1].typeName)")
                }
            }
            switch a[0] {
            case .string(let text):
                guard let value = FEELDateTime(iso8601: text) else {
                    throw FEELProblem("date and time: \"\(text)\" is not a date and time (YYYY-MM-DDThh:mm:ss)")
                }
                return .dateTime(value)
            case .dateTime: return a[0]
            case .date(let date): return .dateTime(FEELSemantics.midnight(date))
            case .null: return .null
            default: throw FEELProblem("date and time: cannot convert \(a[0].typeName)")
            }
        }
        add("duration", [["from"]]) { a throws(FEELProblem) in
            switch a[0] {
            case .string(let text):
                guard let value = FEELDuration(iso8601: text) else {
                    throw FEELProblem("duration: \"\(text)\" is not a duration (e.g. P1Y2M or P1DT2H)")
                }
                return .duration(value)
            case .duration: return a[0]
            case .null: return .null
            default: throw FEELProblem("duration: cannot convert \(a[0].typeName)")
            }
        }
        add("years and months duration", [["from", "to"]]) { a throws(FEELProblem) in
            func moment(_ value: FEELValue) throws(FEELProblem) -> FEELDateTime {
                switch value {
                case .date(let date): return FEELSemantics.midnight(date)
                case .dateTime(let dateTime): return dateTime
                case .null: throw nullResult
                default: throw FEELProblem("years and months duration: expected dates, not \(value.typeName)")
                }
            }
            let from = try moment(a[0]), to = try moment(a[1])
            var months = (to.date.year * 12 + to.date.month) - (from.date.year * 12 + from.date.month)
            let fromRest = (from.date.day, from.time.secondOfDay, from.time.nanosecond)
            let toRest = (to.date.day, to.time.secondOfDay, to.time.nanosecond)
            if months > 0 && toRest < fromRest { months -= 1 }
            if months < 0 && toRest > fromRest { months += 1 }
            return .duration(FEELDuration(months: months))
        }
        add("string", [["from"]]) { a throws(FEELProblem) in
            switch a[0] {
            case .null: return .null
            case .string: return a[0]
            case .date(let value): return .string(value.description)
            case .time(let value): return .string(value.description)
            case .dateTime(let value): return .string(value.description)
            case .duration(let value): return .string(value.description)
            default: return .string(a[0].description)
            }
        }
        add("number", [["from"], ["from", "grouping separator", "decimal separator"]]) { a throws(FEELProblem) in
            var text = try string(a[0], "number", "from")
            if a.count == 3 {
                var grouping: String?, decimal: String?
                if case .string(let g) = a[1] { grouping = g } else if a[1] != .null {
                    throw FEELProblem("number: 'grouping separator' must be a string")
                }
                if case .string(let d) = a[2] { decimal = d } else if a[2] != .null {
                    throw FEELProblem("number: 'decimal separator' must be a string")
                }
                if let grouping, ![" ", ",", ".", "'"].contains(grouping) {
                    throw FEELProblem("number: grouping separator must be one of ' ', ',', '.'")
                }
                if let decimal, ![".", ","].contains(decimal) {
                    throw FEELProblem("number: decimal separator must be '.' or ','")
                }
                if let grouping, grouping == decimal {
                    throw FEELProblem("number: grouping and decimal separators must differ")
                }
                if let grouping { text = text.replacingOccurrences(of: grouping, with: "") }
                if let decimal, decimal != "." {
                    if text.contains(".") { throw FEELProblem("number: \"\(text)\" is not a number") }
                    text = text.replacingOccurrences(of: decimal, with: ".")
                }
            }
            guard let value = FEELNumber(text) else { throw FEELProblem("number: \"\(text)\" is not a number") }
            return .number(value)
        }

        // Strings
        add("substring", [["string", "start position"], ["string", "start position", "length"]]) { a throws(FEELProblem) in
            let chars = scalars(try string(a[0], "substring", "string"))
            let start = try integer(a[1], "substring", "start position")
            guard start != 0 else { throw FEELProblem("substring: 'start position' must not be 0 (it counts from 1)") }
            var from = start > 0 ? start - 1 : chars.count + start
            var length = chars.count
            if a.count == 3 {
                length = try integer(a[2], "substring", "length")
                guard length >= 0 else { throw FEELProblem("substring: 'length' must not be negative") }
            }
            if from < 0 {
                length = max(0, length + from)
                from = 0
            }
            guard from < chars.count else { return .string("") }
            let end = from + min(length, chars.count - from)
            return .string(text(chars[from..<end]))
        }
        add("string length", [["string"]]) { a throws(FEELProblem) in
            .number(FEELNumber(try string(a[0], "string length", "string").unicodeScalars.count))
        }
        add("upper case", [["string"]]) { a throws(FEELProblem) in .string(try string(a[0], "upper case", "string").uppercased()) }
        add("lower case", [["string"]]) { a throws(FEELProblem) in .string(try string(a[0], "lower case", "string").lowercased()) }
        add("substring before", [["string", "match"]]) { a throws(FEELProblem) in
            let s = try string(a[0], "substring before", "string"), m = try string(a[1], "substring before", "match")
            guard !m.isEmpty, let range = s.range(of: m, options: .literal) else { return .string("") }
            return .string(String(s[..<range.lowerBound]))
        }
        add("substring after", [["string", "match"]]) { a throws(FEELProblem) in
            let s = try string(a[0], "substring after", "string"), m = try string(a[1], "substring after", "match")
            if m.isEmpty { return .string(s) }
            guard let range = s.range(of: m, options: .literal) else { return .string("") }
            return .string(String(s[range.upperBound...]))
        }
        add("contains", [["string", "match"]]) { a throws(FEELProblem) in
            let s = try string(a[0], "contains", "string"), m = try string(a[1], "contains", "match")
            return .boolean(m.isEmpty || s.range(of: m, options: .literal) != nil)
        }
        add("starts with", [["string", "match"]]) { a throws(FEELProblem) in
            let s = try string(a[0], "starts with", "string"), m = try string(a[1], "starts with", "match")
            return .boolean(s.unicodeScalars.starts(with: m.unicodeScalars))
        }
        add("ends with", [["string", "match"]]) { a throws(FEELProblem) in
            let s = try string(a[0], "ends with", "string"), m = try string(a[1], "ends with", "match")
            return .boolean(s.unicodeScalars.reversed().starts(with: m.unicodeScalars.reversed()))
        }
        add("string join", [["list"], ["list", "delimiter"]]) { a throws(FEELProblem) in
            let values = try listArgument(a[0], "string join")
            var delimiter = ""
            if a.count == 2, case .string(let text) = a[1] { delimiter = text }
            var parts: [String] = []
            for value in values {
                switch value {
                case .string(let text): parts.append(text)
                case .null: continue
                default: throw FEELProblem("string join: expected strings, not \(value.typeName)")
                }
            }
            return .string(parts.joined(separator: delimiter))
        }

        // Lists
        add("list contains", [["list", "element"]]) { a throws(FEELProblem) in
            let values = try listArgument(a[0], "list contains")
            return .boolean(values.contains { FEELSemantics.equals($0, a[1]) == true })
        }
        add("count", [["list"]], variadic: true) { a throws(FEELProblem) in
            .number(FEELNumber(try items(a, "count").count))
        }
        add("min", [["list"]], variadic: true) { a throws(FEELProblem) in try extreme(a, "min", wantMax: false) }
        add("max", [["list"]], variadic: true) { a throws(FEELProblem) in try extreme(a, "max", wantMax: true) }
        add("sum", [["list"]], variadic: true) { a throws(FEELProblem) in
            let values = try numbers(a, "sum")
            guard var total = values.first else { return .null }
            for value in values.dropFirst() {
                guard let next = FEELNumber.add(total, value) else { throw FEELProblem("sum: result out of range") }
                total = next
            }
            return .number(total)
        }
        add("product", [["list"]], variadic: true) { a throws(FEELProblem) in
            let values = try numbers(a, "product")
            guard var total = values.first else { return .null }
            for value in values.dropFirst() {
                guard let next = FEELNumber.multiply(total, value) else { throw FEELProblem("product: result out of range") }
                total = next
            }
            return .number(total)
        }
        add("mean", [["list"]], variadic: true) { a throws(FEELProblem) in
            let values = try numbers(a, "mean")
            guard !values.isEmpty else { return .null }
            var total = FEELNumber(0)
            for value in values {
                guard let next = FEELNumber.add(total, value) else { throw FEELProblem("mean: result out of range") }
                total = next
            }
            return try result(FEELNumber.divide(total, FEELNumber(values.count)), "mean")
        }
        add("median", [["list"]], variadic: true) { a throws(FEELProblem) in
            let values = try numbers(a, "median").sorted()
            guard !values.isEmpty else { return .null }
            if values.count % 2 == 1 { return .number(values[values.count / 2]) }
            guard let sum = FEELNumber.add(values[values.count / 2 - 1], values[values.count / 2]) else {
                throw FEELProblem("median: result out of range")
            }
            return try result(FEELNumber.divide(sum, 2), "median")
        }
        add("all", [["list"]], variadic: true) { a throws(FEELProblem) in
            var sawNull = false
            for value in try items(a, "all") {
                switch value {
                case .boolean(false): return .boolean(false)
                case .boolean(true): continue
                default: sawNull = true
                }
            }
            return sawNull ? .null : .boolean(true)
        }
        add("any", [["list"]], variadic: true) { a throws(FEELProblem) in
            var sawNull = false
            for value in try items(a, "any") {
                switch value {
                case .boolean(true): return .boolean(true)
                case .boolean(false): continue
                default: sawNull = true
                }
            }
            return sawNull ? .null : .boolean(false)
        }
        add("sublist", [["list", "start position"], ["list", "start position", "length"]]) { a throws(FEELProblem) in
            let values = try listArgument(a[0], "sublist")
            let start = try integer(a[1], "sublist", "start position")
            guard start != 0, start.magnitude <= values.count else { throw FEELProblem("sublist: 'start position' out of range") }
            let from = start > 0 ? start - 1 : values.count + start
            var length = values.count - from
            if a.count == 3 {
                length = try integer(a[2], "sublist", "length")
                guard length >= 0, from + length <= values.count else { throw FEELProblem("sublist: 'length' out of range") }
            }
            return .list(Array(values[from..<(from + length)]))
        }
        add("append", [["list", "item"]], variadic: true) { a throws(FEELProblem) in
            guard let first = a.first else { throw FEELProblem("append expects a list") }
            return .list(try listArgument(first, "append") + a.dropFirst())
        }
        add("concatenate", [["list"]], variadic: true) { a throws(FEELProblem) in
            var result: [FEELValue] = []
            for value in a { result += try listArgument(value, "concatenate") }
            return .list(result)
        }
        add("insert before", [["list", "position", "newItem"]]) { a throws(FEELProblem) in
            var values = try listArgument(a[0], "insert before")
            let position = try integer(a[1], "insert before", "position")
            guard position != 0, position.magnitude <= values.count else { throw FEELProblem("insert before: 'position' out of range") }
            values.insert(a[2], at: position > 0 ? position - 1 : values.count + position)
            return .list(values)
        }
        add("remove", [["list", "position"]]) { a throws(FEELProblem) in
            var values = try listArgument(a[0], "remove")
            let position = try integer(a[1], "remove", "position")
            guard position != 0, position.magnitude <= values.count else { throw FEELProblem("remove: 'position' out of range") }
            values.remove(at: position > 0 ? position - 1 : values.count + position)
            return .list(values)
        }
        add("reverse", [["list"]]) { a throws(FEELProblem) in .list(try listArgument(a[0], "reverse").reversed()) }
        add("index of", [["list", "match"]]) { a throws(FEELProblem) in
            let values = try listArgument(a[0], "index of")
            return .list(values.indices.filter { FEELSemantics.equals(values[$0], a[1]) == true }.map { .number(FEELNumber($0 + 1)) })
        }
        add("flatten", [["list"]]) { a throws(FEELProblem) in
            func flat(_ values: [FEELValue], depth: Int) -> [FEELValue] {
                values.flatMap { value -> [FEELValue] in
                    if case .list(let inner) = value, depth < 256 { return flat(inner, depth: depth + 1) }
                    return [value]
                }
            }
            return .list(flat(try listArgument(a[0], "flatten"), depth: 0))
        }
        add("sort", [["list"], ["list", "precedes"]]) { a throws(FEELProblem) in
            let values = try listArgument(a[0], "sort")
            if a.count == 2, case .function(let precedes) = a[1] {
                return .list(values.sorted { precedes.call([$0, $1]) == .boolean(true) })
            }
            for value in values where FEELSemantics.compare(value, values[0]) == nil {
                throw FEELProblem("sort: cannot order \(value.typeName) and \(values[0].typeName)")
            }
            return .list(values.sorted { FEELSemantics.compare($0, $1) == .orderedAscending })
        }

        // Numbers
        add("decimal", [["n", "scale"]]) { a throws(FEELProblem) in
            let n = try number(a[0], "decimal", "n")
            return try result(n.rounded(scale: try integer(a[1], "decimal", "scale"), mode: .bankers), "decimal")
        }
        add("floor", [["n"], ["n", "scale"]]) { a throws(FEELProblem) in
            let n = try number(a[0], "floor", "n")
            let scale = a.count == 2 ? try integer(a[1], "floor", "scale") : 0
            return try result(n.rounded(scale: scale, mode: .down), "floor")
        }
        add("ceiling", [["n"], ["n", "scale"]]) { a throws(FEELProblem) in
            let n = try number(a[0], "ceiling", "n")
            let scale = a.count == 2 ? try integer(a[1], "ceiling", "scale") : 0
            return try result(n.rounded(scale: scale, mode: .up), "ceiling")
        }
        all.append(rounding("round up") { $0.isNegative ? .down : .up })
        all.append(rounding("round down") { $0.isNegative ? .up : .down })
        add("round half up", [["n", "scale"]]) { a throws(FEELProblem) in
            let n = try number(a[0], "round half up", "n")
            return try result(roundHalf(n, scale: try integer(a[1], "round half up", "scale"), awayFromZero: true), "round half up")
        }
        add("round half down", [["n", "scale"]]) { a throws(FEELProblem) in
            let n = try number(a[0], "round half down", "n")
            return try result(roundHalf(n, scale: try integer(a[1], "round half down", "scale"), awayFromZero: false), "round half down")
        }
        add("abs", [["n"]]) { a throws(FEELProblem) in
            switch a[0] {
            case .number(let n): return .number(n.isNegative ? FEELNumber.negate(n) : n)
            case .duration(let d): return .duration(d.isNegative ? d.negated : d)
            case .null: return .null
            default: throw FEELProblem("abs: expected a number or duration, not \(a[0].typeName)")
            }
        }
        add("modulo", [["dividend", "divisor"]]) { a throws(FEELProblem) in
            let dividend = try number(a[0], "modulo", "dividend"), divisor = try number(a[1], "modulo", "divisor")
            guard !divisor.isZero else { throw FEELProblem("modulo: division by zero") }
            guard let quotient = FEELNumber.divide(dividend, divisor)?.rounded(scale: 0, mode: .down),
                  let product = FEELNumber.multiply(divisor, quotient) else { throw FEELProblem("modulo: out of range") }
            return try result(FEELNumber.subtract(dividend, product), "modulo")
        }
        add("sqrt", [["number"]]) { a throws(FEELProblem) in
            let n = try number(a[0], "sqrt", "number")
            guard !n.isNegative else { throw FEELProblem("sqrt: negative number") }
            return try result(n.squareRoot(), "sqrt")
        }
        add("log", [["number"]]) { a throws(FEELProblem) in
            let n = try number(a[0], "log", "number")
            guard !n.isNegative, !n.isZero else { throw FEELProblem("log: number must be positive") }
            return try result(FEELNumber(Foundation.log(n.doubleValue)), "log")
        }
        add("exp", [["number"]]) { a throws(FEELProblem) in
            try result(FEELNumber(Foundation.exp(try number(a[0], "exp", "number").doubleValue)), "exp")
        }
        add("odd", [["number"]]) { a throws(FEELProblem) in
            let n = try number(a[0], "odd", "number")
            return .boolean(n.isInteger && FEELNumber.divide(n, 2)?.isInteger == false)
        }
        add("even", [["number"]]) { a throws(FEELProblem) in
            let n = try number(a[0], "even", "number")
            return .boolean(n.isInteger && FEELNumber.divide(n, 2)?.isInteger == true)
        }

        // Dates
        add("day of week", [["date"]]) { a throws(FEELProblem) in
            .string(weekdayNames[try dateArgument(a[0], "day of week").weekday - 1])
        }
        add("day of year", [["date"]]) { a throws(FEELProblem) in
            .number(FEELNumber(try dateArgument(a[0], "day of year").dayOfYear))
        }
        add("week of year", [["date"]]) { a throws(FEELProblem) in
            .number(FEELNumber(try dateArgument(a[0], "week of year").weekOfYear))
        }
        add("month of year", [["date"]]) { a throws(FEELProblem) in
            .string(monthNames[try dateArgument(a[0], "month of year").month - 1])
        }
        add("today", [[]]) { _ throws(FEELProblem) in
            guard let now = currentDateTime() else { throw FEELProblem("today: clock out of range") }
            return .date(now.date)
        }
        add("now", [[]]) { _ throws(FEELProblem) in
            guard let now = currentDateTime() else { throw FEELProblem("now: clock out of range") }
            return .dateTime(now)
        }

        // Contexts
        add("get value", [["m", "key"]]) { a throws(FEELProblem) in
            guard case .context(let context) = a[0] else {
                if a[0] == .null { return .null }
                throw FEELProblem("get value: 'm' must be a context, not \(a[0].typeName)")
            }
            return context[try string(a[1], "get value", "key")] ?? .null
        }
        add("get entries", [["m"]]) { a throws(FEELProblem) in
            guard case .context(let context) = a[0] else {
                if a[0] == .null { return .null }
                throw FEELProblem("get entries: 'm' must be a context, not \(a[0].typeName)")
            }
            return .list(context.entries.map { .context(FEELContext([("key", .string($0.key)), ("value", $0.value)])) })
        }

        // `for i in 1..3`: the integers from a to b (internal; the name cannot be written).
        add(" range", [["from", "to"]]) { a throws(FEELProblem) in try .list(FEELIterationRange(a[0], a[1]).members) }

        all += rangeFunctions + collectionFunctions + regexFunctions
        var table: [String: FEELBuiltin] = [:]
        for builtin in all {
            precondition(table[builtin.name] == nil, "built-in \(builtin.name) defined twice")
            table[builtin.name] = builtin
        }
        return table
    }()
}
