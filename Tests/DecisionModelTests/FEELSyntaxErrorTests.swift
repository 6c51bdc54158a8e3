import Foundation
import Testing
@testable import DecisionModel

@Suite("FEEL syntax errors")
struct FEELSyntaxErrorTests {
    @Test("errors name the problem and its offset", arguments: [
        ("(1 + (2 * 3", 11, "expected ')' to close '(' opened at offset 5"),
        ("(1 + 2", 6, "expected ')' to close '(' opened at offset 0"),
        ("(1 + 2]", 6, "expected ')' to close '(' opened at offset 0 but found ']'"),
        ("1 + #", 4, "unexpected character '#'"),
        ("#", 0, "unexpected character '#'"),
        (#""abc"#, 0, "unterminated string"),
        (#"1 + "abc"#, 4, "unterminated string"),
        ("1 +", 3, "expected an expression but found end of text"),
        ("[1, 2", 5, "expected ']' to close '[' opened at offset 0"),
        ("{a: 1", 5, "expected '}' to close '{' opened at offset 0"),
        ("{a 1}", 3, "expected ':' after the context key 'a' but found number 1"),
        ("{1: 2}", 1, "expected a context key (a name or a string) but found number 1"),
        ("{a: 1, a: 2}", 7, "duplicate context key 'a'"),
        ("f(1, 2", 6, "expected ')' to close '(' opened at offset 1"),
        ("f(a: 1, 2)", 8, "cannot mix named and positional arguments"),
        ("if a then b", 11, "expected 'else' after 'then' branch of 'if' at offset 0 but found end of text"),
        ("if a else b", 5, "expected 'then' after the condition of 'if' at offset 0 but found 'else'"),
        ("1 2", 2, "unexpected number 2 after the end of the expression"),
        ("a b 1", 4, "unexpected number 1 after the end of the expression"),
        ("1 )", 2, "unexpected ')' without a matching opening bracket"),
        (")", 0, "expected an expression but found ')'"),
        ("1 +* 2", 3, "unexpected '*': expected an expression"),
        ("1 ++ 2", 3, "unexpected '+': a unary plus is not FEEL"),
        ("a = = b", 4, "unexpected '=': expected an expression"),
        ("x.", 2, "expected a name after '.' at offset 1 but found end of text"),
        ("x.1", 2, "expected a name after '.' at offset 1 but found number 1"),
        ("f().5", 4, "expected a name after '.' at offset 3 but found number 5"),
        (#""\u12""#, 1, "expected 4 hex digits in Unicode escape"),
        (#""\u12""#, 1, "expected 4 hex digits in Unicode escape"),
        (#""\U0000""#, 1, "expected 6 hex digits in Unicode escape"),
        (#""\U110000""#, 1, "invalid Unicode escape"),
        (#""\uD800""#, 1, "invalid Unicode escape"),
        (#"@"nope""#, 0, #"invalid temporal literal @"nope": expected a date, time, date and time or duration"#),
        ("@5", 0, "expected a string after '@'"),
        ("", 0, "expected an expression but the text is empty"),
        ("   ", 3, "expected an expression but the text is empty"),
        ("[1..5", 5, "expected ']', ')' or '[' to close the range opened at offset 0"),
        ("]1..5", 5, "expected ']', ')' or '[' to close the range opened at offset 0"),
        ("\u{201C}a\u{201D}", 0, "unexpected character '\u{201C}' (use straight quotes \")"),
        ("function(x, ) x", 12, "expected a parameter name but found ')'"),
        ("a instance of list<", 19, "expected a type but found end of text"),
        ("/* open", 0, "unterminated comment"),
        ("1e", 1, "unexpected 'e' after number 1"),
        ("5 in", 4, "expected an expression but found end of text"),
        ("x between 1", 11, "expected 'and' in 'between … and …' but found end of text"),
        ("for x [1] return x", 6, "expected 'in' after 'x' but found '['"),
        ("some x in [1] x > 1", 14, "expected 'satisfies' after the iteration contexts of 'some' but found name 'x'"),
        ("then", 0, "expected an expression but found keyword 'then'"),
        ("1 + \u{7}", 4, "unexpected character 'U+0007'"),
    ])
    func errors(source: String, offset: Int, message: String) throws {
        let error = try #require(feelSyntaxError(source))
        #expect(error.message == message)
        #expect(error.offset == offset)
        #expect(error.expression == source)
    }

    @Test("offsets count characters, not bytes or scalars")
    func characterOffsets() throws {
        let error = try #require(feelSyntaxError("\"e\u{301}\" + #"))
        #expect(error.offset == 6)
        let japanese = try #require(feelSyntaxError("\"薬機法\" + #"))
        #expect(japanese.offset == 8)
        let nested = try #require(feelSyntaxError("(\"日本\" + (1"))
        #expect(nested.message == "expected ')' to close '(' opened at offset 8")
        #expect(nested.offset == 10)
    }

    @Test("description has the message, offset, text and a caret")
    func description() throws {
        let error = try #require(feelSyntaxError("1 + #"))
        #expect(error.description == "unexpected character '#' at offset 4 in: 1 + #\n" + String(repeating: " ", count: 45) + "^")
        let multiline = FEELError(expression: "a\nb", offset: 2, message: "oops")
        #expect(multiline.description == "oops at offset 2 in: a\nb")
    }

    @Test("nesting deeper than the limit is an error, not a crash", arguments: [
        String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300),
        String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
        String(repeating: "-", count: 300) + "1",
        String(repeating: "not(", count: 300) + "true" + String(repeating: ")", count: 300),
        String(repeating: "{a: ", count: 300) + "1" + String(repeating: "}", count: 300),
        String(repeating: "if true then ", count: 300) + "1" + String(repeating: " else 2", count: 300),
        Array(repeating: "1", count: 600).joined(separator: " + "),
        Array(repeating: "x", count: 600).joined(separator: " and "),
        "x" + String(repeating: ".a", count: 600),
    ])
    func deepNesting(source: String) throws {
        let error = try #require(feelSyntaxError(source))
        #expect(error.message.hasPrefix("expression is too deeply nested"))
    }

    @Test("nesting within the limit works")
    func moderateNesting() {
        let source = String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100)
        #expect(feel(source) == 1)
        #expect(feel(Array(repeating: "1", count: 200).joined(separator: " + ")) == 200)
    }

    @Test("unary tests depth is limited too")
    func unaryTestsDepth() throws {
        let source = "not(" + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + ")"
        let error = try #require(feelUnaryTestsSyntaxError(source))
        #expect(error.message.hasPrefix("expression is too deeply nested"))
    }
}
