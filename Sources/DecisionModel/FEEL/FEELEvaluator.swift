import Foundation

/// Evaluates parsed S-FEEL against a scope. Never fails: runtime problems are recorded with
/// their offsets and the failing part's value is `null`, as FEEL says.
struct FEELEvaluator {
    let source: FEELSourceText
    let scope: FEELScope
    /// Local names (context entries, iteration variables, `?`, `item`), innermost last.
    var locals: [(name: String, value: FEELValue)] = []
    private(set) var problems: [FEELError] = []
    var recording = true
    /// Shared with the evaluators of the functions this one calls (see `FEELBudget`).
    let budget: FEELBudget
    /// A loop repeats its body's problems: each is kept once (a fuzzed loop reported one unknown name 361,000 times,
    /// 7 s of processor time and 200 MB).
    private var reported: Set<ReportedProblem> = []
    private struct ReportedProblem: Hashable {
        let offset: Int
        let message: String
    }
    private var exhausted = false
    /// Set while iterating a `for` whose body mentions `partial`.
    private var bindsPartial = false

    init(source: FEELSourceText, scope: FEELScope, locals: [(name: String, value: FEELValue)] = []) {
        self.source = source
        self.scope = scope
        self.locals = locals
        budget = FEELBudget.current ?? FEELBudget(parent: FEELBudget.model)
    }

    mutating func report(_ message: String, at offset: Int) {
        guard recording, !message.isEmpty, reported.insert(ReportedProblem(offset: offset, message: message)).inserted else { return }
        problems.append(source.error(message, at: offset))
    }

    /// Ends the evaluation: every later step is null, and only the first reason is reported, by the evaluator that
    /// met it (the callers of a function that ran out pass its report on rather than add their own).
    private mutating func exhaust(_ message: String, at offset: Int) {
        guard !exhausted else { return }
        exhausted = true
        if budget.stop() { report(message, at: offset) }
    }

    /// Pays for work that grows with the data (items walked or made); false, with the evaluation ended, once the
    /// budget is spent.
    @discardableResult
    private mutating func spend(_ units: Int, at offset: Int) -> Bool {
        guard budget.spend(units) else {
            exhaust(budget.exhaustion, at: offset)
            return false
        }
        return !exhausted
    }

    func lookup(_ name: String) -> FEELValue? {
        for local in locals.reversed() where local.name == name {
            return local.value
        }
        return scope[name]
    }

    mutating func withLocals<T>(_ bindings: [(name: String, value: FEELValue)], _ body: (inout FEELEvaluator) -> T) -> T {
        let count = locals.count
        locals.append(contentsOf: bindings)
        defer { locals.removeLast(locals.count - count) }
        return body(&self)
    }

    // MARK: - Expressions

    mutating func evaluate(_ node: FEELNode) -> FEELValue {
        guard spend(1, at: node.offset) else { return .null }
        switch node.kind {
        case .literal(let value):
            return value
        case .name(let name):
            if let value = lookup(name) { return value }
            if let builtin = FEELBuiltins.lookup(name) { return .function(FEELEvaluator.functionValue(builtin)) }
            if let value = dottedPath(name, at: node.offset) { return value }
            report("unknown name '\(name)'", at: node.offset)
            return .null
        case .negate(let operand):
            let value = evaluate(operand)
            return apply(at: node.offset) { () throws(FEELProblem) in try FEELSemantics.negate(value) }
        case .arithmetic(let op, let left, let right):
            let a = evaluate(left), b = evaluate(right)
            // Joining text copies it: `{a: "…", b: a + a, c: b + b, …}` doubles it at each entry.
            guard spend(FEELBudget.size(of: a) + FEELBudget.size(of: b), at: node.offset) else { return .null }
            return apply(at: node.offset) { () throws(FEELProblem) in
                switch op {
                case .add: return try FEELSemantics.add(a, b)
                case .subtract: return try FEELSemantics.subtract(a, b)
                case .multiply: return try FEELSemantics.multiply(a, b)
                case .divide: return try FEELSemantics.divide(a, b)
                case .power: return try FEELSemantics.power(a, b)
                }
            }
        case .and(let left, let right):
            let a = truth(evaluate(left), "and", at: left.offset)
            if a == false { return .boolean(false) }
            let b = truth(evaluate(right), "and", at: right.offset)
            return FEELEvaluator.and(a, b)
        case .or(let left, let right):
            let a = truth(evaluate(left), "or", at: left.offset)
            if a == true { return .boolean(true) }
            let b = truth(evaluate(right), "or", at: right.offset)
            return FEELEvaluator.or(a, b)
        case .comparison(let op, let left, let right):
            let a = evaluate(left), b = evaluate(right)
            return compare(op, a, b, at: node.offset)
        case .between(let value, let low, let high):
            let x = evaluate(value), a = evaluate(low), b = evaluate(high)
            let lower = compare(.greaterOrEqual, x, a, at: node.offset)
            let upper = compare(.lessOrEqual, x, b, at: node.offset)
            return FEELEvaluator.and(lower.boolValue, upper.boolValue)
        case .inTests(let value, let tests):
            let input = evaluate(value)
            return withLocals([("?", input)]) { $0.testAny(tests, input: input) }
        case .ifThenElse(let condition, let thenBranch, let elseBranch):
            let flag = evaluate(condition)
            if case .boolean(true) = flag { return evaluate(thenBranch) }
            if case .boolean = flag {} else if flag != .null {
                report("the condition of 'if' is \(flag.typeName), not boolean", at: condition.offset)
            }
            return evaluate(elseBranch)
        case .path(let target, let member):
            return self.member(evaluate(target), member, at: node.offset)
        case .filter(let target, let condition):
            return filter(evaluate(target), condition, at: node.offset)
        case .call(let callee, let arguments):
            return call(callee, arguments, at: node.offset)
        case .list(let items):
            var values: [FEELValue] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(evaluate(item)) }
            return .list(values)
        case .context(let bindings):
            var context = FEELContext()
            let count = locals.count
            defer { locals.removeLast(locals.count - count) }
            for binding in bindings {
                // A function defined by an entry may call itself by the entry's name.
                let value: FEELValue
                if case .function(let parameters, let body, let external) = binding.value.kind {
                    value = function(parameters, body, external: external, named: binding.name, at: binding.value.offset)
                } else {
                    value = evaluate(binding.value)
                }
                context[binding.name] = value
                locals.append((binding.name, value))
            }
            return .context(context)
        case .forLoop(let bindings, let body):
            guard let results = iterate(bindings, body) else { return .null }
            return .list(results)
        case .range(let startClosed, let low, let high, let endClosed):
            let start = evaluate(low), end = evaluate(high)
            return apply(at: node.offset) { () throws(FEELProblem) in
                .range(try FEELEvaluator.range(start: start, startIncluded: startClosed, end: end, endIncluded: endClosed))
            }
        case .unaryComparison(let op, let operand):
            let value = evaluate(operand)
            if value == .null {
                report("a unary comparison needs a value to compare with, not null", at: operand.offset)
                return .null
            }
            return .range(FEELRange(comparison: FEELRange.Form(rawValue: op.rawValue) ?? .equal, value))
        case .instanceOf(let operand, let typeExpression):
            let value = evaluate(operand)
            switch typeExpression.resolve(scope.typeResolver) {
            case .success(let type): return .boolean(type.isInstance(value))
            case .failure(let problem):
                report(problem.message, at: node.offset)
                return .null
            }
        case .function(let parameters, let body, let external):
            return function(parameters, body, external: external, named: nil, at: node.offset)
        case .quantified(let every, let bindings, let body):
            guard let results = iterate(bindings, body) else { return .null }
            if every { return .boolean(results.allSatisfy { $0 == .boolean(true) }) }
            return .boolean(results.contains(.boolean(true)))
        }
    }

    private mutating func apply(at offset: Int, _ operation: () throws(FEELProblem) -> FEELValue) -> FEELValue {
        do {
            return try operation()
        } catch {
            report(error.message, at: offset)
            return .null
        }
    }

    /// A boolean operand of `and`/`or`: non-booleans count as null (and are reported).
    private mutating func truth(_ value: FEELValue, _ op: String, at offset: Int) -> Bool? {
        switch value {
        case .boolean(let flag): return flag
        case .null: return nil
        default:
            report("'\(op)' expects booleans but found \(value.typeName)", at: offset)
            return nil
        }
    }

    static func and(_ a: Bool?, _ b: Bool?) -> FEELValue {
        if a == false || b == false { return .boolean(false) }
        if a == true && b == true { return .boolean(true) }
        return .null
    }

    static func or(_ a: Bool?, _ b: Bool?) -> FEELValue {
        if a == true || b == true { return .boolean(true) }
        if a == false && b == false { return .boolean(false) }
        return .null
    }

    private mutating func compare(_ op: FEELNode.ComparisonOperator, _ a: FEELValue, _ b: FEELValue, at offset: Int) -> FEELValue {
        guard spend(FEELBudget.size(of: a) + FEELBudget.size(of: b), at: offset) else { return .null }
        switch op {
        case .equal, .notEqual:
            guard let equal = FEELSemantics.equals(a, b) else {
                report("cannot compare \(a.typeName) and \(b.typeName) with '\(op.rawValue)'", at: offset)
                return .null
            }
            return .boolean(op == .equal ? equal : !equal)
        default:
            if a == .null || b == .null { return .null }
            guard let order = FEELSemantics.compare(a, b) else {
                report("cannot compare \(a.typeName) and \(b.typeName) with '\(op.rawValue)'", at: offset)
                return .null
            }
            switch op {
            case .less: return .boolean(order == .orderedAscending)
            case .lessOrEqual: return .boolean(order != .orderedDescending)
            case .greater: return .boolean(order == .orderedDescending)
            default: return .boolean(order != .orderedAscending)
            }
        }
    }

    // MARK: - Paths and filters

    /// A name the model announces with a dot in it (a parameter `Person.Gender`) read where no such name is
    /// in scope: the path `Person` `.` `Gender` it also spells.
    private mutating func dottedPath(_ name: String, at offset: Int) -> FEELValue? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
        guard parts.count > 1, !parts.contains(where: \.isEmpty), var value = lookup(parts[0]) else { return nil }
        for part in parts.dropFirst() { value = member(value, part, at: offset) }
        return value
    }

    private mutating func member(_ value: FEELValue, _ name: String, at offset: Int) -> FEELValue {
        func number(_ n: Int) -> FEELValue { .number(FEELNumber(n)) }
        func offsetValue(_ time: FEELTime) -> FEELValue {
            time.offsetSeconds.map { .duration(FEELDuration(seconds: $0)) } ?? .null
        }
        switch value {
        case .null:
            return .null
        case .context(let context):
            return context[name] ?? .null
        case .list(let items):
            guard spend(items.count, at: offset) else { return .null }
            return .list(items.map { member($0, name, at: offset) })
        case .date(let date):
            switch name {
            case "year": return number(date.year)
            case "month": return number(date.month)
            case "day": return number(date.day)
            case "weekday": return number(date.weekday)
            default: break
            }
        case .range(let range):
            switch name {
            case "start": return range.start
            case "end": return range.end
            case "start included": return .boolean(range.startIncluded)
            case "end included": return .boolean(range.endIncluded)
            default: break
            }
        case .time(let time):
            switch name {
            case "hour": return number(time.hour)
            case "minute": return number(time.minute)
            case "second": return .number(secondsValue(time))
            case "time offset": return offsetValue(time)
            case "timezone": return time.zoneID.map(FEELValue.string) ?? .null
            default: break
            }
        case .dateTime(let dateTime):
            switch name {
            case "year": return number(dateTime.date.year)
            case "month": return number(dateTime.date.month)
            case "day": return number(dateTime.date.day)
            case "weekday": return number(dateTime.date.weekday)
            case "hour": return number(dateTime.time.hour)
            case "minute": return number(dateTime.time.minute)
            case "second": return .number(secondsValue(dateTime.time))
            case "time offset": return offsetValue(dateTime.time)
            case "timezone": return dateTime.time.zoneID.map(FEELValue.string) ?? .null
            default: break
            }
        case .duration(let duration):
            let sign = duration.isNegative ? -1 : 1
            let magnitude = duration.isNegative ? duration.negated : duration
            switch (name, duration.kind) {
            case ("years", .yearsAndMonths): return number(sign * magnitude.yearsComponent)
            case ("months", .yearsAndMonths): return number(sign * magnitude.monthsComponent)
            case ("days", .daysAndTime): return number(sign * magnitude.daysComponent)
            case ("hours", .daysAndTime): return number(sign * magnitude.hoursComponent)
            case ("minutes", .daysAndTime): return number(sign * magnitude.minutesComponent)
            case ("seconds", .daysAndTime):
                let seconds = magnitude.secondsComponent
                return .number(sign < 0 ? FEELNumber.negate(seconds) : seconds)
            case ("years", _), ("months", _), ("days", _), ("hours", _), ("minutes", _), ("seconds", _):
                return .null
            default: break
            }
        default:
            break
        }
        report("\(value.typeName) has no member '\(name)'", at: offset)
        return .null
    }

    private func secondsValue(_ time: FEELTime) -> FEELNumber {
        guard time.nanosecond > 0 else { return FEELNumber(time.second) }
        return FEELNumber(Decimal(time.second) + Decimal(time.nanosecond) / Decimal(1_000_000_000))
    }

    private mutating func filter(_ target: FEELValue, _ condition: FEELNode, at offset: Int) -> FEELValue {
        if target == .null { return .null }
        let items: [FEELValue]
        if case .list(let values) = target { items = values } else { items = [target] }
        // A numeric filter is an index: evaluate it once, without an item, quietly.
        let savedRecording = recording
        recording = false
        let probe = evaluate(condition)
        recording = savedRecording
        if case .number(let index) = probe {
            guard let position = index.intValue, position != 0, position.magnitude <= items.count else { return .null }
            return items[position > 0 ? position - 1 : items.count + position]
        }
        var result: [FEELValue] = []
        for item in items {
            var bindings: [(name: String, value: FEELValue)] = [("item", item)]
            if case .context(let context) = item { bindings += context.entries.map { ($0.key, $0.value) } }
            let keep = withLocals(bindings) { $0.evaluate(condition) }
            switch keep {
            case .boolean(true): result.append(item)
            case .boolean(false), .null: break
            default:
                report("a filter must be a boolean or a number, not \(keep.typeName)", at: offset)
                return .null
            }
        }
        return .list(result)
    }

    // MARK: - Iteration

    private mutating func iterate(_ bindings: [FEELNode.Binding], _ body: FEELNode) -> [FEELValue]? {
        var results: [FEELValue] = []
        var failed = false
        let saved = bindsPartial
        bindsPartial = FEELEvaluator.mentions(body, "partial")
        iterate(bindings[...], body, into: &results, failed: &failed)
        bindsPartial = saved
        return failed ? nil : results
    }

    /// Whether a node mentions a name (outside nested loops that bind it themselves).
    static func mentions(_ node: FEELNode, _ name: String) -> Bool {
        if case .name(let n) = node.kind, n == name { return true }
        if case .forLoop = node.kind { return false }
        return FEELNode.children(of: node.kind).contains { mentions($0, name) }
    }

    private mutating func iterate(_ bindings: ArraySlice<FEELNode.Binding>, _ body: FEELNode,
                                  into results: inout [FEELValue], failed: inout Bool) {
        guard let binding = bindings.first else {
            if bindsPartial {
                // `partial` is the list of the results so far (DMN 1.5, 10.3.2.13).
                locals.append(("partial", .list(results)))
                let value = evaluate(body)
                locals.removeLast()
                results.append(value)
            } else {
                results.append(evaluate(body))
            }
            return
        }
        var domain: FEELValue
        if case .call(let callee, let arguments) = binding.value.kind, case .name(" range") = callee.kind, arguments.count == 2 {
            // `from..to`, made here rather than by its built-in, so that its length is checked first.
            let from = evaluate(arguments[0].value), to = evaluate(arguments[1].value)
            domain = members(from, to, openStart: false, openEnd: false, at: binding.value.offset)
        } else {
            domain = evaluate(binding.value)
            if case .range(let range) = domain {
                // A range of integers or dates iterates over its members (DMN 1.5, 10.3.2.13).
                if range.form == .interval {
                    domain = members(range.start, range.end, openStart: !range.startIncluded, openEnd: !range.endIncluded,
                                     at: binding.value.offset)
                } else {
                    report("only an interval [a..b] can be iterated, not \(range)", at: binding.value.offset)
                    domain = .null
                }
            }
        }
        let items: [FEELValue]
        switch domain {
        case .list(let values): items = values
        case .null:
            failed = true
            return
        default: items = [domain]
        }
        // Building the domain was work too: count its items, so nested loops stop in time.
        guard spend(items.count, at: binding.value.offset) else { failed = true; return }
        for item in items {
            if exhausted { failed = true; return }
            locals.append((binding.name, item))
            iterate(bindings.dropFirst(), body, into: &results, failed: &failed)
            locals.removeLast()
            if failed { return }
        }
    }

    /// The members of a range to iterate over, made only if the work budget (`FEELBudget`) can pay for them: each
    /// member costs a unit, and at least one more for the body or the next binding. Otherwise the loop fails at once
    /// instead of first making a list it can never finish (730,000 dates: 120 MB).
    private mutating func members(_ from: FEELValue, _ to: FEELValue, openStart: Bool, openEnd: Bool, at offset: Int) -> FEELValue {
        do throws(FEELProblem) {
            let range = try FEELIterationRange(from, to, openStart: openStart, openEnd: openEnd)
            guard range.count <= budget.remaining / 2 else {
                exhaust("evaluation stopped: iterating over \(range.count) items would take more than \(budget.allowance)",
                        at: offset)
                return .null
            }
            return .list(range.members)
        } catch {
            report(error.message, at: offset)
            return .null
        }
    }

    // MARK: - Calls

    private mutating func call(_ callee: FEELNode, _ argumentNodes: [FEELNode.Argument], at offset: Int) -> FEELValue {
        if case .name("is defined") = callee.kind, lookup("is defined") == nil, argumentNodes.count == 1 {
            return .boolean(isDefined(argumentNodes[0].value))
        }
        // `duration("P5Y")`, which table cells and outputs evaluate at every row: a valid text is read as the
        // built-in reads it, spending what its call spends, without arranging a call (a fifth of such a table's time).
        if case .name("duration") = callee.kind, argumentNodes.count == 1, argumentNodes[0].name == nil,
           case .literal(.string) = argumentNodes[0].value.kind, lookup("duration") == nil {
            let argument = evaluate(argumentNodes[0].value)
            if case .string(let text) = argument, let duration = FEELDuration(iso8601: text) {
                guard spend(FEELBudget.size(of: argument), at: offset), spend(FEELBudget.size(of: .duration(duration)), at: offset)
                else { return .null }
                return .duration(duration)
            }
            return invoke(FEELBuiltins.lookup("duration")!, [(nil, argument)], at: offset)
        }
        var arguments: [(name: String?, value: FEELValue)] = []
        for argument in argumentNodes { arguments.append((argument.name, evaluate(argument.value))) }
        if case .name(let name) = callee.kind {
            if let value = lookup(name) {
                guard case .function(let function) = value else {
                    report("'\(name)' is \(value.typeName), not a function", at: callee.offset)
                    return .null
                }
                return invoke(function, arguments, at: offset)
            }
            if let builtin = FEELBuiltins.lookup(name) {
                return invoke(builtin, arguments, at: offset)
            }
            report("unknown function '\(name)'", at: callee.offset)
            return .null
        }
        let value = evaluate(callee)
        switch value {
        case .function(let function): return invoke(function, arguments, at: offset)
        case .null: return .null
        default:
            report("\(value.typeName) is not a function", at: callee.offset)
            return .null
        }
    }

    /// `is defined(x)`: false when `x` names nothing or a context entry that is missing
    /// (a name bound to null is defined).
    private mutating func isDefined(_ node: FEELNode) -> Bool {
        switch node.kind {
        case .name(let name):
            return lookup(name) != nil || FEELBuiltins.lookup(name) != nil
        case .path(let target, let member):
            guard isDefined(target) else { return false }
            let savedRecording = recording
            recording = false
            defer { recording = savedRecording }
            let value = evaluate(target)
            if case .context(let context) = value { return context[member] != nil }
            return self.member(value, member, at: node.offset) != .null
        default:
            return true
        }
    }

    /// A built-in's work grows with the lists and text it takes and gives: both are paid for (sorting by n log n), and
    /// the functions it calls (`sort`'s ordering) spend from this evaluation's budget.
    private mutating func invoke(_ builtin: FEELBuiltin, _ arguments: [(name: String?, value: FEELValue)], at offset: Int) -> FEELValue {
        var taken = arguments.reduce(0) { $0 + FEELBudget.size(of: $1.value) }
        if builtin.name == "sort" { taken *= max(1, Int.bitWidth - taken.leadingZeroBitCount) }
        guard spend(taken, at: offset) else { return .null }
        let call = { Result { () throws(FEELProblem) in try builtin.call(arguments) } }
        let spends = builtin.spendsFromBudget || arguments.contains { if case .function = $0.value { true } else { false } }
        let outcome = spends ? FEELBudget.$current.withValue(budget, operation: call) : call()
        if spends && budget.isSpent && !exhausted {
            // What the functions it called reported is not passed on by the built-in (`sort` keeps their results).
            exhausted = true
            report("\(budget.exhaustion), in \(builtin.name)", at: offset)
            return .null
        }
        let result = apply(at: offset) { () throws(FEELProblem) in try outcome.get() }
        guard spend(FEELBudget.size(of: result), at: offset) else { return .null }
        return result
    }

    private mutating func invoke(_ function: FEELFunction, _ arguments: [(name: String?, value: FEELValue)], at offset: Int) -> FEELValue {
        let parameters = function.parameters
        var values: [FEELValue]
        if arguments.contains(where: { $0.name != nil }) {
            values = Array(repeating: .null, count: parameters.count)
            for argument in arguments {
                guard let name = argument.name, let position = parameters.firstIndex(of: name) else {
                    report("\(function.name) has no parameter named '\(argument.name ?? "")'", at: offset)
                    return .null
                }
                values[position] = argument.value
            }
        } else {
            values = arguments.map(\.value)
            if !parameters.isEmpty {
                if values.count != parameters.count {
                    report("\(function.name) expects \(parameters.count) argument\(parameters.count == 1 ? "" : "s") but got \(values.count)", at: offset)
                    return .null
                }
            }
        }
        guard spend(FEELBudget.unitsPerCall, at: offset) else { return .null }
        let (value, problems) = FEELBudget.$current.withValue(budget) { function.callReportingProblems(values) }
        for problem in problems { report("in \(function.name.isEmpty ? "function" : function.name): \(problem)", at: offset) }
        return value
    }

    /// A built-in as a function value (when named without being called, e.g. as an argument).
    static func functionValue(_ builtin: FEELBuiltin) -> FEELFunction {
        FEELFunction(name: builtin.name, parameters: builtin.signatures.first ?? []) { arguments in
            do {
                return try builtin.call(arguments.map { (nil, $0) })
            } catch {
                return .null
            }
        }
    }

    // MARK: - Unary tests

    /// Positive unary tests: true if any test is true; null if none is true and some is null.
    mutating func testAny(_ tests: [FEELUnaryTestNode], input: FEELValue) -> FEELValue {
        var sawNull = false
        for test in tests {
            switch self.test(test, input: input) {
            case .boolean(true): return .boolean(true)
            case .boolean(false): continue
            default: sawNull = true
            }
        }
        return sawNull ? .null : .boolean(false)
    }

    mutating func test(_ body: FEELUnaryTestsBody, input: FEELValue) -> FEELValue {
        switch body {
        case .any:
            return .boolean(true)
        case .positive(let tests):
            return withLocals([("?", input)]) { $0.testAny(tests, input: input) }
        case .negated(let tests, _):
            let result = withLocals([("?", input)]) { $0.testAny(tests, input: input) }
            if case .boolean(let flag) = result { return .boolean(!flag) }
            return .null
        }
    }

    private mutating func test(_ test: FEELUnaryTestNode, input: FEELValue) -> FEELValue {
        switch test {
        case .comparison(let op, let node, let offset):
            return compare(op, input, evaluate(node), at: offset)
        case .interval(let startClosed, let low, let high, let endClosed, let offset):
            let a = evaluate(low), b = evaluate(high)
            let lower = compare(startClosed ? .greaterOrEqual : .greater, input, a, at: offset)
            let upper = compare(endClosed ? .lessOrEqual : .less, input, b, at: offset)
            return FEELEvaluator.and(lower.boolValue, upper.boolValue)
        case .expression(let node, let usesInput):
            let value = evaluate(node)
            if usesInput {
                switch value {
                case .boolean, .null: return value
                default:
                    report("a test using '?' must be boolean, not \(value.typeName)", at: node.offset)
                    return .null
                }
            }
            if case .range(let range) = value {
                return range.contains(input).map(FEELValue.boolean) ?? .null
            }
            if case .list(let items) = value {
                if case .list = input {} else {
                    guard spend(items.count, at: node.offset) else { return .null }
                    // A list tests membership; an item that is a range tests whether the input lies in it.
                    return .boolean(items.contains { item in
                        if case .range(let range) = item { return range.contains(input) == true }
                        return FEELSemantics.equals(item, input) == true
                    })
                }
            }
            if case .boolean = value {
                switch input {
                case .boolean, .null: break
                default: return value
                }
            }
            return compare(.equal, input, value, at: node.offset)
        }
    }

    // MARK: - Names

    /// Names an expression takes from its scope: first segments of paths and called function
    /// names, without built-ins and without names bound inside the expression.
    static func referencedNames(_ node: FEELNode, bound: Set<String> = [], into names: inout Set<String>) {
        switch node.kind {
        case .name(let name):
            if !bound.contains(name) && name != "?" { names.insert(name) }
        case .call(let callee, let arguments):
            if case .name(let name) = callee.kind {
                if !bound.contains(name) && !FEELBuiltins.isBuiltinName(name) { names.insert(name) }
            } else {
                referencedNames(callee, bound: bound, into: &names)
            }
            for argument in arguments { referencedNames(argument.value, bound: bound, into: &names) }
        case .context(let bindings):
            var inner = bound
            for binding in bindings {
                referencedNames(binding.value, bound: inner, into: &names)
                inner.insert(binding.name)
            }
        case .forLoop(let bindings, let body), .quantified(_, let bindings, let body):
            var inner = bound
            for binding in bindings {
                referencedNames(binding.value, bound: inner, into: &names)
                inner.insert(binding.name)
            }
            referencedNames(body, bound: inner, into: &names)
        case .filter(let target, let condition):
            referencedNames(target, bound: bound, into: &names)
            referencedNames(condition, bound: bound.union(["item"]), into: &names)
        default:
            for child in FEELNode.children(of: node.kind) { referencedNames(child, bound: bound, into: &names) }
        }
    }
}
