import XMLSupport

/// Reading the boxed expressions beyond decision tables, literal expressions and invocations.
extension ElementReader {
    /// The name of an information item (`variable`, `formalParameter`, `column`, a binding's `parameter`).
    private func informationItem(_ element: XMLElementNode) -> (name: String, typeRef: String?) {
        (element.attribute("name") ?? "", typeRef(element))
    }

    mutating func context(_ element: XMLElementNode) -> BoxedContext? {
        let names = dmnChildren(element, "contextEntry").compactMap { dmnChild($0, "variable")?.attribute("name") }
        return inScope(of: names) { $0.contextInScope(element) }
    }

    private mutating func contextInScope(_ element: XMLElementNode) -> BoxedContext? {
        var entries: [BoxedContext.Entry] = []
        var failed = false
        for entry in dmnChildren(element, "contextEntry") {
            let variable = dmnChild(entry, "variable").map(informationItem)
            guard let value = expressionLogic(in: entry, owner: "context entry '\(variable?.name ?? "result")'") else {
                failed = true
                continue
            }
            entries.append(.init(name: variable?.name, typeRef: variable?.typeRef, value: value, location: location(entry)))
        }
        if entries.dropLast().contains(where: { $0.name == nil }) {
            problem(element, "only the last entry of a context may have no name (it is the context's result)")
            failed = true
        }
        return failed ? nil : BoxedContext(entries: entries, location: location(element))
    }

    mutating func relation(_ element: XMLElementNode) -> BoxedRelation? {
        let columns = dmnChildren(element, "column").map(informationItem)
        var rows: [[ExpressionLogic]] = []
        var rowLocations: [SourceLocation] = []
        var failed = false
        for (number, row) in dmnChildren(element, "row").enumerated() {
            var cells: [ExpressionLogic] = []
            for cell in row.children where Self.isExpression(cell) {
                guard let value = expressionLogic(of: cell, owner: "relation row \(number + 1)") else { failed = true; continue }
                cells.append(value)
            }
            if !failed && cells.count != columns.count {
                problem(row, "relation row \(number + 1) has \(cells.count) cell\(cells.count == 1 ? "" : "s"); the relation has \(columns.count) column\(columns.count == 1 ? "" : "s")")
                failed = true
            }
            rows.append(cells)
            rowLocations.append(location(row))
        }
        return failed ? nil : BoxedRelation(columns: columns, rows: rows, location: location(element), rowLocations: rowLocations)
    }

    mutating func list(_ element: XMLElementNode) -> BoxedList? {
        var items: [ExpressionLogic] = []
        var failed = false
        for (number, child) in element.children.filter(Self.isExpression).enumerated() {
            guard let value = expressionLogic(of: child, owner: "list item \(number + 1)") else { failed = true; continue }
            items.append(value)
        }
        return failed ? nil : BoxedList(items: items, location: location(element))
    }

    mutating func functionDefinition(_ element: XMLElementNode) -> FunctionDefinition? {
        let parameters = dmnChildren(element, "formalParameter").map(informationItem)
        let kindText = element.attribute("kind") ?? "FEEL"
        let kind: FunctionDefinition.Kind = kindText.uppercased() == "FEEL" ? .feel : .external(kindText)
        let hasBody = element.children.contains(where: Self.isExpression)
        if kind == .feel && !hasBody {
            problem(element, "a FEEL function definition has no body expression")
            return nil
        }
        // An external function's body (a context naming a class or a model) only describes the binding.
        var body: ExpressionLogic?
        if hasBody {
            guard let parsed = inScope(of: parameters.map(\.name), { $0.expressionLogic(in: element, owner: "function definition") })
            else { return nil }
            body = parsed
        }
        return FunctionDefinition(kind: kind, parameters: parameters, body: body, location: location(element))
    }

    mutating func conditional(_ element: XMLElementNode) -> BoxedConditional? {
        guard let condition = part(element, "if", of: "conditional"), let then = part(element, "then", of: "conditional"),
              let otherwise = part(element, "else", of: "conditional") else { return nil }
        return BoxedConditional(condition: condition, then: then, otherwise: otherwise, location: location(element))
    }

    mutating func filter(_ element: XMLElementNode) -> BoxedFilter? {
        guard let list = part(element, "in", of: "filter"), let match = part(element, "match", of: "filter") else { return nil }
        return BoxedFilter(list: list, match: match, location: location(element))
    }

    mutating func iterator(_ element: XMLElementNode) -> BoxedIterator? {
        guard let kind = BoxedIterator.Kind(rawValue: element.name) else { return nil }
        let variable = element.attribute("iteratorVariable") ?? ""
        if variable.isEmpty {
            problem(element, "<\(element.name)> has no iteratorVariable")
            return nil
        }
        guard let domain = part(element, "in", of: element.name),
              let body = inScope(of: [variable, "partial"], { $0.part(element, kind == .for ? "return" : "satisfies", of: element.name) })
        else { return nil }
        return BoxedIterator(kind: kind, variable: variable, domain: domain, body: body, location: location(element))
    }

    /// The expression inside a named part of a boxed expression (`<if>`, `<in>`, `<return>` …).
    private mutating func part(_ element: XMLElementNode, _ name: String, of owner: String) -> ExpressionLogic? {
        guard let child = dmnChild(element, name) else {
            problem(element, "<\(owner)> has no <\(name)>")
            return nil
        }
        return expressionLogic(in: child, owner: "<\(name)> of <\(owner)>")
    }

    static let expressionNames: Set<String> = [
        "decisionTable", "literalExpression", "invocation", "context", "relation", "list", "functionDefinition",
        "conditional", "filter", "for", "some", "every",
    ]

    static func isExpression(_ element: XMLElementNode) -> Bool {
        expressionNames.contains(element.name) && DMNNamespaces.version(of: element.namespace) != nil
    }
}
