import Foundation
import Testing
import XMLSupport
import TestScratch

/// A file with a schema is validated while it streams, with no libxml2 tree; the tree (still built where a DOCTYPE
/// is allowed, which is how it is reached here) is the reference: the same elements for a valid file, the same
/// errors (kind, file, line, column, message) for any other.
@Suite struct StreamedValidationTests {
    static let rules = (StreamedTreeTests.packageRoot as NSString).appendingPathComponent("Rules")

    static func schema(_ name: String) throws -> XMLSchema {
        try XMLSchema(contentsOf: (rules as NSString).appendingPathComponent("schema/\(name)"))
    }

    /// What a load gives, comparable: the document, or the error's kind and diagnostics.
    enum Outcome: Equatable {
        case loaded(XMLParsedDocument)
        case failed(String, [XMLDiagnostic])
    }

    static func outcome(_ loader: XMLLoader, _ bytes: [UInt8], name: String) -> Outcome {
        do { return .loaded(try loader.loadDocument(bytes: bytes, name: name)) } catch {
            let kind: String
            switch error {
            case .malformed: kind = "malformed"
            case .forbidden: kind = "forbidden"
            case .invalid: kind = "invalid"
            case .badSchema: kind = "badSchema"
            }
            return .failed(kind, error.diagnostics)
        }
    }

    static func streamedAndTree(_ schema: XMLSchema, _ text: String, name: String = "t.xml") -> (Outcome, Outcome) {
        let bytes = Array(text.utf8)
        return (outcome(XMLLoader(schema: schema), bytes, name: name),
                outcome(XMLLoader(schema: schema, rejectDoctype: false), bytes, name: name))
    }

    @Test(arguments: ["questions", "outcomes", "glossary", "citations", "benchmarks", "preparation"])
    func everyRuleFileStreamsAsItsTree(_ name: String) throws {
        let schema = try Self.schema("\(name).xsd")
        let path = (Self.rules as NSString).appendingPathComponent("\(name).xml")
        let streamed = try XMLLoader(schema: schema).loadDocument(contentsOf: path)
        #expect(streamed == (try XMLLoader(schema: schema, rejectDoctype: false).loadDocument(contentsOf: path)))
    }

    @Test func everySampleAnswerFileStreamsAsItsTreeWithItsComments() throws {
        let schema = try Self.schema("answers.xsd")
        let files = StreamedTreeTests.xmlFiles(in: "Samples").filter { $0.hasSuffix(".xml") }
        #expect(files.count > 5)
        for file in files {
            let streamed = try XMLLoader(schema: schema).loadDocument(contentsOf: file)
            #expect(streamed == (try XMLLoader(schema: schema, rejectDoctype: false).loadDocument(contentsOf: file)), "\(file)")
            #expect(!streamed.leadingComments.isEmpty, "\(file)")
        }
    }

    /// Each of these is reported by libxml2 at another line while streaming (an end tag, or the end of the element
    /// that holds the key): the messages must still name each element's own line, as the tree's validator does.
    @Test func invalidFilesReportEachErrorAtItsElementsLine() throws {
        let schema = try Self.schema("preparation.xsd")
        let path = (Self.rules as NSString).appendingPathComponent("preparation.xml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        // A consultation of a kind nobody defines (a keyref, checked when the whole file has been read).
        let brokenRef = try #require(text.range(of: #"kind=""#))
        var broken = text
        broken.replaceSubrange(brokenRef, with: #"kind="no-such-kind-"#)
        let (streamed, tree) = Self.streamedAndTree(schema, broken, name: "preparation.xml")
        #expect(streamed == tree)
        guard case .failed("invalid", let diagnostics) = streamed else { Issue.record("expected invalid: \(streamed)"); return }
        let refLine = broken[..<brokenRef.lowerBound].filter(\.isNewline).count + 1
        #expect(diagnostics.contains { $0.line == refLine && $0.message.contains("no-such-kind-") })
    }

    @Test func missingChildrenBadValuesAndUnexpectedElementsMatchTheTree() throws {
        let schema = try XMLSchema(contentsOf: Fixture.path("shop.xsd"))
        let cases = [
            "<shop xmlns=\"urn:test:shop\" version=\"1\">\n</shop>",
            "<shop xmlns=\"urn:test:shop\" version=\"1\">\n<item price=\"x\">a</item>\n<item price=\"2\" kind=\"toy\">b</item>\n</shop>",
            "<shop xmlns=\"urn:test:shop\">\n<item price=\"1\">a</item>\n<other/>\n</shop>",
            "<shop xmlns=\"urn:test:other\" version=\"1\"/>",
            "<shop xmlns=\"urn:test:shop\" version=\"1\">\n<item price=\"1\"><b/></item>\n</shop>",
        ]
        for text in cases {
            let (streamed, tree) = Self.streamedAndTree(schema, text)
            #expect(streamed == tree, "\(text)")
            guard case .failed("invalid", let d) = streamed else { Issue.record("expected invalid: \(text)"); continue }
            #expect(!d.isEmpty)
        }
    }

    /// The validator sees elements before the parser reaches a later syntax error: only the syntax errors are told,
    /// as when the whole file had to parse before validation.
    @Test func aFileInvalidThenMalformedReportsOnlyItsSyntax() throws {
        let schema = try XMLSchema(contentsOf: Fixture.path("shop.xsd"))
        let text = "<shop xmlns=\"urn:test:shop\">\n<wrong/>\n<item price=\"1\">a</itm>\n</shop>"
        let (streamed, tree) = Self.streamedAndTree(schema, text)
        #expect(streamed == tree)
        guard case .failed("malformed", let d) = streamed else { Issue.record("expected malformed: \(streamed)"); return }
        #expect(d.allSatisfy { $0.line == 3 })
    }

    @Test func aDOCTYPEIsRefusedInAFileWithASchema() throws {
        let schema = try XMLSchema(contentsOf: Fixture.path("shop.xsd"))
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE shop [<!ENTITY e \"x\">]>\n<shop xmlns=\"urn:test:shop\" version=\"&e;\"/>"
        let outcome = Self.outcome(XMLLoader(schema: schema), Array(text.utf8), name: "d.xml")
        guard case .failed("forbidden", let d) = outcome else { Issue.record("expected forbidden: \(outcome)"); return }
        #expect(d.map(\.line) == [2])
    }

    /// Every one-line deletion and duplication of a rule file and of an answer file (keys, references, required
    /// children, malformed halves of a tag): the streamed load must end exactly as the tree's.
    @Test(arguments: [("preparation.xml", "preparation.xsd"), ("../Samples/home-blood-pressure-monitor.xml", "answers.xsd")])
    func everyOneLineEditEndsAsTheTreesDoes(_ file: String, _ xsd: String) throws {
        let schema = try Self.schema(xsd)
        let text = try String(contentsOfFile: (Self.rules as NSString).appendingPathComponent(file), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var invalid = 0
        for index in lines.indices {
            for edit in [lines[..<index] + lines[(index + 1)...], lines[...index] + lines[index...]] {
                let (streamed, tree) = Self.streamedAndTree(schema, edit.joined(separator: "\n"))
                #expect(streamed == tree, "line \(index + 1)")
                if case .failed("invalid", _) = tree { invalid += 1 }
            }
        }
        #expect(invalid > 10)
    }
}

/// The rule schemas' "not blank" patterns are written so that libxml2 never backtracks; each must accept exactly
/// the values of the plainer pattern it replaced.
@Suite struct NonBlankPatternTests {
    static func schema(_ pattern: String) throws -> XMLSchema {
        let path = TestScratch.path("pattern.xsd").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = """
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:element name="v"><xs:simpleType><xs:restriction base="xs:string">
                <xs:pattern value="\(pattern)"/>
              </xs:restriction></xs:simpleType></xs:element>
            </xs:schema>
            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try XMLSchema(contentsOf: path)
    }

    static let values = ["", " ", "\t", "\n", "\r\n", " \t\n ", "a", " a", "a ", "\ta\t", "\na", "a\n", "a\nb", " \n x \n ",
                         "日本", "　", " 　 ", "x\ry", "&#160;", "&#xD;", "&#xD;a", "a&#xA;", "&#9;&#9;z"]

    @Test(arguments: [(#"[\s\S]*\S[\s\S]*"#, #"\s*\S[\s\S]*"#), (#".*\S.*"#, #"[ \t]*\S.*"#)])
    func acceptsTheSameValues(_ plain: String, _ deterministic: String) throws {
        let old = try Self.schema(plain), new = try Self.schema(deterministic)
        var accepted = 0
        for value in Self.values {
            let bytes = Array("<v>\(value)</v>".utf8)
            let before = (try? XMLLoader(schema: old).load(bytes: bytes, name: "v.xml")) != nil
            let after = (try? XMLLoader(schema: new).load(bytes: bytes, name: "v.xml")) != nil
            #expect(before == after, "\(value.debugDescription)")
            if after { accepted += 1 }
        }
        #expect(accepted > 3 && accepted < Self.values.count)
    }

    @Test func theRuleSchemasUseTheDeterministicForms() throws {
        let folder = (StreamedValidationTests.rules as NSString).appendingPathComponent("schema")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name.hasSuffix(".xsd") {
            let text = try String(contentsOfFile: (folder as NSString).appendingPathComponent(name), encoding: .utf8)
            #expect(!text.contains(#"value="[\s\S]*\S[\s\S]*""#) && !text.contains(#"value=".*\S.*""#), "\(name)")
        }
    }
}
