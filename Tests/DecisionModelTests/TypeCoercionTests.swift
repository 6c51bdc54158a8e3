import Testing
@testable import DecisionModel

/// Values bound to typed variables: DMN's conversions, and null (with the reason) for what does not conform.
@Suite struct TypeCoercionTests {
    static let model = try! DMNLoader().load(string: ModelLoadingTests.definitions("""
    <itemDefinition name="tNumbers" isCollection="true"><typeRef>number</typeRef></itemDefinition>
    <itemDefinition name="tPerson"><itemComponent name="name"><typeRef>string</typeRef></itemComponent>
      <itemComponent name="age"><typeRef>number</typeRef><allowedValues><text>[0..150]</text></allowedValues></itemComponent></itemDefinition>
    <itemDefinition name="tUnary"><functionItem outputTypeRef="string"><parameters name="x" typeRef="number"/></functionItem></itemDefinition>
    """), name: "types.dmn")

    @Test("typed value", arguments: [
        ("[5]", "number", "5"),
        ("5", "tNumbers", "[5]"),
        ("[1, 2]", "tNumbers", "[1, 2]"),
        ("[1, \"a\"]", "tNumbers", "null"),
        ("[1, 2]", "number", "null"),
        ("\"5\"", "number", "null"),
        ("{name: \"Ann\", age: 30, extra: true}", "tPerson", "{name: \"Ann\", age: 30, extra: true}"),
        ("{name: \"Ann\"}", "tPerson", "null"),
        ("{name: \"Ann\", age: 200}", "tPerson", "null"),
        ("date(\"2024-01-31\")", "date and time", "date and time(\"2024-01-31T00:00:00Z\")"),
        ("null", "tPerson", "null"),
    ])
    func coercion(value: String, type: String, expected: String) throws {
        let given = try FEELExpression(value).evaluate(FEELScope())
        let (coerced, problem) = Self.model.coerce(given, to: type)
        #expect(coerced == (try FEELExpression(expected).evaluate(FEELScope())))
        #expect((problem != nil) == (expected == "null" && value != "null"))
    }

    @Test func itemDefinitionsDenoteFEELTypes() {
        #expect(Self.model.feelType(of: "tNumbers") == .list(.number))
        #expect(Self.model.feelType(of: "tPerson") == .context([.init(name: "name", type: .string), .init(name: "age", type: .number)]))
        #expect(Self.model.feelType(of: "tUnary") == .function(parameters: [.number], result: .string))
        #expect(Self.model.feelType(of: "date and time") == .dateTime)
        #expect(Self.model.feelType(of: "tNowhere") == nil)
    }

    @Test func aFunctionTypeNeedsAFunctionAndItsOutputTypeIsTheResultType() {
        let function = FEELFunction(name: "f", parameters: ["x"]) { _ in "y" }
        #expect(Self.model.coerce(.function(function), to: "tUnary").problem == nil)
        #expect(Self.model.coerce(1, to: "tUnary").value == .null)
        #expect(Self.model.resultType(of: "tUnary") == "string")
        #expect(Self.model.baseType(of: "tUnary") == "function")
    }

    @Test func aTypeRefIsReadWithoutItsPrefix() {
        #expect(DMNModel.localTypeName("feel:string") == "string")
        #expect(DMNModel.localTypeName("ns:tPerson") == "tPerson")
        #expect(DMNModel.localTypeName("a:b:tLast") == "tLast")
        #expect(DMNModel.localTypeName("tAge") == "tAge")
        #expect(DMNModel.localTypeName("型:年齢") == "年齢")
        #expect(DMNModel.localTypeName("x:") == "")
    }
}
