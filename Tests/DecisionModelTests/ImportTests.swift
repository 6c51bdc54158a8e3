import Foundation
import Testing
@testable import DecisionModel
import TestScratch

/// Models importing other models by namespace: `import.element` names, types, knowledge and decisions.
@Suite struct ImportTests {
    static let base = """
    <?xml version="1.0"?>
    <definitions xmlns="\(DMN.ns)" namespace="urn:base" name="base" id="base">
      <itemDefinition name="tPerson"><itemComponent name="name"><typeRef>string</typeRef></itemComponent>
        <itemComponent name="age"><typeRef>number</typeRef></itemComponent></itemDefinition>
      <inputData id="i_who" name="who"><variable name="who" typeRef="string"/></inputData>
      <decision id="d_hello" name="Say hello"><variable name="Say hello" typeRef="string"/>
        <informationRequirement><requiredInput href="#i_who"/></informationRequirement>
        \(BoxedExpressionTests.literal("\"Hello, \" + who"))</decision>
      <businessKnowledgeModel id="b_greet" name="greet person"><variable name="greet person"/><encapsulatedLogic>
        <formalParameter name="p" typeRef="tPerson"/>\(BoxedExpressionTests.literal("\"Hi \" + p.name"))</encapsulatedLogic></businessKnowledgeModel>
    </definitions>
    """

    static let main = """
    <?xml version="1.0"?>
    <definitions xmlns="\(DMN.ns)" namespace="urn:main" name="main" id="main">
      <import namespace="urn:base" name="base model" importType="\(DMN.ns)"/>
      <inputData id="i_p" name="person"><variable name="person" typeRef="base model.tPerson"/></inputData>
      <decision id="d_all" name="all"><variable name="all" typeRef="string"/>
        <informationRequirement><requiredInput href="#i_p"/></informationRequirement>
        <informationRequirement><requiredDecision href="urn:base#d_hello"/></informationRequirement>
        <knowledgeRequirement><requiredKnowledge href="urn:base#b_greet"/></knowledgeRequirement>
        \(BoxedExpressionTests.literal("base model.Say hello + \"; \" + base model.greet person(person)"))</decision>
    </definitions>
    """

    static func folder(_ files: [String: String]) throws -> String {
        let dir = TestScratch.path("import")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir.path
    }

    @Test func importedDecisionsKnowledgeAndTypesAreNamedThroughTheImport() throws {
        let dir = try Self.folder(["main.dmn": Self.main, "base.dmn": Self.base])
        let model = try DMNLoader().load(file: dir + "/main.dmn")
        #expect(model.imports.map(\.name) == ["base model"])
        let person = FEELValue.context(FEELContext([("name", "Ann"), ("age", num(30))]))
        let result = DMNEvaluator(model: model).evaluate(["person": person], importedInputs: ["urn:base": ["who": "Bo"]], only: nil)
        #expect(result.values["all"] == "Hello, Bo; Hi Ann")
        // The imported type applies: a person without an age is not a base model.tPerson.
        let partial = DMNEvaluator(model: model).evaluate(["person": .context(FEELContext([("name", "Ann")]))])
        #expect(partial.problems.contains { $0.element == "person" && $0.message.contains("age is missing") })
    }

    @Test func aMissingImportRejectsAStrictLoadAndFailsOnlyItsUsersInAPartialOne() throws {
        let extra = "<decision id=\"d_own\" name=\"own\"><variable name=\"own\"/>\(BoxedExpressionTests.literal("1"))</decision></definitions>"
        let dir = try Self.folder(["main.dmn": Self.main.replacingOccurrences(of: "</definitions>", with: extra)])
        #expect(throws: DMNLoadError.self) { try DMNLoader().load(file: dir + "/main.dmn") }
        let model = try DMNLoader(mode: .partial).load(file: dir + "/main.dmn")
        let result = DMNEvaluator(model: model).evaluate([:])
        #expect(result.values["own"] == num(1))
        #expect(result.values["all"] == .null)
    }

    @Test func modelsImportingEachOtherAreAnErrorNotAHang() throws {
        let a = "<definitions xmlns=\"\(DMN.ns)\" namespace=\"urn:a\" name=\"a\"><import namespace=\"urn:b\" name=\"b\" importType=\"\(DMN.ns)\"/></definitions>"
        let b = "<definitions xmlns=\"\(DMN.ns)\" namespace=\"urn:b\" name=\"b\"><import namespace=\"urn:a\" name=\"a\" importType=\"\(DMN.ns)\"/></definitions>"
        let dir = try Self.folder(["a.dmn": a, "b.dmn": b])
        var problems: [DMNProblem] = []
        do { _ = try DMNLoader().load(file: dir + "/a.dmn") } catch { problems = error.problems }
        #expect(problems.contains { $0.message.contains("import each other") && $0.line == 1 })
    }

    @Test func importingAFileLoadedInTheSameModelIsAnErrorAtTheImport() throws {
        let main = Self.main.replacingOccurrences(of: "urn:base#", with: "#")
        let dir = try Self.folder(["main.dmn": main, "base.dmn": Self.base])
        var problems: [DMNProblem] = []
        do { _ = try DMNLoader().load(path: dir) } catch { problems = error.problems }
        let problem = problems.first { $0.message.contains("loaded with this file as one model") }
        #expect(problem?.file == dir + "/main.dmn")
        #expect(problem?.line == 3)
        #expect(problem?.message.contains("base.dmn") == true)
    }
}
