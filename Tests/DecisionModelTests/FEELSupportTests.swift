// Helpers shared by the FEEL*Tests suites (no tests of its own; named to sit with them).
import Foundation
import Testing
@testable import DecisionModel

/// Evaluates `text` as an expression; a syntax error fails the calling test.
func feel(_ text: String, _ bindings: [String: FEELValue] = [:], known: Set<String> = [],
          sourceLocation: Testing.SourceLocation = #_sourceLocation) -> FEELValue {
    do {
        return try FEELExpression(text, knownNames: known).evaluate(FEELScope(bindings))
    } catch {
        Issue.record("unexpected syntax error: \(error)", sourceLocation: sourceLocation)
        return .null
    }
}

/// Evaluates `text`, returning the value and the runtime problems.
func feelWithProblems(_ text: String, _ bindings: [String: FEELValue] = [:], known: Set<String> = [],
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) -> (FEELValue, [FEELError]) {
    do {
        var problems: [FEELError] = []
        let value = try FEELExpression(text, knownNames: known).evaluate(FEELScope(bindings), problems: &problems)
        return (value, problems)
    } catch {
        Issue.record("unexpected syntax error: \(error)", sourceLocation: sourceLocation)
        return (.null, [])
    }
}

/// The syntax error `text` raises, or nil.
func feelSyntaxError(_ text: String, known: Set<String> = []) -> FEELError? {
    do {
        _ = try FEELExpression(text, knownNames: known)
        return nil
    } catch {
        return error
    }
}

/// The syntax error unary tests `text` raise, or nil.
func feelUnaryTestsSyntaxError(_ text: String, known: Set<String> = []) -> FEELError? {
    do {
        _ = try FEELUnaryTests(text, knownNames: known)
        return nil
    } catch {
        return error
    }
}

/// Runs unary tests `text` against `input`; a syntax error fails the calling test.
func feelUnaryTest(_ text: String, _ input: FEELValue, _ bindings: [String: FEELValue] = [:], known: Set<String> = [],
               sourceLocation: Testing.SourceLocation = #_sourceLocation) -> FEELValue {
    do {
        return try FEELUnaryTests(text, knownNames: known).test(input, scope: FEELScope(bindings))
    } catch {
        Issue.record("unexpected syntax error: \(error)", sourceLocation: sourceLocation)
        return .null
    }
}

func feelNumber(_ text: String) -> FEELValue {
    .number(FEELNumber(text) ?? 0)
}

func feelDate(_ text: String) -> FEELValue {
    FEELDate(iso8601: text).map(FEELValue.date) ?? .null
}

func feelTime(_ text: String) -> FEELValue {
    FEELTime(iso8601: text).map(FEELValue.time) ?? .null
}

func feelDateTime(_ text: String) -> FEELValue {
    FEELDateTime(iso8601: text).map(FEELValue.dateTime) ?? .null
}

func feelDuration(_ text: String) -> FEELValue {
    FEELDuration(iso8601: text).map(FEELValue.duration) ?? .null
}

/// A value's FEEL literal text, for comparisons that should also check the exact form.
func feelText(_ value: FEELValue) -> String { value.description }
