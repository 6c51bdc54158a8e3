import DecisionModel
import XMLSupport

/// Reads back what `ModelEncoder` wrote. Anything that does not fit (damage, a FEEL text that no longer parses)
/// makes the whole model nil, and the rules are then read from their files.
struct ModelDecoder {
    private struct Damaged: Error {}

    private var reader: ByteReader
    /// The string table, each string made when first used (`made`): most of its bytes are annotations, which are
    /// passed on unread (`TextList`).
    private let texts: StoredTexts
    private var made: [String?]
    private let names: FEELNames
    /// Each distinct text parsed once (texts are numbered by their bytes): per string number, where its parse is in
    /// `tests` or `expressions` (-1 before it is parsed). Small numbers per string, not an optional parse per
    /// string: the table has thousands of strings, most of which are not FEEL.
    private var testPlaces: [Int32]
    private var expressionPlaces: [Int32]
    private var tests: [FEELUnaryTests] = []
    private var expressions: [FEELExpression] = []

    /// The model and the names its FEEL was parsed with.
    /// `file`: the bytes `reader` reads, kept for the texts rather than copied.
    static func decode(from reader: inout ByteReader, in file: [UInt8]? = nil) -> (DMNModel, Set<String>)? {
        guard let names = reader.strings().map(Set.init), let texts = storedTexts(from: &reader, in: file) else { return nil }
        let unparsed = [Int32](repeating: -1, count: texts.count)
        var decoder = ModelDecoder(reader: reader, texts: texts, made: Array(repeating: nil, count: texts.count),
                                   names: FEELNames(names), testPlaces: unparsed, expressionPlaces: unparsed)
        guard let model = try? decoder.model() else { return nil }
        reader = decoder.reader
        return (model, names)
    }

    /// What `ModelEncoder` wrote as the string table, its bytes left in `file` (the entry the reader reads, when given:
    /// else copied).
    private static func storedTexts(from reader: inout ByteReader, in file: [UInt8]?) -> StoredTexts? {
        guard let count = reader.count() else { return nil }
        var lengths: [Int] = []
        lengths.reserveCapacity(count)
        var total = 0
        for _ in 0..<count {
            guard let length = reader.varint(), length <= reader.remaining - total else { return nil }
            lengths.append(length)
            total += length
        }
        guard let bytes = reader.bytes(total) else { return nil }
        if let file, let start = file.withUnsafeBytes({ all in
            bytes.baseAddress.flatMap { base in all.baseAddress.map { base - $0 } }
        }), start >= 0, start + total <= file.count {
            return StoredTexts(bytes: file, start: start, lengths: lengths)
        }
        return StoredTexts(bytes: Array(bytes), start: 0, lengths: lengths)
    }

    private mutating func int() throws -> Int {
        guard let value = reader.varint() else { throw Damaged() }
        return value
    }

    private mutating func number() throws -> Int {
        let number = try int()
        guard number < made.count else { throw Damaged() }
        return number
    }

    private mutating func string() throws -> String { string(try number()) }

    private mutating func string(_ number: Int) -> String {
        if let known = made[number] { return known }
        let string = texts.freshText(number)
        made[number] = string
        return string
    }

    /// Written as the string's number plus one, 0 for none.
    private mutating func optionalNumber() throws -> Int? {
        let number = try int()
        guard number <= made.count else { throw Damaged() }
        return number == 0 ? nil : number - 1
    }

    private mutating func optionalString() throws -> String? {
        guard let number = try optionalNumber() else { return nil }
        return string(number)
    }

    private mutating func flag() throws -> Bool {
        switch reader.byte() {
        case 0: false
        case 1: true
        default: throw Damaged()
        }
    }

    private mutating func optional<T>(_ read: (inout ModelDecoder) throws -> T) throws -> T? {
        try flag() ? read(&self) : nil
    }

    private mutating func array<T>(_ read: (inout ModelDecoder) throws -> T) throws -> [T] {
        guard let count = reader.count() else { throw Damaged() }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try read(&self)) }
        return values
    }

    private mutating func location() throws -> SourceLocation {
        SourceLocation(file: try string(), line: try int())
    }

    private mutating func expression() throws -> FEELExpression { try expression(try number()) }

    private mutating func optionalExpression() throws -> FEELExpression? {
        try optionalNumber().map { try expression($0) }
    }

    private mutating func expression(_ number: Int) throws -> FEELExpression {
        let (text, names) = (string(number), names)
        return try Self.parsedOnce(number, places: &expressionPlaces, in: &expressions) { try FEELExpression(text, names: names) }
    }

    private mutating func unaryTests() throws -> FEELUnaryTests { try unaryTests(try number()) }

    private mutating func optionalUnaryTests() throws -> FEELUnaryTests? {
        try optionalNumber().map { try unaryTests($0) }
    }

    private mutating func unaryTests(_ number: Int) throws -> FEELUnaryTests {
        let (text, names) = (string(number), names)
        return try Self.parsedOnce(number, places: &testPlaces, in: &tests) { try FEELUnaryTests(text, names: names) }
    }

    private static func parsedOnce<T>(_ number: Int, places: inout [Int32], in parsed: inout [T], _ parse: () throws -> T) throws -> T {
        if places[number] >= 0 { return parsed[Int(places[number])] }
        let value = try parse()
        places[number] = Int32(parsed.count)
        parsed.append(value)
        return value
    }

    private mutating func model() throws -> DMNModel {
        let name = try string()
        let namespaces = try array { try $0.string() }
        let files = try array { try $0.string() }
        var items: [String: ItemDefinition] = [:]
        for (key, item) in try array({ decoder in (try decoder.string(), try decoder.item()) }) {
            guard items.updateValue(item, forKey: key) == nil else { throw Damaged() }
        }
        let inputs = try array { decoder in
            InputData(id: try decoder.string(), name: try decoder.string(), typeRef: try decoder.optionalString(),
                      label: try decoder.optionalString(), location: try decoder.location())
        }
        let decisions = try array { try $0.decision() }
        let questionOrder = try array { try $0.string() }
        var model = DMNModel(name: name, namespaces: namespaces, files: files, itemDefinitions: items, inputs: inputs,
                             decisions: decisions)
        model.assumeQuestionOrder(questionOrder)
        return model
    }

    private mutating func item() throws -> ItemDefinition {
        let (name, typeRef, allowed) = (try string(), try optionalString(), try optionalUnaryTests())
        let (isCollection, components) = (try flag(), try array { try $0.item() })
        let functionItem = try optional { decoder in
            ItemDefinition.FunctionItem(parameters: try decoder.parameters(), outputTypeRef: try decoder.optionalString())
        }
        let typeConstraint = try optionalUnaryTests()
        var item = ItemDefinition(name: name, typeRef: typeRef, allowedValues: allowed, isCollection: isCollection,
                                  components: components, functionItem: functionItem, location: try location())
        item.typeConstraint = typeConstraint
        return item
    }

    private mutating func parameters() throws -> [(name: String, typeRef: String?)] {
        try array { decoder in (name: try decoder.string(), typeRef: try decoder.optionalString()) }
    }

    private mutating func references() throws -> [Reference] {
        try array { decoder in Reference(href: try decoder.string(), location: try decoder.location()) }
    }

    private mutating func decision() throws -> Decision {
        Decision(id: try string(), name: try string(), typeRef: try optionalString(), label: try optionalString(),
                 question: try optionalString(), requiredDecisions: try references(), requiredInputs: try references(),
                 requiredKnowledge: try references(), logic: try logic(), location: try location())
    }

    private mutating func logic() throws -> ExpressionLogic {
        switch reader.byte() {
        case 0: return .table(try table())
        case 1:
            return .literal(LiteralExpression(expression: try expression(), typeRef: try optionalString(),
                                              location: try location()))
        case 2:
            let inner = try logic()
            return .typed(inner, typeRef: try string())
        default: throw Damaged()
        }
    }

    private mutating func table() throws -> DecisionTable {
        let id = try optionalString()
        guard let policy = HitPolicy(attribute: try string(), aggregation: nil) else { throw Damaged() }
        let inputs = try array { decoder in
            DecisionTable.Input(id: try decoder.optionalString(), label: try decoder.optionalString(),
                                expression: try decoder.expression(), typeRef: try decoder.optionalString(),
                                inputValues: try decoder.optionalUnaryTests(), location: try decoder.location())
        }
        let outputs = try array { decoder in
            DecisionTable.Output(id: try decoder.optionalString(), name: try decoder.optionalString(),
                                 label: try decoder.optionalString(), typeRef: try decoder.optionalString(),
                                 outputValues: try decoder.optionalUnaryTests(),
                                 defaultOutputEntry: try decoder.optionalExpression(), location: try decoder.location())
        }
        let annotationNames = try array { try $0.string() }
        let rules = try array { decoder in
            DecisionTable.Rule(id: try decoder.optionalString(), row: try decoder.int(),
                               inputEntries: try decoder.array { try $0.unaryTests() },
                               outputEntries: try decoder.array { try $0.expression() },
                               annotationTexts: TextList(decoder.texts, numbers: try decoder.array { Int32(try $0.number()) }),
                               description: try decoder.optionalString(), location: try decoder.location())
        }
        return DecisionTable(id: id, hitPolicy: policy, inputs: inputs, outputs: outputs, annotationNames: annotationNames,
                             rules: rules, outputLabel: try optionalString(), location: try location())
    }
}
