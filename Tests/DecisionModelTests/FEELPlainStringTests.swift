import Foundation
import Testing
@testable import DecisionModel

/// A text that is one string literal is read without the lexer and the parser (`FEELPlainString`): it must give
/// what they give, node for node, and fail where they fail, with the same message.
@Suite struct FEELPlainStringTests {
    /// Every `<text>` of the bundled rules and of the TCK models, unescaped.
    static var modelTexts: [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var texts: Set<String> = []
        for folder in [root.appendingPathComponent("Rules").path, TCKConformanceTests.tckFolder] {
            guard let files = FileManager.default.enumerator(atPath: folder) else { continue }
            while let file = files.nextObject() as? String {
                guard file.hasSuffix(".dmn"),
                      let xml = try? String(contentsOfFile: folder + "/" + file, encoding: .utf8) else { continue }
                for part in xml.components(separatedBy: "<text>").dropFirst() {
                    guard let end = part.range(of: "</text>") else { continue }
                    texts.insert(String(part[..<end.lowerBound]).replacingOccurrences(of: "&lt;", with: "<")
                        .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                        .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&amp;", with: "&"))
                }
            }
        }
        return texts.sorted()
    }

    /// Near misses: escapes, blanks and anything around the quotes, quotes inside, a combining mark after the
    /// opening quote (one Character with it, two scalars), invisible and control characters, unterminated texts.
    static let edgeTexts = [
        "\"\"", "\"abc\"", "\"が\"", "\"\u{304B}\u{3099}\"", "\"\u{301}x\"", "\"a\\\"b\"", "\"a\\nb\"", "\"a\\u0041\"",
        " \"abc\"", "\"abc\" ", "\"abc\"x", "x\"abc\"", "\"a\"\"b\"", "\"a\", \"b\"", "\"", "\"abc", "abc\"",
        "\"hu\u{200B}man\"", "\"\u{7}\"", "\"tab\there\"", "\"line\nbreak\"", "\"// not a comment\"", "\"\"\"",
        "\"-\"", "\"not()\"", "\"?\"", "\"\u{FEFF}\"", "\u{FEFF}\"a\"",
        // Lists: spacing, nulls, names that look like null, empty items, other separators.
        "\"a\",\"b\"", "\"a\", \"b\"", " \"a\" ,  \"b\" ", "\"が\",\"\u{304B}\u{3099}\", null", "null", " null ", "null,\"x\"",
        "nullable", "null x", "\"a\",nullx", "\"a\",", ",\"a\"", "\"a\",,\"b\"", "\"a\";\"b\"", "\"a\"\t,\"b\"", "\"a\",\n\"b\"",
        "\"a\" \"b\"", "\"a\",\"b\\\"\"", "\"\u{7F}\",null", "\"a\u{85}\"", "\"\u{AD}\", \"x\"", "\"\u{1F600}\", null", "\"a\",\"b", "\"a\",\"hu\u{200B}man\"", "nul", "NULL", "\"a\",-", "-", "",
        // Names: reserved words, digits first, paths, spaces, non-ASCII letters, a lone ?, names announced below.
        "usAuthorised", "_x", "x1", "x_", "X", "1x", "true", "false", "null", "not", "and", "instance", "function",
        "satisfies", "date", "?", "a.b", "a b", "é", "x?", "us", "usA", "change", "changed", "Monthly", "Monthly Salary",
    ]

    static func outcome<T>(_ parse: () throws(FEELError) -> T) -> String {
        do {
            var text = ""
            dump(try parse(), to: &text)
            return text
        } catch {
            return "error: \(error)"
        }
    }

    static let nameSets: [FEELNames] = [FEELNames([]), FEELNames(["Monthly Salary", "a b"]), FEELNames(["\"odd name", "x y"]),
                                        FEELNames(["null value"]), FEELNames([", odd"]), FEELNames(["us", "change", "usA b"])]

    @Test(arguments: [("model texts", modelTexts), ("edge texts", edgeTexts)])
    func readsAsTheParserReads(_ label: String, _ texts: [String]) {
        #expect(texts.count > (label == "model texts" ? 1_000 : 20))
        for names in Self.nameSets {
            for text in texts {
                #expect(Self.outcome { () throws(FEELError) in try FEELExpression(text, names: names) }
                        == Self.outcome { () throws(FEELError) in try FEELExpression(parsing: text, names: names) }, "\(text)")
                #expect(Self.outcome { () throws(FEELError) in try FEELUnaryTests(text, names: names) }
                        == Self.outcome { () throws(FEELError) in try FEELUnaryTests(parsing: text, names: names) }, "\(text)")
            }
        }
    }

    @Test func takesOnlyALoneLiteral() {
        let none = FEELNames([])
        func value(_ text: String, _ names: FEELNames = none) -> String? { FEELPlainString.read(text, names: names)?.value }
        #expect(value("\"abc\"") == "abc")
        #expect(value("\"\u{304B}\u{3099}\"")?.unicodeScalars.count == 2)
        #expect(value("\"a\\nb\"") == nil)
        #expect(value(" \"abc\"") == nil)
        #expect(value("\"") == nil)
        #expect(value("\"abc\"", FEELNames(["\"odd name"])) == nil)
        #expect(FEELPlainString.listedItems("\"が\", null", names: none)?.items.map(\.offset) == [0, 5])
        #expect(FEELPlainString.listedItems("\"a\", null", names: FEELNames(["null value"])) == nil)
        #expect(FEELPlainString.listedItems("nullable", names: none) == nil)
        #expect(FEELPlainString.name("usAuthorised") == "usAuthorised")
        #expect(FEELPlainString.name("in") == nil && FEELPlainString.name("9a") == nil && FEELPlainString.name("a.b") == nil)
    }
}
