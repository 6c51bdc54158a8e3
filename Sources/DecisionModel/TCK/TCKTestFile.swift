import XMLSupport

/// A DMN TCK `testCases` file: input values and the expected result of each decision.
public struct TCKTestFile: Sendable {
    public static let namespace = "http://www.omg.org/spec/DMN/20160719/testcase"
    static let xsi = "http://www.w3.org/2001/XMLSchema-instance"

    /// What a test case invokes: the model's decisions, or one decision service (`invocableName`).
    public enum Kind: Sendable, Equatable {
        case decision
        case decisionService(String)
        /// A `type` this runner does not know; the case fails with the type named.
        case other(String)
    }

    public struct ResultNode: Sendable {
        public var name: String
        public var expected: FEELValue
        /// `errorResult="true"`: the engine is expected to report an error (the value is then usually null).
        public var errorResult: Bool
        public var location: SourceLocation
        /// The most digits after the decimal point any expected number is written with (`-0.88796890` → 8,
        /// trailing zeros included): the sign of a rounded irrational result (see `TCKComparison`).
        public var writtenDecimals: Int = 0
    }

    public struct TestCase: Sendable {
        public var id: String
        public var description: String?
        public var kind: Kind
        public var inputs: [(name: String, value: FEELValue)]
        /// Inputs with a `namespace`: input data of the model (or of a model it imports) with that namespace.
        public var namespacedInputs: [(namespace: String, name: String, value: FEELValue)] = []
        public var results: [ResultNode]
        /// Values this case gives that could not be read; the case cannot pass while there are any.
        public var problems: [DMNProblem]
        public var location: SourceLocation
    }

    public var path: String
    public var modelName: String
    public var cases: [TestCase]

    /// Whether a parsed document is a TCK test file (used to pick test files out of a folder).
    public static func isTestFile(_ root: XMLElementNode) -> Bool {
        root.name == "testCases" && root.namespace == namespace
    }

    /// Reads a test file. Only a file that is not a test file at all throws; a value that cannot be read
    /// is a problem of its own test case.
    public init(root: XMLElementNode, path: String) throws(DMNLoadError) {
        guard Self.isTestFile(root) else {
            throw DMNLoadError([DMNProblem(file: path, line: root.line, message: "expected <testCases> in \(Self.namespace)")])
        }
        guard let model = root.childText("modelName"), !model.isEmpty else {
            throw DMNLoadError([DMNProblem(file: path, line: root.line, message: "<testCases> has no <modelName>")])
        }
        self.path = path
        self.modelName = model.trimmingWhitespace()
        self.cases = root.children(named: "testCase").map { Self.testCase($0, path: path) }
    }

    private static func testCase(_ element: XMLElementNode, path: String) -> TestCase {
        let kind: Kind
        switch element.attribute("type") {
        case nil, "decision"?: kind = .decision
        case "decisionService"?: kind = .decisionService(element.attribute("invocableName") ?? "")
        case let other?: kind = .other(other)
        }
        var testCase = TestCase(id: element.attribute("id") ?? "?", description: element.childText("description"),
                                kind: kind, inputs: [], results: [], problems: [],
                                location: SourceLocation(file: path, line: element.line))
        for input in element.children(named: "inputNode") {
            do {
                let value = try value(of: input)
                if let namespace = input.attribute("namespace") {
                    testCase.namespacedInputs.append((namespace, input.attribute("name") ?? "", value))
                } else {
                    testCase.inputs.append((input.attribute("name") ?? "", value))
                }
            } catch {
                testCase.problems.append(error)
            }
        }
        for result in element.children(named: "resultNode") {
            let location = SourceLocation(file: path, line: result.line)
            guard let expected = result.child(named: "expected") else {
                testCase.problems.append(DMNProblem(at: location, "result node '\(result.attribute("name") ?? "")' has no <expected>"))
                continue
            }
            do {
                testCase.results.append(ResultNode(name: result.attribute("name") ?? "", expected: try value(of: expected),
                                                   errorResult: result.attribute("errorResult") == "true", location: location,
                                                   writtenDecimals: writtenDecimals(in: expected)))
            } catch {
                testCase.problems.append(error)
            }
        }
        if testCase.results.isEmpty && testCase.problems.isEmpty {
            testCase.problems.append(DMNProblem(at: testCase.location, "test case has no result node"))
        }
        return testCase
    }

    /// The most fraction digits of any number written below `element`.
    static func writtenDecimals(in element: XMLElementNode) -> Int {
        var most = 0
        if element.name == "value", element.children.isEmpty {
            let text = element.text.trimmingWhitespace()
            if let point = text.firstIndex(of: "."), FEELNumber(text) != nil {
                most = text[text.index(after: point)...].prefix { $0.isNumber }.count
            }
        }
        for child in element.children { most = max(most, writtenDecimals(in: child)) }
        return most
    }

    /// The value held by an inputNode, expected, component or item: a typed `value`, components, or a `list`.
    static func value(of element: XMLElementNode) throws(DMNProblem) -> FEELValue {
        if let value = element.child(named: "value") { return try typed(value) }
        if let list = element.child(named: "list") {
            var items: [FEELValue] = []
            for item in list.children(named: "item") { items.append(try self.value(of: item)) }
            return .list(items)
        }
        let components = element.children(named: "component")
        if !components.isEmpty {
            var entries: [(String, FEELValue)] = []
            for component in components { entries.append((component.attribute("name") ?? "", try value(of: component))) }
            return .context(FEELContext(entries))
        }
        return .null
    }

    /// A `<value xsi:type="xsd:…">`: the XML Schema type decides the FEEL type.
    static func typed(_ element: XMLElementNode) throws(DMNProblem) -> FEELValue {
        if element.attribute("nil", namespace: xsi) == "true" { return .null }
        let text = element.text
        let type = element.attribute("type", namespace: xsi).map { element.resolveQName($0).localName }
        func fail(_ what: String) -> DMNProblem {
            DMNProblem(file: element.file, line: element.line, message: "'\(text)' is not a valid \(what)")
        }
        let trimmed = text.trimmingWhitespace()
        switch type {
        case nil, "string"?:
            if type == nil, !element.children.isEmpty { return try value(of: element) }
            return .string(text)
        case "decimal"?, "integer"?, "int"?, "long"?, "double"?, "float"?, "short"?:
            guard let n = FEELNumber(trimmed) else { throw fail("number") }
            return .number(n)
        case "boolean"?:
            switch trimmed {
            case "true", "1": return .boolean(true)
            case "false", "0": return .boolean(false)
            default: throw fail("boolean")
            }
        case "date"?:
            guard let d = FEELDate(iso8601: trimmed) else { throw fail("date") }
            return .date(d)
        case "time"?:
            guard let t = FEELTime(iso8601: trimmed) else { throw fail("time") }
            return .time(t)
        case "dateTime"?:
            guard let t = FEELDateTime(iso8601: trimmed) else { throw fail("date and time") }
            return .dateTime(t)
        case "duration"?, "dayTimeDuration"?, "yearMonthDuration"?:
            guard let d = FEELDuration(iso8601: trimmed) else { throw fail("duration") }
            return .duration(d)
        case let other?:
            throw DMNProblem(file: element.file, line: element.line, message: "unsupported xsi:type '\(other)'")
        }
    }
}

extension DMNProblem: Error {}
