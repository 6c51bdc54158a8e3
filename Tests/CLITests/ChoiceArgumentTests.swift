import Advisor
import ArgumentParser
import Testing
@testable import yakuji

/// The values an option of words lists in help, completions and errors are its raw values, as ArgumentParser's own
/// defaults list them, and none has a description of its own.
@Suite struct ChoiceArgumentTests {
    static func expect<T: ChoiceArgument>(_ type: T.Type) {
        #expect(T.allValueStrings == T.allCases.map(\.rawValue.defaultValueDescription))
        #expect(T.allCases.allSatisfy { $0.defaultValueDescription == $0.rawValue })
        #expect(T.allValueDescriptions.isEmpty)
    }

    @Test func everyChoiceListsItsRawValues() {
        Self.expect(ReportFormat.self)
        Self.expect(Language.self)
        Self.expect(EvalFormat.self)
        Self.expect(DiffFormat.self)
        Self.expect(GraphFormat.self)
        Self.expect(QuizTopic.self)
        Self.expect(CheckFormat.self)
        Self.expect(LagFormat.self)
        #expect(ReportFormat.allValueStrings == ["text", "json", "jsonl", "markdown", "html"])
    }
}
