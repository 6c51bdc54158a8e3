import Foundation
import Testing

/// `dmn eval` of a model that imports others: an imported model's inputs are set as `import.input`, through
/// nested imports too, and typed by the imported model.
@Suite struct DmnImportCommandTests {
    static let ns = "https://www.omg.org/spec/DMN/20230324/MODEL/"

    static func folder() throws -> URL {
        let dir = try CLI.temporaryDirectory()
        let files = [
            "base.dmn": """
            <definitions xmlns="\(ns)" namespace="urn:base" name="base">
              <inputData id="i_who" name="who"><variable name="who" typeRef="string"/></inputData>
              <inputData id="i_times" name="times"><variable name="times" typeRef="number"/></inputData>
              <decision id="d_hello" name="Say hello"><variable name="Say hello" typeRef="string"/>
                <informationRequirement><requiredInput href="#i_who"/></informationRequirement>
                <informationRequirement><requiredInput href="#i_times"/></informationRequirement>
                <literalExpression><text>"Hello, " + who + " ×" + string(times)</text></literalExpression></decision>
            </definitions>
            """,
            "middle.dmn": """
            <definitions xmlns="\(ns)" namespace="urn:middle" name="middle">
              <import namespace="urn:base" name="base model" importType="\(ns)"/>
              <decision id="d_twice" name="twice"><variable name="twice" typeRef="string"/>
                <informationRequirement><requiredDecision href="urn:base#d_hello"/></informationRequirement>
                <literalExpression><text>base model.Say hello + "!"</text></literalExpression></decision>
            </definitions>
            """,
            "top.dmn": """
            <definitions xmlns="\(ns)" namespace="urn:top" name="top">
              <import namespace="urn:middle" name="mid" importType="\(ns)"/>
              <inputData id="i_mark" name="mark"><variable name="mark" typeRef="string"/></inputData>
              <decision id="d_top" name="top"><variable name="top" typeRef="string"/>
                <informationRequirement><requiredInput href="#i_mark"/></informationRequirement>
                <informationRequirement><requiredDecision href="urn:middle#d_twice"/></informationRequirement>
                <literalExpression><text>mid.twice + mark</text></literalExpression></decision>
            </definitions>
            """,
        ]
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func inputsOfNestedImportsAreSetThroughTheImportNames() throws {
        let top = try Self.folder().appendingPathComponent("top.dmn").path
        let result = try CLI.run(["dmn", "eval", top, "--set", "mark=?", "--set", "mid.base model.who=Ann",
                                  "--set", "mid.base model.times=2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "top: \"Hello, Ann ×2!?\"\n")
    }

    @Test func anImportedInputIsTypedByItsOwnModel() throws {
        let top = try Self.folder().appendingPathComponent("top.dmn").path
        let result = try CLI.run(["dmn", "eval", top, "--set", "mid.base model.times=twice"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("mid.base model.times=twice"))
        #expect(result.stderr.contains("a number"))
    }

    @Test func aNameNoImportLeadsToIsAnUnknownInput() throws {
        let top = try Self.folder().appendingPathComponent("top.dmn").path
        let result = try CLI.run(["dmn", "eval", top, "--set", "mid.who=Ann"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown input 'mid.who'"))
    }
}
