import DecisionModel
import XMLSupport

/// A built DMN model in the binary form the rules cache keeps, so that a warm run neither decodes the DMN element
/// trees nor walks them again (that was most of loading the rules). `ModelDecoder` reads it back.
///
/// FEEL is kept as its source text and parsed again on reading, each distinct text once: a parse depends only on the
/// text and the names announced to the lexer, which are stored too. That holds for every text outside a scope of its
/// own, so only models without such scopes are kept this way (`canEncode`); the others are cached as element trees.
/// Every string is stored once and referred to by its number (a table repeats its cells, ids and file names).
struct ModelEncoder {
    private var strings: [String] = []
    /// By bytes, not by `String` equality: a differently normalised copy must come back as written.
    private var stringNumbers: [[UInt8]: Int] = [:]
    private var body = ByteWriter()

    /// Whether every FEEL text of `model` is parsed with the model's announced names, and nothing of it comes from
    /// outside its files: decision tables and literal expressions (typed or not), item definitions, inputs; no
    /// knowledge models, services or imports (their scopes announce names of their own, which the model does not
    /// record), and no problems (a rule set with problems is never cached).
    static func canEncode(_ model: DMNModel) -> Bool {
        model.imports.isEmpty && model.knowledgeModels.isEmpty && model.decisionServices.isEmpty
            && model.loadProblems.isEmpty && model.decisions.allSatisfy { isPlain($0.logic) }
    }

    private static func isPlain(_ logic: ExpressionLogic) -> Bool {
        switch logic {
        case .table, .literal: true
        case .typed(let inner, _): isPlain(inner)
        default: false
        }
    }

    /// The announced names, the string table (the count, each string's length, then their bytes end to end: read
    /// as one block, each string made only when used), then the model.
    static func encode(_ model: DMNModel, announcedNames: Set<String>, into writer: inout ByteWriter) {
        var encoder = ModelEncoder()
        encoder.model(model)
        writer.strings(announcedNames.sorted(by: precedesByBytes))
        writer.varint(encoder.strings.count)
        for string in encoder.strings { writer.varint(string.utf8.count) }
        for string in encoder.strings { writer.raw(string.utf8) }
        writer.raw(encoder.body.bytes)
    }

    /// Sets and dictionaries in one order, so that equal models encode to equal bytes.
    private static func precedesByBytes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    private mutating func number(of string: String) -> Int {
        let key = Array(string.utf8)
        if let known = stringNumbers[key] { return known }
        stringNumbers[key] = strings.count
        strings.append(string)
        return strings.count - 1
    }

    private mutating func string(_ value: String) { body.varint(number(of: value)) }

    /// 0 for none, else the string's number plus one.
    private mutating func optionalString(_ value: String?) { body.varint(value.map { number(of: $0) + 1 } ?? 0) }

    private mutating func flag(_ value: Bool) { body.byte(value ? 1 : 0) }

    private mutating func optional<T>(_ value: T?, _ write: (inout ModelEncoder, T) -> Void) {
        flag(value != nil)
        if let value { write(&self, value) }
    }

    private mutating func array<T>(_ values: [T], _ write: (inout ModelEncoder, T) -> Void) {
        body.varint(values.count)
        for value in values { write(&self, value) }
    }

    private mutating func location(_ location: SourceLocation) {
        string(location.file)
        body.varint(location.line)
    }

    private mutating func model(_ model: DMNModel) {
        string(model.name)
        array(model.namespaces) { $0.string($1) }
        array(model.files) { $0.string($1) }
        array(model.itemDefinitions.sorted { Self.precedesByBytes($0.key, $1.key) }) { encoder, entry in
            encoder.string(entry.key)
            encoder.item(entry.value)
        }
        array(model.inputs) { encoder, input in
            encoder.string(input.id)
            encoder.string(input.name)
            encoder.optionalString(input.typeRef)
            encoder.optionalString(input.label)
            encoder.location(input.location)
        }
        array(model.decisions) { $0.decision($1) }
        // Derived, but recomputing it walks every cell of every table at each start.
        array(model.questionOrder) { $0.string($1) }
    }

    private mutating func item(_ item: ItemDefinition) {
        string(item.name)
        optionalString(item.typeRef)
        optionalString(item.allowedValues?.source)
        flag(item.isCollection)
        array(item.components) { $0.item($1) }
        optional(item.functionItem) { encoder, function in
            encoder.parameters(function.parameters)
            encoder.optionalString(function.outputTypeRef)
        }
        optionalString(item.typeConstraint?.source)
        location(item.location)
    }

    private mutating func parameters(_ parameters: [(name: String, typeRef: String?)]) {
        array(parameters) { encoder, parameter in
            encoder.string(parameter.name)
            encoder.optionalString(parameter.typeRef)
        }
    }

    private mutating func references(_ references: [Reference]) {
        array(references) { encoder, reference in
            encoder.string(reference.href)
            encoder.location(reference.location)
        }
    }

    private mutating func decision(_ decision: Decision) {
        string(decision.id)
        string(decision.name)
        optionalString(decision.typeRef)
        optionalString(decision.label)
        optionalString(decision.question)
        references(decision.requiredDecisions)
        references(decision.requiredInputs)
        references(decision.requiredKnowledge)
        logic(decision.logic)
        location(decision.location)
    }

    /// Only the kinds `canEncode` admits.
    private mutating func logic(_ logic: ExpressionLogic) {
        switch logic {
        case .table(let table):
            body.byte(0)
            self.table(table)
        case .literal(let literal):
            body.byte(1)
            string(literal.expression.source)
            optionalString(literal.typeRef)
            location(literal.location)
        case .typed(let inner, let typeRef):
            body.byte(2)
            self.logic(inner)
            string(typeRef)
        default:
            preconditionFailure("ModelEncoder.canEncode admits only tables and literal expressions")
        }
    }

    private mutating func table(_ table: DecisionTable) {
        optionalString(table.id)
        string(table.hitPolicy.description)
        array(table.inputs) { encoder, input in
            encoder.optionalString(input.id)
            encoder.optionalString(input.label)
            encoder.string(input.expression.source)
            encoder.optionalString(input.typeRef)
            encoder.optionalString(input.inputValues?.source)
            encoder.location(input.location)
        }
        array(table.outputs) { encoder, output in
            encoder.optionalString(output.id)
            encoder.optionalString(output.name)
            encoder.optionalString(output.label)
            encoder.optionalString(output.typeRef)
            encoder.optionalString(output.outputValues?.source)
            encoder.optionalString(output.defaultOutputEntry?.source)
            encoder.location(output.location)
        }
        array(table.annotationNames) { $0.string($1) }
        array(table.rules) { encoder, rule in
            encoder.optionalString(rule.id)
            encoder.body.varint(rule.row)
            encoder.array(rule.inputEntries) { $0.string($1.source) }
            encoder.array(rule.outputEntries) { $0.string($1.source) }
            encoder.array(rule.annotations) { $0.string($1) }
            encoder.optionalString(rule.description)
            encoder.location(rule.location)
        }
        optionalString(table.outputLabel)
        location(table.location)
    }
}
