/// A compiled FEEL regular expression (syntax in `FEELRegexSyntax`), run by a Pike VM — Thompson's construction
/// with capture groups, as RE2 does — so time grows with pattern size × input length and never exponentially:
/// `(a+)+$` or `(a|aa)+$` on any input take linear time. A step budget per call ends pathological work (a huge
/// pattern against a huge input) in a FEEL error instead of a long wait.
struct FEELRegex: Sendable {
    enum Instruction: Sendable {
        case character(FEELCharacterSet)
        /// Try the first branch, then the second (the order gives leftmost-first, Perl-like priority).
        case split(Int, Int)
        case jump(Int)
        case save(Int)
        case lineStart, lineEnd
        case match
    }

    let program: [Instruction]
    let groupCount: Int
    let caseInsensitive: Bool
    let multiline: Bool
    /// The `q` flag: the pattern and the replacement are taken literally.
    let literal: Bool

    static let maxInstructions = 20_000
    static let stepBudget = 2_000_000
    /// Regular-expression steps that cost one unit of the evaluation's budget (about as long as an expression step).
    static let stepsPerUnit = 4

    /// The steps one call may take: its own bound, or fewer when the evaluation under way has less left, so that
    /// calls in a loop cannot each take the whole bound.
    static func allowance() -> Int {
        guard let budget = FEELBudget.current else { return stepBudget }
        return min(stepBudget, budget.remaining * stepsPerUnit)
    }

    /// Charges the evaluation under way for `steps` taken.
    static func charge(_ steps: Int) {
        _ = FEELBudget.current?.spend(steps / stepsPerUnit)
    }

    init(_ pattern: String, flags: String = "") throws(FEELProblem) {
        for flag in flags.unicodeScalars where !"smixq".unicodeScalars.contains(flag) {
            throw FEELProblem("unknown regular-expression flag '\(flag)' (FEEL knows s, m, i, x and q)")
        }
        let has = { (flag: Unicode.Scalar) in flags.unicodeScalars.contains(flag) }
        literal = has("q")
        caseInsensitive = has("i")
        multiline = has("m") && !literal
        let node: FEELRegexNode
        if literal {
            node = .sequence(pattern.unicodeScalars.map { .character(.range($0.value, $0.value)) })
            groupCount = 0
        } else {
            var parser = FEELRegexParser(Array(pattern.unicodeScalars), extended: has("x"))
            node = try parser.parse()
            groupCount = parser.groupCount
        }
        var compiler = Compiler(dotAll: has("s"))
        try compiler.compile(.group(node, index: 0))
        _ = try compiler.emit(.match)
        program = compiler.program
    }

    private struct Compiler {
        var program: [Instruction] = []
        let dotAll: Bool

        mutating func emit(_ instruction: Instruction) throws(FEELProblem) -> Int {
            guard program.count < FEELRegex.maxInstructions else {
                throw FEELProblem("regular expression too large (more than \(FEELRegex.maxInstructions) steps once its counts are expanded)")
            }
            program.append(instruction)
            return program.count - 1
        }

        mutating func compile(_ node: FEELRegexNode) throws(FEELProblem) {
            switch node {
            case .empty: break
            case .character(let set):
                if case .anyExceptNewline = set, dotAll {
                    _ = try emit(.character(.anything))
                } else {
                    _ = try emit(.character(set))
                }
            case .lineStart: _ = try emit(.lineStart)
            case .lineEnd: _ = try emit(.lineEnd)
            case .sequence(let nodes):
                for node in nodes { try compile(node) }
            case .alternatives(let branches):
                var exits: [Int] = []
                for branch in branches.dropLast() {
                    let split = try emit(.split(0, 0))
                    try compile(branch)
                    exits.append(try emit(.jump(0)))
                    program[split] = .split(split + 1, program.count)
                }
                try compile(branches[branches.count - 1])
                for exit in exits { program[exit] = .jump(program.count) }
            case .group(let body, let index):
                guard let index else { return try compile(body) }
                _ = try emit(.save(2 * index))
                try compile(body)
                _ = try emit(.save(2 * index + 1))
            case .repeated(let body, let min, let max, let greedy):
                for _ in 0..<min { try compile(body) }
                if let max {
                    var splits: [Int] = []
                    for _ in min..<max {
                        splits.append(try emit(.split(0, 0)))
                        try compile(body)
                    }
                    for split in splits { program[split] = branch(split + 1, program.count, greedy) }
                } else {
                    let loop = try emit(.split(0, 0))
                    try compile(body)
                    _ = try emit(.jump(loop))
                    program[loop] = branch(loop + 1, program.count, greedy)
                }
            }
        }

        private func branch(_ body: Int, _ skip: Int, _ greedy: Bool) -> Instruction {
            greedy ? .split(body, skip) : .split(skip, body)
        }
    }

    // MARK: - Running

    private struct ThreadList {
        var threads: [(pc: Int, captures: [Int])] = []
        var marks: [Int]
        var generation = 1
        /// Scratch space for `add`, kept to spare an allocation per thread.
        var pending: [(Int, [Int])] = []

        init(size: Int) { marks = Array(repeating: 0, count: size) }

        mutating func clear() {
            threads.removeAll(keepingCapacity: true)
            generation += 1
        }
    }

    /// The leftmost match starting at or after `start`: per group its start and end (-1 when it took no part),
    /// group 0 being the whole match.
    func firstMatch(in input: [Unicode.Scalar], from start: Int, budget: inout Int) throws(FEELProblem) -> [Int]? {
        var current = ThreadList(size: program.count), next = ThreadList(size: program.count)
        var matched: [Int]?
        var initial = Array(repeating: -1, count: 2 * (groupCount + 1))
        var position = start
        while position <= input.count {
            if matched == nil {
                initial[0] = position
                try add(&current, 0, initial, at: position, input, &budget)
            }
            if current.threads.isEmpty, matched != nil { break }
            next.clear()
            threads: for thread in current.threads {
                switch program[thread.pc] {
                case .character(let set):
                    if position < input.count, accepts(set, input[position]) {
                        try add(&next, thread.pc + 1, thread.captures, at: position + 1, input, &budget)
                    }
                case .match:
                    // A match ends the threads of lower priority (those after it).
                    matched = thread.captures
                    break threads
                default: break
                }
            }
            swap(&current, &next)
            position += 1
        }
        return matched
    }

    /// Adds the thread at `pc` and every thread it reaches without reading a character, in priority order.
    private func add(_ list: inout ThreadList, _ pc: Int, _ captures: [Int], at position: Int,
                     _ input: [Unicode.Scalar], _ budget: inout Int) throws(FEELProblem) {
        var stack = list.pending
        stack.removeAll(keepingCapacity: true)
        stack.append((pc, captures))
        defer { list.pending = stack }
        while let (pc, captures) = stack.popLast() {
            budget -= 1
            guard budget >= 0 else {
                throw FEELProblem("regular expression needs more steps on this input than allowed (at most \(FEELRegex.stepBudget) "
                                  + "a call, fewer when the evaluation has spent most of its budget)")
            }
            if list.marks[pc] == list.generation { continue }
            list.marks[pc] = list.generation
            switch program[pc] {
            case .jump(let target): stack.append((target, captures))
            case .split(let first, let second):
                stack.append((second, captures))
                stack.append((first, captures))
            case .save(let slot):
                var saved = captures
                saved[slot] = position
                stack.append((pc + 1, saved))
            case .lineStart:
                if position == 0 || (multiline && input[position - 1] == "\n") { stack.append((pc + 1, captures)) }
            case .lineEnd:
                if position == input.count || (multiline && input[position] == "\n") { stack.append((pc + 1, captures)) }
            case .character, .match:
                list.threads.append((pc, captures))
            }
        }
    }

    private func accepts(_ set: FEELCharacterSet, _ scalar: Unicode.Scalar) -> Bool {
        if set.contains(scalar) { return true }
        guard caseInsensitive else { return false }
        let properties = scalar.properties
        for mapping in [properties.lowercaseMapping, properties.uppercaseMapping, properties.titlecaseMapping] {
            let scalars = mapping.unicodeScalars
            if scalars.count == 1, let variant = scalars.first, variant != scalar, set.contains(variant) { return true }
        }
        return false
    }
}
