import Foundation
import Testing

/// `dmn eval --service`: a decision service run from the command line.
@Suite struct DmnServiceCommandTests {
    static let model = """
    <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" namespace="urn:svc" name="svc">
      <inputData id="i_name" name="name"><variable name="name" typeRef="string"/></inputData>
      <inputData id="i_age" name="age"><variable name="age" typeRef="number"/></inputData>
      <decision id="d_greeting" name="greeting"><variable name="greeting" typeRef="string"/>
        <literalExpression><text>"Hello"</text></literalExpression></decision>
      <decision id="d_message" name="message"><variable name="message" typeRef="string"/>
        <informationRequirement><requiredDecision href="#d_greeting"/></informationRequirement>
        <informationRequirement><requiredInput href="#i_name"/></informationRequirement>
        <informationRequirement><requiredInput href="#i_age"/></informationRequirement>
        <literalExpression><text>greeting + ", " + name + " (" + string(age) + ")"</text></literalExpression></decision>
      <decision id="d_broken" name="broken"><variable name="broken"/>
        <literalExpression><text>1 +</text></literalExpression></decision>
      <decision id="d_uses_broken" name="uses broken"><variable name="uses broken"/>
        <informationRequirement><requiredDecision href="#d_broken"/></informationRequirement>
        <literalExpression><text>broken</text></literalExpression></decision>
      <decisionService id="s_greet" name="greet"><variable name="greet"/>
        <outputDecision href="#d_message"/><inputDecision href="#d_greeting"/>
        <inputData href="#i_name"/><inputData href="#i_age"/></decisionService>
      <decisionService id="s_bad" name="bad"><variable name="bad"/><outputDecision href="#d_uses_broken"/></decisionService>
    </definitions>
    """

    static func modelFile() throws -> String {
        let file = try CLI.temporaryDirectory().appendingPathComponent("services.dmn")
        try model.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test func aServiceRunsWithItsParametersAndAnInputDecisionIsGivenNotEvaluated() throws {
        let result = try CLI.run(["dmn", "eval", try Self.modelFile(), "--service", "greet",
                                  "--set", "name=Ann", "--set", "age=40", "--set", "greeting=\"Hi\""])
        // The broken decision outside the service neither shows nor fails the run.
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "greet: \"Hi, Ann (40)\"\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func jsonWithTraceGivesTheValueAndTheDecisionsTheServiceEvaluated() throws {
        let result = try CLI.run(["dmn", "eval", try Self.modelFile(), "--service", "greet", "--set", "name=Bo",
                                  "--set", "age=7", "--set", "greeting=\"Yo\"", "--format", "json", "--trace"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(json?["greet"] as? String == "Yo, Bo (7)")
        let decisions = json?["decisions"] as? [String: Any]
        #expect(decisions.map { Set($0.keys) } == ["message"])
    }

    @Test func aParameterIsTypedLikeTheInputItStandsFor() throws {
        let result = try CLI.run(["dmn", "eval", try Self.modelFile(), "--service", "greet", "--set", "age=forty"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("age=forty"))
        #expect(result.stderr.contains("a number"))
    }

    @Test func anUnknownServiceListsTheModelsServices() throws {
        let result = try CLI.run(["dmn", "eval", try Self.modelFile(), "--service", "greeting"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no decision service of that name"))
        #expect(result.stderr.contains("'greet', 'bad'"))
    }

    @Test func anUnknownParameterListsTheServicesParameters() throws {
        let result = try CLI.run(["dmn", "eval", try Self.modelFile(), "--service", "greet", "--set", "message=x"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("'message' is not a parameter of decision service 'greet'"))
        #expect(result.stderr.contains("'name', 'age', 'greeting'"))
    }

    @Test func aServiceThatNeedsADecisionThatDidNotLoadFailsWithItsLocation() throws {
        let file = try Self.modelFile()
        let result = try CLI.run(["dmn", "eval", file, "--service", "bad"])
        #expect(result.status == 2)
        #expect(result.stdout == "bad: null\n")
        #expect(result.stderr.contains("services.dmn:12"))
        #expect(result.stderr.contains("1 +"))
    }
}
