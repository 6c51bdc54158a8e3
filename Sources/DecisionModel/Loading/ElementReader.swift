import XMLSupport

/// Turns DMN elements into model values, collecting every problem instead of stopping at the first.
struct ElementReader {
    let knownNames: Set<String>
    /// The same names arranged for the lexer once, not per expression, plus those of the scope being read.
    private(set) var names: FEELNames
    var problems: [DMNProblem] = []
    /// Parsed cells by their text, for the model's own names (not inside a scope that announces more): a table
    /// repeats its cells (`"class II"`, `-`, `true`), and one parse shared by every copy saves time and memory.
    /// Only successful parses are kept; a cell that fails is parsed again, so each copy reports its own location.
    /// A text is kept only from its second sighting on: most cells of a large table (codes, names, thresholds) are
    /// written once, and keeping each of those cost a dictionary entry per row (a quarter of the model's memory).
    /// Texts are told apart by their bytes (see `UTF8Key`): a differently normalised copy is parsed as written.
    private var parsedTests: [UTF8Key: FEELUnaryTests] = [:]
    private var parsedExpressions: [UTF8Key: FEELExpression] = [:]
    /// Hashes of the texts seen once (a clash only keeps a text early).
    private var seenTests: Set<Int> = []
    private var seenExpressions: Set<Int> = []
    private var scopeDepth = 0
    private let namespaces = ModelNamespaceMatcher()

    init(knownNames: Set<String>) {
        self.knownNames = knownNames
        self.names = FEELNames(knownNames)
    }

    /// Reads with the names of a scope (parameters, context entries, an iterator's variable) announced.
    mutating func inScope<T>(of local: [String], _ read: (inout ElementReader) -> T) -> T {
        let outer = names
        names = names.adding(Set(local))
        scopeDepth += 1
        defer {
            names = outer
            scopeDepth -= 1
        }
        return read(&self)
    }

    func location(_ element: XMLElementNode) -> SourceLocation {
        SourceLocation(file: element.file, line: element.line)
    }

    func dmnChildren(_ element: XMLElementNode, _ name: String) -> [XMLElementNode] {
        element.children.filter { $0.name == name && namespaces.isModel($0.namespace) }
    }

    func dmnChild(_ element: XMLElementNode, _ name: String) -> XMLElementNode? {
        element.children.first { $0.name == name && namespaces.isModel($0.namespace) }
    }

    /// The `<text>` and its line of a row's cell at a position, read in place: a large table is most of a model's
    /// elements, and copying each cell and its text element out of the tree (as passing `cells[i]` did) cost more
    /// than parsing the cells.
    func cellText(_ cells: [XMLElementNode], _ cell: Int) -> (source: String, line: Int)? {
        let children = cells[cell].children
        guard let index = children.firstIndex(where: { $0.name == "text" && namespaces.isModel($0.namespace) }) else {
            return nil
        }
        return (children[index].text, children[index].line)
    }

    /// The `<text>` of an element (DMN puts expressions in a `text` child).
    func text(of element: XMLElementNode?) -> (String, XMLElementNode)? {
        guard let element, let text = dmnChild(element, "text") else { return nil }
        return (text.text, text)
    }

    mutating func problem(_ element: XMLElementNode, _ message: String) {
        problems.append(DMNProblem(file: element.file, line: element.line, message: message))
    }

    mutating func expression(_ source: String, at element: XMLElementNode) -> FEELExpression? {
        expression(source, file: element.file, line: element.line)
    }

    mutating func expression(_ source: String, file: String, line: Int) -> FEELExpression? {
        let key = UTF8Key(source)
        if scopeDepth == 0, let parsed = parsedExpressions[key] { return parsed }
        do {
            let parsed = try FEELExpression(source, names: names)
            if scopeDepth == 0 && !seenExpressions.insert(key.hashValue).inserted { parsedExpressions[key] = parsed }
            return parsed
        } catch {
            problems.append(DMNProblem(file: file, line: line,
                                       message: "in expression `\(source)` at offset \(error.offset): \(error.message)"))
            return nil
        }
    }

    mutating func unaryTests(_ source: String, at element: XMLElementNode) -> FEELUnaryTests? {
        unaryTests(source, file: element.file, line: element.line)
    }

    mutating func unaryTests(_ source: String, file: String, line: Int) -> FEELUnaryTests? {
        let key = UTF8Key(source)
        if scopeDepth == 0, let parsed = parsedTests[key] { return parsed }
        do {
            let parsed = try FEELUnaryTests(source, names: names)
            if scopeDepth == 0 && !seenTests.insert(key.hashValue).inserted { parsedTests[key] = parsed }
            return parsed
        } catch {
            problems.append(DMNProblem(file: file, line: line,
                                       message: "in unary tests `\(source)` at offset \(error.offset): \(error.message)"))
            return nil
        }
    }

    /// typeRef is an attribute from DMN 1.2 on and a child element in DMN 1.1.
    func typeRef(_ element: XMLElementNode) -> String? {
        if let attribute = element.attribute("typeRef") { return DMNModel.localTypeName(attribute) }
        if let child = dmnChild(element, "typeRef") { return DMNModel.localTypeName(child.trimmedText) }
        return nil
    }

    mutating func itemDefinition(_ element: XMLElementNode) -> ItemDefinition {
        var allowed: FEELUnaryTests?
        if let (source, textElement) = text(of: dmnChild(element, "allowedValues")) {
            allowed = unaryTests(source, at: textElement)
        }
        var components: [ItemDefinition] = []
        for component in dmnChildren(element, "itemComponent") {
            components.append(itemDefinition(component))
        }
        let functionItem = dmnChild(element, "functionItem").map { item in
            ItemDefinition.FunctionItem(parameters: dmnChildren(item, "parameters").map { ($0.attribute("name") ?? "", typeRef($0)) },
                                        outputTypeRef: item.attribute("outputTypeRef").map(DMNModel.localTypeName))
        }
        var item = ItemDefinition(name: element.attribute("name") ?? "", typeRef: typeRef(element), allowedValues: allowed,
                                  isCollection: element.attribute("isCollection") == "true",
                                  components: components, functionItem: functionItem, location: location(element))
        if let (source, textElement) = text(of: dmnChild(element, "typeConstraint")) {
            item.typeConstraint = unaryTests(source, at: textElement)
        }
        return item
    }

    mutating func inputData(_ element: XMLElementNode) -> InputData {
        let variable = dmnChild(element, "variable")
        let name = element.attribute("name") ?? variable?.attribute("name") ?? ""
        if name.isEmpty { problem(element, "inputData has no name") }
        if element.attribute("id") == nil { problem(element, "inputData '\(name)' has no id") }
        return InputData(id: element.attribute("id") ?? name, name: name, typeRef: variable.flatMap(typeRef),
                         label: element.attribute("label"), location: location(element))
    }

    private func references(_ element: XMLElementNode, requirement: String, kind: String) -> [Reference] {
        dmnChildren(element, requirement).flatMap { req in
            dmnChildren(req, kind).compactMap { ref in
                ref.attribute("href").map { Reference(href: $0, location: SourceLocation(file: ref.file, line: ref.line)) }
            }
        }
    }

    /// The decision, with `ExpressionLogic.unloadable` standing in for logic that has problems.
    mutating func decision(_ element: XMLElementNode) -> Decision {
        let name = element.attribute("name") ?? ""
        let logic = expressionLogic(in: element, owner: "decision '\(name)'") ?? .unloadable(at: location(element))
        return Decision(
            id: element.attribute("id") ?? name, name: name, typeRef: dmnChild(element, "variable").flatMap(typeRef),
            label: element.attribute("label"), question: dmnChild(element, "question")?.trimmedText,
            requiredDecisions: references(element, requirement: "informationRequirement", kind: "requiredDecision"),
            requiredInputs: references(element, requirement: "informationRequirement", kind: "requiredInput"),
            requiredKnowledge: references(element, requirement: "knowledgeRequirement", kind: "requiredKnowledge"),
            logic: logic, location: location(element))
    }

    mutating func decisionService(_ element: XMLElementNode) -> DecisionService {
        let name = element.attribute("name") ?? ""
        func hrefs(_ kind: String) -> [Reference] {
            dmnChildren(element, kind).compactMap { ref in
                ref.attribute("href").map { Reference(href: $0, location: location(ref)) }
            }
        }
        let outputs = hrefs("outputDecision")
        if outputs.isEmpty { problem(element, "decision service '\(name)' has no output decision") }
        return DecisionService(id: element.attribute("id") ?? name, name: name, typeRef: dmnChild(element, "variable").flatMap(typeRef),
                               outputDecisions: outputs, encapsulatedDecisions: hrefs("encapsulatedDecision"),
                               inputDecisions: hrefs("inputDecision"), inputData: hrefs("inputData"), location: location(element))
    }

    /// The knowledge model, with `ExpressionLogic.unloadable` standing in for logic that has problems.
    mutating func knowledgeModel(_ element: XMLElementNode) -> BusinessKnowledgeModel {
        let name = element.attribute("name") ?? ""
        var parameters: [(name: String, typeRef: String?)] = []
        var body = ExpressionLogic.unloadable(at: location(element))
        var resultType: String?
        if let logicElement = dmnChild(element, "encapsulatedLogic") {
            parameters = dmnChildren(logicElement, "formalParameter").map { p in (name: p.attribute("name") ?? "", typeRef: typeRef(p)) }
            body = inScope(of: parameters.map(\.name), {
                $0.expressionLogic(in: logicElement, owner: "business knowledge model '\(name)'")
            }) ?? body
            resultType = typeRef(logicElement)
        } else {
            problem(element, "business knowledge model '\(name)' has no encapsulatedLogic")
        }
        return BusinessKnowledgeModel(id: element.attribute("id") ?? name, name: name, parameters: parameters, body: body,
                                      requiredKnowledge: references(element, requirement: "knowledgeRequirement", kind: "requiredKnowledge"),
                                      typeRef: resultType ?? dmnChild(element, "variable").flatMap(typeRef),
                                      location: location(element))
    }

    /// The one boxed expression an element holds.
    mutating func expressionLogic(in element: XMLElementNode, owner: String) -> ExpressionLogic? {
        guard let child = element.children.first(where: Self.isExpression) else {
            problem(element, "\(owner) has no decision logic (a decisionTable, literalExpression, invocation, context, relation, list, functionDefinition, conditional, filter, for, some or every)")
            return nil
        }
        return expressionLogic(of: child, owner: owner)
    }

    /// A boxed expression element itself; one with a `typeRef` of its own (other than a literal expression, which
    /// keeps it) is wrapped so that its value is coerced to that type.
    mutating func expressionLogic(of element: XMLElementNode, owner: String) -> ExpressionLogic? {
        let start = problems.count
        guard let logic = untypedLogic(of: element, owner: owner) else {
            // A FEEL error says where in the text; the owner says which part of the model holds the text.
            if element.name == "literalExpression" {
                for index in start..<problems.count { problems[index].message = "\(owner): " + problems[index].message }
            }
            return nil
        }
        if element.name != "literalExpression", let type = typeRef(element) { return .typed(logic, typeRef: type) }
        return logic
    }

    private mutating func untypedLogic(of element: XMLElementNode, owner: String) -> ExpressionLogic? {
        switch element.name {
        case "decisionTable": return decisionTable(element).map(ExpressionLogic.table)
        case "literalExpression": return literal(element).map(ExpressionLogic.literal)
        case "invocation": return invocation(element).map(ExpressionLogic.invocation)
        case "context": return context(element).map(ExpressionLogic.context)
        case "relation": return relation(element).map(ExpressionLogic.relation)
        case "list": return list(element).map(ExpressionLogic.list)
        case "functionDefinition": return functionDefinition(element).map(ExpressionLogic.function)
        case "conditional": return conditional(element).map(ExpressionLogic.conditional)
        case "filter": return filter(element).map(ExpressionLogic.filter)
        case "for", "some", "every": return iterator(element).map(ExpressionLogic.iterator)
        default:
            problem(element, "\(owner): <\(element.name)> is not a boxed expression")
            return nil
        }
    }

    mutating func literal(_ element: XMLElementNode) -> LiteralExpression? {
        guard let (source, textElement) = text(of: element) else {
            problem(element, "literalExpression has no <text>")
            return nil
        }
        guard let parsed = expression(source, at: textElement) else { return nil }
        return LiteralExpression(expression: parsed, typeRef: typeRef(element), location: location(textElement))
    }

    mutating func invocation(_ element: XMLElementNode) -> Invocation? {
        guard let target = dmnChild(element, "literalExpression"), let (function, _) = text(of: target) else {
            problem(element, "invocation names no function (expected a literalExpression with the knowledge model's name)")
            return nil
        }
        var bindings: [(parameter: String, value: ExpressionLogic?)] = []
        for binding in dmnChildren(element, "binding") {
            let parameter = dmnChild(binding, "parameter")?.attribute("name") ?? ""
            let hasExpression = binding.children.contains { $0.name != "parameter" }
            bindings.append((parameter, hasExpression ? expressionLogic(in: binding, owner: "binding '\(parameter)'") : nil))
        }
        let name = function.trimmingWhitespace()
        return Invocation(function: name, callee: try? FEELExpression(name, names: names), bindings: bindings,
                          location: location(element))
    }

    mutating func decisionTable(_ element: XMLElementNode) -> DecisionTable? {
        guard let policy = HitPolicy(attribute: element.attribute("hitPolicy"), aggregation: element.attribute("aggregation")) else {
            problem(element, "unknown hit policy '\(element.attribute("hitPolicy") ?? "")' with aggregation '\(element.attribute("aggregation") ?? "none")'; expected UNIQUE, ANY, PRIORITY, FIRST, RULE ORDER, OUTPUT ORDER or COLLECT (aggregation SUM, MIN, MAX or COUNT, with COLLECT only)")
            return nil
        }
        var inputs: [DecisionTable.Input] = []
        for input in dmnChildren(element, "input") {
            guard let exprElement = dmnChild(input, "inputExpression"), let (source, textElement) = text(of: exprElement),
                  let parsed = expression(source, at: textElement) else {
                problem(input, "a decision table input needs an inputExpression with a <text>")
                continue
            }
            var values: FEELUnaryTests?
            if let (valuesSource, valuesElement) = text(of: dmnChild(input, "inputValues")) {
                values = unaryTests(valuesSource, at: valuesElement)
            }
            inputs.append(.init(id: input.attribute("id"), label: input.attribute("label"), expression: parsed,
                                typeRef: typeRef(exprElement), inputValues: values, location: location(input)))
        }
        var outputs: [DecisionTable.Output] = []
        for output in dmnChildren(element, "output") {
            var values: FEELUnaryTests?
            if let (valuesSource, valuesElement) = text(of: dmnChild(output, "outputValues")) {
                values = unaryTests(valuesSource, at: valuesElement)
            }
            var defaultEntry: FEELExpression?
            if let (defaultSource, defaultElement) = text(of: dmnChild(output, "defaultOutputEntry")) {
                defaultEntry = expression(defaultSource, at: defaultElement)
            }
            outputs.append(.init(id: output.attribute("id"), name: output.attribute("name"), label: output.attribute("label"),
                                 typeRef: typeRef(output), outputValues: values, defaultOutputEntry: defaultEntry,
                                 location: location(output)))
        }
        if outputs.isEmpty { problem(element, "a decision table needs at least one output") }
        if outputs.count > 1 && outputs.contains(where: { ($0.name ?? "").isEmpty }) {
            problem(element, "every output of a multi-output decision table needs a name")
        }
        if case .collect(let aggregation?) = policy, outputs.count > 1 {
            problem(element, "COLLECT with \(aggregation.rawValue) needs exactly one output column, found \(outputs.count)")
        }
        let annotationNames = dmnChildren(element, "annotation").map { $0.attribute("name") ?? "" }
        var rules: [DecisionTable.Rule] = []
        var index = -1
        // Rows and cells are read in place (see `cellText`), each row's children sorted in one pass into lists
        // reused from row to row (allocating three per row was a tenth of reading a table).
        let rows = element.children
        var inputEntries: [Int] = [], outputEntries: [Int] = [], annotationEntries: [Int] = []
        for rowIndex in rows.indices where rows[rowIndex].name == "rule" && namespaces.isModel(rows[rowIndex].namespace) {
            index += 1
            let rule = rows[rowIndex]
            let cells = rule.children
            inputEntries.removeAll(keepingCapacity: true)
            outputEntries.removeAll(keepingCapacity: true)
            annotationEntries.removeAll(keepingCapacity: true)
            var descriptionIndex: Int?
            for cell in cells.indices where namespaces.isModel(cells[cell].namespace) {
                switch cells[cell].name {
                case "inputEntry": inputEntries.append(cell)
                case "outputEntry": outputEntries.append(cell)
                case "annotationEntry": annotationEntries.append(cell)
                case "description": if descriptionIndex == nil { descriptionIndex = cell }
                default: break
                }
            }
            if inputEntries.count != inputs.count || outputEntries.count != outputs.count {
                problem(rule, "rule \(index + 1) has \(inputEntries.count) input and \(outputEntries.count) output entries; the table has \(inputs.count) inputs and \(outputs.count) outputs")
                continue
            }
            var tests: [FEELUnaryTests] = []
            tests.reserveCapacity(inputEntries.count)
            for cell in inputEntries {
                let (source, line) = cellText(cells, cell) ?? ("-", cells[cell].line)
                if let parsed = unaryTests(source, file: rule.file, line: line) { tests.append(parsed) }
            }
            var results: [FEELExpression] = []
            results.reserveCapacity(outputEntries.count)
            for cell in outputEntries {
                let (source, line) = cellText(cells, cell) ?? ("null", cells[cell].line)
                if let parsed = expression(source, file: rule.file, line: line) { results.append(parsed) }
            }
            guard tests.count == inputs.count, results.count == outputs.count else { continue }
            let annotations = annotationEntries.map { (cellText(cells, $0)?.source ?? "").trimmingWhitespace() }
            rules.append(.init(id: rule.attribute("id"), row: index + 1, inputEntries: tests, outputEntries: results,
                               annotations: annotations, description: descriptionIndex.map { cells[$0].trimmedText },
                               location: location(rule)))
        }
        return DecisionTable(id: element.attribute("id"), hitPolicy: policy, inputs: inputs, outputs: outputs,
                             annotationNames: annotationNames, rules: rules, outputLabel: element.attribute("outputLabel"),
                             location: location(element))
    }
}

extension String {
    /// The string without leading and trailing whitespace (Unicode-aware, no Foundation needed).
    public func trimmingWhitespace() -> String {
        // Most cells and annotations have nothing to trim: an ASCII non-space at both ends settles it without
        // looking up character properties.
        if let first = utf8.first, let last = utf8.last, first.isPlainASCII, last.isPlainASCII { return self }
        if hasPlainEnds { return self }
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        // Most long annotations end in non-ASCII text with nothing to trim: a copy would cost an allocation each.
        return s.startIndex == startIndex && s.endIndex == endIndex ? self : String(s)
    }
}

extension UInt8 {
    /// An ASCII byte that is not whitespace (tab to carriage return, space).
    var isPlainASCII: Bool { self < 0x80 && self != 0x20 && !(0x09...0x0D).contains(self) }
}
