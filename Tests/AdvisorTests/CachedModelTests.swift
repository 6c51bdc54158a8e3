import Foundation
import Testing
import XMLSupport
@testable import DecisionModel
@testable import Advisor
import TestScratch

/// The built model the rules cache keeps (`ModelEncoder`) reads back as the model the files build, field for field.
@Suite final class CachedModelTests {
    let scratch = TestScratch.path("cached-model").path

    deinit { try? FileManager.default.removeItem(atPath: scratch) }

    var cache: RulesCache { RulesCache(folder: scratch + "/cache") }

    /// Every stored property, recursively, private ones too (by reflection), with dictionaries and sets in a sorted
    /// order: a field the codec forgot or got wrong differs here, whatever its type. Strings are compared by their
    /// bytes (the dumps are), so a differently normalised text differs too.
    static func dump(_ value: Any, into out: inout String) {
        if let string = value as? String {
            out += "\"" + string + "\""
            return
        }
        // Annotations an entry keeps unread until asked for: compared as the strings they read as.
        if let texts = value as? TextList {
            dump(texts.strings, into: &out)
            return
        }
        let mirror = Mirror(reflecting: value)
        let type = String(describing: mirror.subjectType)
        // A table's compiled form, built on first use from the table's other fields (and an atomic, which reflection
        // cannot read): a fresh one in every model.
        // The question order the entry brings is compared with a fresh computation on its own (below).
        if type == "CompiledTableCache" || type == "Optional<QuestionOrderMemo>" {
            out += type
            return
        }
        switch mirror.displayStyle {
        case .dictionary?, .set?:
            let parts = mirror.children.map { child -> String in
                var part = ""
                dump(child.value, into: &part)
                return part
            }
            out += "{" + parts.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.joined(separator: ", ") + "}"
        case _ where mirror.children.isEmpty:
            out += type + "=" + String(describing: value)
        default:
            out += type + "("
            for child in mirror.children {
                out += (child.label ?? "_") + ": "
                dump(child.value, into: &out)
                out += ", "
            }
            out += ")"
        }
    }

    static func dump(_ model: DMNModel) -> [UInt8] {
        var out = ""
        dump(model, into: &out)
        return Array(out.utf8)
    }

    /// Nil when the dumps of `a` and `b` are the same bytes, else where they first differ (a whole dump is too long
    /// to read in a failure).
    static func difference(_ a: DMNModel, _ b: DMNModel) -> String? {
        let (first, second) = (dump(a), dump(b))
        guard first != second else { return nil }
        let at = zip(first, second).prefix { $0 == $1 }.count
        func around(_ bytes: [UInt8]) -> String { String(decoding: bytes[max(0, at - 200)..<min(bytes.count, at + 200)], as: UTF8.self) }
        return "at byte \(at):\n\(around(first))\n---\n\(around(second))"
    }

    /// The model from a second load (read from the entry) and the model built from the files.
    func models(_ rules: String) throws -> (cached: DMNModel, built: DMNModel) {
        let built = try RuleSet.load(directory: rules).model
        _ = try RuleSet.load(directory: rules, cache: cache)
        let key = try #require(RulesCacheKey(directory: rules, checksum: RuleSet.checksum(of: rules),
                                             maxFileBytes: RuleSet.defaultMaxFileBytes))
        let stored = try #require(cache.read(key)?.builtModel, "the entry holds the built model")
        #expect(try RuleSet.load(directory: rules, cache: cache).model.decisions.count == built.decisions.count)
        return (stored.model, built)
    }

    @Test func theBundledRulesComeBackFieldForField() throws {
        let (cached, built) = try models(Fixtures.bundledRules)
        #expect(Self.difference(cached, built) == nil)
        Self.expectTheQuestionOrderOf(cached, built)
        // The dump reaches the parsed FEEL and the source lines, not just the outline.
        let text = String(decoding: Self.dump(built), as: UTF8.self)
        #expect(text.contains("FEELNode(") && text.contains("line: "))
    }

    /// Constructs the bundled rules do not use: item definitions of every form, typed and literal logic, default
    /// outputs, input and output values, names with spaces, and both spellings of が.
    @Test func everyConstructItKeepsComesBackFieldForField() throws {
        let rules = scratch + "/rules"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.miniRules, toPath: rules)
        try Self.extraModel.write(toFile: rules + "/extra.dmn", atomically: true, encoding: .utf8)
        let (cached, built) = try models(rules)
        #expect(built.decisions.contains { $0.name == "typed table" })
        #expect(Self.difference(cached, built) == nil)
        Self.expectTheQuestionOrderOf(cached, built)
    }

    /// The entry brings the question order the files' model computes, and any edit of the model forgets it.
    static func expectTheQuestionOrderOf(_ cached: DMNModel, _ built: DMNModel) {
        #expect(built.knownQuestionOrder == nil)
        #expect(cached.knownQuestionOrder?.order == built.questionOrder(from: []))
        #expect(cached.questionOrder == built.questionOrder && !built.questionOrder.isEmpty)
        var edited = cached
        edited.inputs.reverse()
        #expect(edited.knownQuestionOrder == nil)
        edited.inputs.reverse()
        #expect(edited.questionOrder == built.questionOrder)
        var rewired = cached
        rewired.decisions[0].requiredInputs = []
        #expect(rewired.knownQuestionOrder == nil)
    }

    /// A model with a knowledge model announces names of its own scope: it is kept as element trees and still
    /// reads back the same.
    @Test func aModelWithScopesIsKeptAsTrees() throws {
        let rules = scratch + "/scoped"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.miniRules, toPath: rules)
        try Self.scopedModel.write(toFile: rules + "/scoped.dmn", atomically: true, encoding: .utf8)
        let built = try RuleSet.load(directory: rules).model
        _ = try RuleSet.load(directory: rules, cache: cache)
        let key = try #require(RulesCacheKey(directory: rules, checksum: RuleSet.checksum(of: rules),
                                             maxFileBytes: RuleSet.defaultMaxFileBytes))
        let stored = try #require(cache.read(key))
        #expect(stored.builtModel == nil && stored.dmnRoots.count == 2)
        #expect(Self.difference(try RuleSet.load(directory: rules, cache: cache).model, built) == nil)
    }

    static let extraModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" namespace="urn:test:extra" name="extra">
          <itemDefinition name="tShape" isCollection="true"><typeRef>string</typeRef>
            <typeConstraint><text>"round", "flat"</text></typeConstraint></itemDefinition>
          <itemDefinition name="tParcel">
            <itemComponent name="parcel weight"><typeRef>number</typeRef><allowedValues><text>[0..100]</text></allowedValues></itemComponent>
            <itemComponent name="label"><typeRef>string</typeRef></itemComponent>
          </itemDefinition>
          <itemDefinition name="tRule"><functionItem outputTypeRef="boolean"><parameters name="x" typeRef="number"/></functionItem></itemDefinition>
          <inputData id="i_parcel_weight" name="parcel weight" label="Weight"><variable name="parcel weight" typeRef="number"/></inputData>
          <decision id="d_heavy_parcel" name="heavy parcel" label="Heavy?">
            <question>Is the parcel heavy?</question>
            <variable name="heavy parcel" typeRef="boolean"/>
            <informationRequirement><requiredInput href="#i_parcel_weight"/></informationRequirement>
            <literalExpression typeRef="boolean"><text>parcel weight &gt; 20</text></literalExpression>
          </decision>
          <decision id="d_typed" name="typed table">
            <variable name="typed table" typeRef="string"/>
            <informationRequirement><requiredInput href="#i_parcel_weight"/></informationRequirement>
            <informationRequirement><requiredDecision href="#d_heavy_parcel"/></informationRequirement>
            <decisionTable id="t_typed" hitPolicy="COLLECT" aggregation="COUNT" typeRef="number" outputLabel="count">
              <input id="in1" label="weight"><inputExpression typeRef="number"><text>parcel weight</text></inputExpression>
                <inputValues><text>[0..100]</text></inputValues></input>
              <input id="in2"><inputExpression typeRef="boolean"><text>heavy parcel</text></inputExpression></input>
              <output id="out1" name="n" typeRef="string"><outputValues><text>"\u{304C}", "\u{304B}\u{3099}"</text></outputValues>
                <defaultOutputEntry><text>"\u{304B}\u{3099}"</text></defaultOutputEntry></output>
              <annotation name="why"/>
              <rule id="r1"><description>light ones</description><inputEntry><text>&lt; 10</text></inputEntry><inputEntry><text>-</text></inputEntry>
                <outputEntry><text>"\u{304C}"</text></outputEntry><annotationEntry><text> light </text></annotationEntry></rule>
              <rule><inputEntry><text>&gt;= 10</text></inputEntry><inputEntry><text>true</text></inputEntry>
                <outputEntry><text>"\u{304B}\u{3099}"</text></outputEntry><annotationEntry><text>heavy</text></annotationEntry></rule>
            </decisionTable>
          </decision>
        </definitions>
        """

    static let scopedModel = """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" namespace="urn:test:scoped" name="scoped">
          <businessKnowledgeModel id="k_double" name="double it">
            <encapsulatedLogic><formalParameter name="some number" typeRef="number"/>
              <literalExpression><text>some number * 2</text></literalExpression></encapsulatedLogic>
          </businessKnowledgeModel>
        </definitions>
        """
}
