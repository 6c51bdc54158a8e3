/// The body of parsed unary tests.
enum FEELUnaryTestsBody: Sendable {
    /// `-` or empty text.
    case any
    /// `t1, t2, …`: true when any test is true.
    case positive([FEELUnaryTestNode])
    /// `not(t1, t2, …)`.
    case negated([FEELUnaryTestNode], offset: Int)
}

/// Recursive-descent parser for S-FEEL expressions and unary tests (and the FEEL
/// expressions around them: if/for/some/every, filters, contexts).
struct FEELParser {
    /// Deepest nesting of brackets, parentheses and prefix operators.
    static let maxNesting = 256
    /// Tallest syntax tree (long operator chains are trees too).
    static let maxTreeDepth = 512

    private let source: FEELSourceText
    private let tokens: [FEELToken]
    private var index = 0
    private var nesting = 0
    /// While parsing an interval's end point (outside brackets), a `[` ends the point
    /// (`]a..b[`) instead of starting a filter.
    private var filterBlocked = false
    /// Token positions where an interval was tried and was not one (keeps backtracking linear).
    private var notIntervalAt: Set<Int> = []

    init(_ source: FEELSourceText, knownNames: Set<String>) throws(FEELError) {
        try self.init(source, names: FEELNames(knownNames))
    }

    init(_ source: FEELSourceText, names: FEELNames) throws(FEELError) {
        self.source = source
        self.tokens = try FEELLexer.tokenize(source, names: names)
    }

    // MARK: - Entry points

    mutating func parseWholeExpression() throws(FEELError) -> FEELNode {
        if current.kind == .end {
            throw error("expected an expression but the text is empty", at: current.offset)
        }
        let node = try parseExpression()
        try expectEnd()
        return node
    }

    mutating func parseWholeUnaryTests() throws(FEELError) -> FEELUnaryTestsBody {
        if current.kind == .end { return .any }
        if current.isSymbol("-") && peek(1).kind == .end { return .any }
        var negationError: FEELError?
        if case .name("not") = current.kind, peek(1).isSymbol("(") {
            let start = index
            let notOffset = current.offset
            let open = peek(1)
            index += 2
            do {
                let tests = try parsePositiveUnaryTests(topLevel: true, closer: ")")
                try expectClose(")", opened: open)
                try expectEnd()
                return .negated(tests, offset: notOffset)
            } catch {
                negationError = error
            }
            // Not `not(tests)` as a whole: perhaps an expression such as `not(x) = y`.
            index = start
        }
        do {
            let tests = try parsePositiveUnaryTests(topLevel: true, closer: nil)
            try expectEnd()
            return .positive(tests)
        } catch {
            throw negationError ?? error
        }
    }

    // MARK: - Tokens

    private var current: FEELToken { tokens[min(index, tokens.count - 1)] }

    private func peek(_ distance: Int) -> FEELToken { tokens[min(index + distance, tokens.count - 1)] }

    private mutating func advance() -> FEELToken {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func error(_ message: String, at offset: Int) -> FEELError {
        source.error(message, at: offset)
    }

    private func characterOffset(_ offset: Int) -> Int { source.characterOffset(ofScalar: offset) }

    private func unexpected(_ expectation: String) -> FEELError {
        error("expected \(expectation) but found \(current.quotedText)", at: current.offset)
    }

    private mutating func expectEnd() throws(FEELError) {
        guard current.kind == .end else {
            if case .symbol(let symbol) = current.kind, [")", "]", "}"].contains(symbol) {
                throw error("unexpected '\(symbol)' without a matching opening bracket", at: current.offset)
            }
            throw error("unexpected \(current.quotedText) after the end of the expression", at: current.offset)
        }
    }

    private mutating func expectSymbol(_ symbol: String, _ context: String) throws(FEELError) {
        guard current.isSymbol(symbol) else { throw unexpected("'\(symbol)' \(context)") }
        _ = advance()
    }

    private mutating func expectKeyword(_ keyword: String, _ context: String) throws(FEELError) {
        guard current.isKeyword(keyword) else { throw unexpected("'\(keyword)' \(context)") }
        _ = advance()
    }

    private mutating func expectClose(_ symbol: String, opened: FEELToken) throws(FEELError) {
        guard current.isSymbol(symbol) else {
            throw error("expected '\(symbol)' to close '\(opened.text)' opened at offset \(characterOffset(opened.offset))"
                        + (current.kind == .end ? "" : " but found \(current.quotedText)"), at: current.offset)
        }
        _ = advance()
    }

    private func checked(_ node: FEELNode) throws(FEELError) -> FEELNode {
        guard node.depth <= FEELParser.maxTreeDepth else {
            throw error("expression is too deeply nested (more than \(FEELParser.maxTreeDepth) levels)", at: node.offset)
        }
        return node
    }

    private mutating func enter() throws(FEELError) {
        nesting += 1
        guard nesting <= FEELParser.maxNesting else {
            throw error("expression is too deeply nested (more than \(FEELParser.maxNesting) levels)", at: current.offset)
        }
    }

    // MARK: - Expressions

    mutating func parseExpression() throws(FEELError) -> FEELNode {
        try enter()
        defer { nesting -= 1 }
        let token = current
        switch token.kind {
        case .keyword("if"):
            _ = advance()
            let condition = try parseExpression()
            try expectKeyword("then", "after the condition of 'if' at offset \(characterOffset(token.offset))")
            let thenBranch = try parseExpression()
            try expectKeyword("else", "after 'then' branch of 'if' at offset \(characterOffset(token.offset))")
            let elseBranch = try parseExpression()
            return try checked(FEELNode(.ifThenElse(condition, thenBranch, elseBranch), at: token.offset))
        case .keyword("for"):
            _ = advance()
            let bindings = try parseIterationBindings()
            try expectKeyword("return", "after the iteration contexts of 'for'")
            let body = try parseExpression()
            return try checked(FEELNode(.forLoop(bindings, body), at: token.offset))
        case .keyword("some"), .keyword("every"):
            _ = advance()
            let bindings = try parseIterationBindings()
            try expectKeyword("satisfies", "after the iteration contexts of '\(token.text)'")
            let body = try parseExpression()
            return try checked(FEELNode(.quantified(every: token.isKeyword("every"), bindings, body), at: token.offset))
        default:
            return try parseDisjunction()
        }
    }

    private mutating func parseIterationBindings() throws(FEELError) -> [FEELNode.Binding] {
        var bindings: [FEELNode.Binding] = []
        repeat {
            if !bindings.isEmpty { _ = advance() }
            guard case .name(let name) = current.kind else { throw unexpected("a name") }
            let nameToken = advance()
            try expectKeyword("in", "after '\(name)'")
            var domain = try parseDisjunction()
            if current.isSymbol("..") {
                let rangeToken = advance()
                let end = try parseDisjunction()
                domain = try checked(FEELNode(.call(FEELNode(.name(" range"), at: rangeToken.offset), [
                    FEELNode.Argument(name: nil, value: domain, offset: domain.offset),
                    FEELNode.Argument(name: nil, value: end, offset: end.offset),
                ]), at: rangeToken.offset))
            }
            bindings.append(FEELNode.Binding(name: name, value: domain, offset: nameToken.offset))
        } while current.isSymbol(",")
        return bindings
    }

    private mutating func parseDisjunction() throws(FEELError) -> FEELNode {
        var left = try parseConjunction()
        while current.isKeyword("or") {
            let op = advance()
            let right = try parseConjunction()
            left = try checked(FEELNode(.or(left, right), at: op.offset))
        }
        return left
    }

    private mutating func parseConjunction() throws(FEELError) -> FEELNode {
        var left = try parseComparison()
        while current.isKeyword("and") {
            let op = advance()
            let right = try parseComparison()
            left = try checked(FEELNode(.and(left, right), at: op.offset))
        }
        return left
    }

    private static func comparisonOperator(_ token: FEELToken) -> FEELNode.ComparisonOperator? {
        guard case .symbol(let symbol) = token.kind else { return nil }
        return FEELNode.ComparisonOperator(rawValue: symbol)
    }

    private mutating func parseComparison() throws(FEELError) -> FEELNode {
        var left = try parseAdditive()
        while true {
            if let op = FEELParser.comparisonOperator(current) {
                let token = advance()
                let right = try parseAdditive()
                left = try checked(FEELNode(.comparison(op, left, right), at: token.offset))
            } else if current.isKeyword("between") {
                let token = advance()
                let low = try parseAdditive()
                try expectKeyword("and", "in 'between … and …'")
                let high = try parseAdditive()
                left = try checked(FEELNode(.between(left, low, high), at: token.offset))
            } else if current.isKeyword("in") {
                let token = advance()
                let tests = try parseInOperand()
                left = try checked(FEELNode(.inTests(left, tests), at: token.offset))
            } else if current.isKeyword("instance") {
                let token = advance()
                try expectKeyword("of", "after 'instance'")
                let type = try parseType()
                left = try checked(FEELNode(.instanceOf(left, type), at: token.offset))
            } else {
                return left
            }
        }
    }

    /// After `in`: `(tests, …)`, or one positive unary test.
    private mutating func parseInOperand() throws(FEELError) -> [FEELUnaryTestNode] {
        if current.isSymbol("(") {
            if let interval = try tryInterval() { return [interval] }
            let open = advance()
            try enter()
            defer { nesting -= 1 }
            // Inside parentheses the tests are delimited, so they may be whole expressions.
            let tests = try parsePositiveUnaryTests(topLevel: true, closer: ")")
            try expectClose(")", opened: open)
            return tests
        }
        return [try parsePositiveUnaryTest(topLevel: false)]
    }

    private mutating func parseAdditive() throws(FEELError) -> FEELNode {
        var left = try parseMultiplicative()
        while current.isSymbol("+") || current.isSymbol("-") {
            let token = advance()
            let right = try parseMultiplicative()
            left = try checked(FEELNode(.arithmetic(token.isSymbol("+") ? .add : .subtract, left, right), at: token.offset))
        }
        return left
    }

    private mutating func parseMultiplicative() throws(FEELError) -> FEELNode {
        var left = try parsePower()
        while current.isSymbol("*") || current.isSymbol("/") {
            let token = advance()
            let right = try parsePower()
            left = try checked(FEELNode(.arithmetic(token.isSymbol("*") ? .multiply : .divide, left, right), at: token.offset))
        }
        return left
    }

    private mutating func parsePower() throws(FEELError) -> FEELNode {
        var left = try parseUnary()
        while current.isSymbol("**") {
            let token = advance()
            let right = try parseUnary()
            left = try checked(FEELNode(.arithmetic(.power, left, right), at: token.offset))
        }
        return left
    }

    private mutating func parseUnary() throws(FEELError) -> FEELNode {
        if current.isSymbol("-") {
            let token = advance()
            try enter()
            defer { nesting -= 1 }
            let operand = try parseUnary()
            if case .literal(.number(let number)) = operand.kind {
                return FEELNode(.literal(.number(FEELNumber.negate(number))), at: token.offset)
            }
            return try checked(FEELNode(.negate(operand), at: token.offset))
        }
        if current.isSymbol("+") {
            throw error("unexpected '+': a unary plus is not FEEL", at: current.offset)
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws(FEELError) -> FEELNode {
        var node = try parsePrimary()
        while true {
            if current.isSymbol(".") {
                let dot = advance()
                guard let member = takeNameWords() else {
                    throw unexpected("a name after '.' at offset \(characterOffset(dot.offset))")
                }
                node = try checked(FEELNode(.path(node, member), at: dot.offset))
            } else if current.isSymbol("[") && !filterBlocked {
                let open = advance()
                let saved = filterBlocked
                filterBlocked = false
                let condition = try parseExpression()
                filterBlocked = saved
                try expectClose("]", opened: open)
                node = try checked(FEELNode(.filter(node, condition), at: open.offset))
            } else if current.isSymbol("(") {
                let open = advance()
                let saved = filterBlocked
                filterBlocked = false
                let arguments = try parseArguments(open: open)
                filterBlocked = saved
                node = try checked(FEELNode(.call(node, arguments), at: node.offset))
            } else {
                return node
            }
        }
    }

    /// One name, or several adjacent name tokens joined by single spaces (`Monthly Salary`).
    private mutating func takeNameWords() -> String? {
        guard case .name(let first) = current.kind else { return nil }
        _ = advance()
        var words = [first]
        while case .name(let next) = current.kind, first != "?", next != "?" {
            words.append(next)
            _ = advance()
        }
        return words.joined(separator: " ")
    }

    private mutating func parseArguments(open: FEELToken) throws(FEELError) -> [FEELNode.Argument] {
        var arguments: [FEELNode.Argument] = []
        if current.isSymbol(")") {
            _ = advance()
            return arguments
        }
        var named: Bool?
        while true {
            let start = current
            var name: String?
            if case .name(let parameter) = current.kind, peek(1).isSymbol(":") {
                name = parameter
                index += 2
            } else if case .name = current.kind, case .name = peek(1).kind {
                // A multi-word parameter name that the lexer did not know: `start position: 2`.
                let saved = index
                if let words = takeNameWords(), current.isSymbol(":") {
                    name = words
                    _ = advance()
                } else {
                    index = saved
                }
            }
            if let named, named != (name != nil) {
                throw error("cannot mix named and positional arguments", at: start.offset)
            }
            named = name != nil
            let value = try parseExpression()
            arguments.append(FEELNode.Argument(name: name, value: value, offset: start.offset))
            if current.isSymbol(",") {
                _ = advance()
                continue
            }
            try expectClose(")", opened: open)
            return arguments
        }
    }

    private mutating func parsePrimary() throws(FEELError) -> FEELNode {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return FEELNode(.literal(.number(value)), at: token.offset)
        case .string(let value):
            _ = advance()
            return FEELNode(.literal(.string(value)), at: token.offset)
        case .atString(let text):
            _ = advance()
            guard let value = FEELBuiltins.temporalLiteral(text) else {
                throw error("invalid temporal literal @\(FEELValue.quoted(text)): expected a date, time, date and time or duration", at: token.offset)
            }
            return FEELNode(.literal(value), at: token.offset)
        case .keyword("true"), .keyword("false"):
            _ = advance()
            return FEELNode(.literal(.boolean(token.isKeyword("true"))), at: token.offset)
        case .keyword("null"):
            _ = advance()
            return FEELNode(.literal(.null), at: token.offset)
        case .name:
            let name = takeNameWords() ?? token.text
            return FEELNode(.name(name), at: token.offset)
        case .symbol("("):
            _ = advance()
            try enter()
            defer { nesting -= 1 }
            if let op = FEELParser.comparisonOperator(current) {
                // A unary comparison as a value (DMN 1.5): `(< 10)`, `(= x)`.
                let opToken = advance()
                let endpoint = try parseAdditive()
                try expectClose(")", opened: token)
                return try checked(FEELNode(.unaryComparison(op, endpoint), at: opToken.offset))
            }
            let saved = filterBlocked
            filterBlocked = false
            let inner = try parseExpression()
            filterBlocked = saved
            if current.isSymbol("..") { return try parseRangeEnd(open: token, start: inner) }
            try expectClose(")", opened: token)
            return inner
        case .symbol("]"):
            _ = advance()
            try enter()
            defer { nesting -= 1 }
            let saved = filterBlocked
            filterBlocked = false
            let start = try parseExpression()
            filterBlocked = saved
            guard current.isSymbol("..") else { throw unexpected("'..' in the range opened by ']'") }
            return try parseRangeEnd(open: token, start: start)
        case .symbol("["):
            return try parseList()
        case .symbol("{"):
            return try parseContext()
        case .keyword("function"):
            return try parseFunctionDefinition()
        case .keyword(let word):
            throw error("expected an expression but found keyword '\(word)'", at: token.offset)
        case .end:
            throw error("expected an expression but found end of text", at: token.offset)
        case .symbol(let symbol):
            if [")", "]", "}"].contains(symbol) {
                throw error("expected an expression but found '\(symbol)'", at: token.offset)
            }
            throw error("unexpected '\(symbol)': expected an expression", at: token.offset)
        }
    }

    private mutating func parseList() throws(FEELError) -> FEELNode {
        let open = advance()
        try enter()
        defer { nesting -= 1 }
        var items: [FEELNode] = []
        let saved = filterBlocked
        filterBlocked = false
        defer { filterBlocked = saved }
        if current.isSymbol("]") {
            _ = advance()
            return FEELNode(.list(items), at: open.offset)
        }
        while true {
            items.append(try parseExpression())
            if current.isSymbol(",") {
                _ = advance()
                continue
            }
            if current.isSymbol(".."), items.count == 1 {
                filterBlocked = saved
                return try parseRangeEnd(open: open, start: items[0])
            }
            try expectClose("]", opened: open)
            return try checked(FEELNode(.list(items), at: open.offset))
        }
    }

    /// After `[a`, `(a` or `]a` at `..`: the end point and the closing `]`, `)` or `[`.
    private mutating func parseRangeEnd(open: FEELToken, start: FEELNode) throws(FEELError) -> FEELNode {
        _ = advance()
        let saved = filterBlocked
        // Outside brackets a `[` ends the range (`[1..10[`) instead of starting a filter.
        filterBlocked = true
        let end = try parseExpression()
        filterBlocked = saved
        let endClosed = try closeRange(opened: open, named: "range")
        return try checked(FEELNode(.range(startClosed: open.isSymbol("["), start, end, endClosed: endClosed), at: open.offset))
    }

    /// The `]`, `)` or `[` that ends a range opened by `open`, consumed: whether it includes its end.
    private mutating func closeRange(opened open: FEELToken, named what: String) throws(FEELError) -> Bool {
        let close = current
        let endClosed: Bool
        if close.isSymbol("]") {
            endClosed = true
        } else if close.isSymbol(")") || close.isSymbol("[") {
            endClosed = false
        } else {
            throw error("expected ']', ')' or '[' to close the \(what) opened at offset \(characterOffset(open.offset))"
                        + (close.kind == .end ? "" : " but found \(close.quotedText)"), at: close.offset)
        }
        _ = advance()
        return endClosed
    }

    /// `function(a, b: number) body` or `function(a) external {java: {…}}`.
    private mutating func parseFunctionDefinition() throws(FEELError) -> FEELNode {
        let keyword = advance()
        try enter()
        defer { nesting -= 1 }
        guard current.isSymbol("(") else { throw unexpected("'(' after 'function'") }
        let open = advance()
        var parameters: [FEELNode.Parameter] = []
        while !(parameters.isEmpty && current.isSymbol(")")) {
            guard let name = takeNameWords() else { throw unexpected("a parameter name") }
            var type: FEELTypeExpression?
            if current.isSymbol(":") {
                _ = advance()
                type = try parseType()
            }
            if parameters.contains(where: { $0.name == name }) {
                throw error("parameter '\(name)' is declared twice", at: current.offset)
            }
            parameters.append(FEELNode.Parameter(name: name, type: type))
            if current.isSymbol(",") { _ = advance(); continue }
            guard current.isSymbol(")") else {
                throw error("expected ',' or ')' in the parameters opened at offset \(characterOffset(open.offset))", at: current.offset)
            }
            break
        }
        _ = advance()
        var external = false
        if case .name("external") = current.kind, peek(1).isSymbol("{") {
            _ = advance()
            external = true
        }
        let saved = filterBlocked
        filterBlocked = false
        let body = try parseExpression()
        filterBlocked = saved
        return try checked(FEELNode(.function(parameters, body, external: external), at: keyword.offset))
    }

    private static let multiWordTypes = ["date and time", "days and time duration", "years and months duration"]

    /// A type (DMN 1.5 grammar rule 54): a qualified name, `list<T>`, `range<T>`, `context<k: T, …>` or
    /// `function<T, …> -> T`.
    mutating func parseType() throws(FEELError) -> FEELTypeExpression {
        try enter()
        defer { nesting -= 1 }
        let token = current
        if token.isKeyword("function") {
            _ = advance()
            try expectSymbol("<", "after 'function' in a type")
            var parameters: [FEELTypeExpression] = []
            while !current.isSymbol(">") {
                parameters.append(try parseType())
                if current.isSymbol(",") { _ = advance() } else if !current.isSymbol(">") { throw unexpected("',' or '>' in a function type") }
            }
            _ = advance()
            try expectSymbol("-", "('->') after a function type's parameters")
            try expectSymbol(">", "('->') after a function type's parameters")
            return .function(parameters, try parseType())
        }
        // Words joined by single spaces, `and` included (`days and time duration`), and dots (`ns.tType`).
        var words: [String] = []
        let start = index
        while true {
            if case .name(let word) = current.kind {
                words.append(word)
                _ = advance()
            } else if current.isKeyword("and"), !words.isEmpty {
                words.append("and")
                _ = advance()
            } else if current.isSymbol("."), !words.isEmpty, case .name = peek(1).kind {
                words.append(".")
                _ = advance()
            } else {
                break
            }
        }
        // `a and b` is not a type name unless it is one of the built-in ones.
        var name = words.joined(separator: " ").replacingOccurrences(of: " . ", with: ".")
        if words.contains("and"), !FEELParser.multiWordTypes.contains(name) {
            index = start
            guard case .name(let word) = current.kind else { throw unexpected("a type") }
            _ = advance()
            name = word
        }
        if name.isEmpty { throw unexpected("a type") }
        if ["list", "range", "context"].contains(name), current.isSymbol("<") {
            _ = advance()
            let result: FEELTypeExpression
            if name == "context" {
                var entries: [(name: String, type: FEELTypeExpression)] = []
                while !current.isSymbol(">") {
                    guard let key = takeNameWords() else { throw unexpected("an entry name in a context type") }
                    try expectSymbol(":", "after '\(key)' in a context type")
                    entries.append((key, try parseType()))
                    if current.isSymbol(",") { _ = advance() } else if !current.isSymbol(">") { throw unexpected("',' or '>' in a context type") }
                }
                result = .context(entries)
            } else {
                let element = try parseType()
                result = name == "list" ? .list(element) : .range(element)
            }
            try expectSymbol(">", "to close '\(name)<'")
            return result
        }
        return .name(name)
    }

    private mutating func parseContext() throws(FEELError) -> FEELNode {
        let open = advance()
        try enter()
        defer { nesting -= 1 }
        let saved = filterBlocked
        filterBlocked = false
        defer { filterBlocked = saved }
        var bindings: [FEELNode.Binding] = []
        var seen: Set<String> = []
        if current.isSymbol("}") {
            _ = advance()
            return FEELNode(.context(bindings), at: open.offset)
        }
        while true {
            let keyToken = current
            var key: String
            switch keyToken.kind {
            case .string(let text):
                key = text
                _ = advance()
            case .name, .keyword:
                var words: [String] = []
                while true {
                    if case .name(let word) = current.kind { words.append(word) }
                    else if case .keyword(let word) = current.kind { words.append(word) }
                    else { break }
                    _ = advance()
                }
                key = words.joined(separator: " ")
            default:
                throw unexpected("a context key (a name or a string)")
            }
            guard !seen.contains(key) else {
                throw error("duplicate context key '\(key)'", at: keyToken.offset)
            }
            seen.insert(key)
            try expectSymbol(":", "after the context key '\(key)'")
            let value = try parseExpression()
            bindings.append(FEELNode.Binding(name: key, value: value, offset: keyToken.offset))
            if current.isSymbol(",") {
                _ = advance()
                continue
            }
            try expectClose("}", opened: open)
            return try checked(FEELNode(.context(bindings), at: open.offset))
        }
    }

    // MARK: - Unary tests

    /// Comma-separated positive unary tests, up to `closer` or the end.
    private mutating func parsePositiveUnaryTests(topLevel: Bool, closer: String?) throws(FEELError) -> [FEELUnaryTestNode] {
        var tests: [FEELUnaryTestNode] = []
        if let closer, current.isSymbol(closer) {
            throw error("expected a unary test but found '\(closer)'", at: current.offset)
        }
        while true {
            tests.append(try parsePositiveUnaryTest(topLevel: topLevel))
            guard current.isSymbol(",") else { return tests }
            _ = advance()
        }
    }

    private mutating func parsePositiveUnaryTest(topLevel: Bool) throws(FEELError) -> FEELUnaryTestNode {
        let token = current
        if token.isSymbol("-") && (peek(1).isSymbol(",") || peek(1).kind == .end || peek(1).isSymbol(")")) {
            throw error("'-' (any) must be the whole entry, not one of several tests", at: token.offset)
        }
        if let op = FEELParser.comparisonOperator(token) {
            _ = advance()
            try enter()
            defer { nesting -= 1 }
            let endpoint = try parseAdditive()
            return .comparison(op, try checked(endpoint), offset: token.offset)
        }
        if token.isSymbol("[") || token.isSymbol("]") || token.isSymbol("(") {
            if let interval = try tryInterval() { return interval }
        }
        let node = topLevel ? try parseExpression() : try parseAdditiveWithPostfixTests()
        return .expression(node, usesInput: node.usesInputName)
    }

    /// An operand of `in` that is a plain expression: additive level, so that
    /// `x in y and z` reads as `(x in y) and z`.
    private mutating func parseAdditiveWithPostfixTests() throws(FEELError) -> FEELNode {
        try enter()
        defer { nesting -= 1 }
        return try parseAdditive()
    }

    /// Parses `[a..b]`, `(a..b)`, `]a..b[` … when the text here is one; otherwise restores the
    /// position and returns nil (the bracket then starts a list or a parenthesised expression).
    private mutating func tryInterval() throws(FEELError) -> FEELUnaryTestNode? {
        let start = index
        let open = current
        guard open.isSymbol("[") || open.isSymbol("]") || open.isSymbol("("), !notIntervalAt.contains(start) else {
            return nil
        }
        _ = advance()
        let savedNesting = nesting
        let savedBlock = filterBlocked
        defer { filterBlocked = savedBlock }
        let low: FEELNode
        do {
            filterBlocked = false
            low = try parseExpression()
        } catch {
            index = start
            nesting = savedNesting
            notIntervalAt.insert(start)
            return nil
        }
        guard current.isSymbol("..") else {
            index = start
            notIntervalAt.insert(start)
            return nil
        }
        _ = advance()
        try enter()
        defer { nesting -= 1 }
        filterBlocked = true
        let high = try parseExpression()
        filterBlocked = savedBlock
        let endClosed = try closeRange(opened: open, named: "interval")
        let node = FEELUnaryTestNode.interval(startClosed: open.isSymbol("["), try checked(low), try checked(high),
                                              endClosed: endClosed, offset: open.offset)
        return node
    }
}
