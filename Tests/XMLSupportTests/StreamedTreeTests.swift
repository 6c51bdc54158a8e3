import Foundation
import Testing
import XMLSupport
import TestScratch

/// A file read without a schema is built from the parser's events, never as a libxml2 tree; it must come out
/// exactly as the tree would have (the tree is still built where a DOCTYPE is allowed, which is how it is reached
/// here): names, namespaces in scope, attributes, text, lines and the comments before the root.
@Suite struct StreamedTreeTests {
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    static func xmlFiles(in relative: String) -> [String] {
        let directory = (packageRoot as NSString).appendingPathComponent(relative)
        let names = (try? FileManager.default.subpathsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".dmn") }.sorted().map { (directory as NSString).appendingPathComponent($0) }
    }

    @Test(arguments: ["Rules", "Samples", "Tests/XMLSupportTests/Fixtures"])
    func everyFileStreamsAsItsTree(_ folder: String) throws {
        let files = Self.xmlFiles(in: folder).filter { !$0.hasSuffix("xxe.xml") && !$0.hasSuffix("billion-laughs.xml") && !$0.hasSuffix("malformed.xml") }
        #expect(!files.isEmpty)
        for file in files {
            let streamed = try XMLLoader().loadDocument(contentsOf: file)
            let tree = try XMLLoader(rejectDoctype: false).loadDocument(contentsOf: file)
            #expect(streamed == tree, "\(file)")
        }
    }

    @Test func escapesCDATACommentsAndNamespacesMatchTheTree() throws {
        let text = """
            <?xml version="1.0"?>
            <!-- first --><!-- second -->
            <r xmlns="urn:a" xmlns:b="urn:b" b:x="1 &amp; 2 &#38; 3 &lt; &#x3C;" y="tab&#9;new&#10;line">
              <b:c z="&quot;q&quot;">a &amp; b<![CDATA[ <raw> & ]]>c&#x4E2D;<!-- inside -->d</b:c>
              <e xmlns="urn:e"><f/></e>
            </r>
            """
        let streamed = try XMLLoader().loadDocument(bytes: Array(text.utf8), name: "t.xml")
        let tree = try XMLLoader(rejectDoctype: false).loadDocument(bytes: Array(text.utf8), name: "t.xml")
        #expect(streamed == tree)
        #expect(streamed.leadingComments == [" first ", " second "])
        #expect(streamed.root.attribute("x", namespace: "urn:b") == "1 & 2 & 3 < <")
        let c = try #require(streamed.root.children.first)
        #expect(c.text == "a & b <raw> & c中d")
        #expect(c.attribute("z") == "\"q\"")
        #expect(c.line == 4)
        #expect(streamed.root.children.last?.children.first?.namespace == "urn:e")
    }

    @Test func linesPastSixtyFiveThousandAreExact() throws {
        let text = "<r>" + String(repeating: "\n", count: 70_000) + "<deep/></r>"
        let root = try XMLLoader().load(string: text, name: "long.xml")
        #expect(root.children.first?.line == 70_001)
    }
}

/// `loadRoot` keeps the root element alone (what kind of file this is) yet reads the whole file for its errors.
@Suite struct RootOnlyLoadingTests {
    static func write(_ text: String) throws -> String {
        let path = TestScratch.path("root-only.xml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func keepsTheRootsNameNamespaceAndAttributesOnly() throws {
        let path = try Self.write("<?xml version=\"1.0\"?>\n<r xmlns=\"urn:a\" id=\"x\">text<c><d/></c></r>\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let root = try XMLLoader().loadRoot(contentsOf: path)
        #expect(root.name == "r")
        #expect(root.namespace == "urn:a")
        #expect(root.attribute("id") == "x")
        #expect(root.line == 2)
        #expect(root.children.isEmpty)
        #expect(root.text.isEmpty)
    }

    @Test func aFileBrokenAfterItsRootStillFails() throws {
        let path = try Self.write("<?xml version=\"1.0\"?>\n<r xmlns=\"urn:a\">\n<c>\n</r>\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: XMLLoadError.self) { try XMLLoader().loadRoot(contentsOf: path) }
        var full: [XMLDiagnostic] = [], rootOnly: [XMLDiagnostic] = []
        do { _ = try XMLLoader().load(contentsOf: path) } catch { full = error.diagnostics }
        do { _ = try XMLLoader().loadRoot(contentsOf: path) } catch { rootOnly = error.diagnostics }
        #expect(!full.isEmpty)
        #expect(rootOnly == full)
    }

    @Test func aDOCTYPEIsRefusedAsByLoad() throws {
        let path = try Self.write("<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY e \"x\">]>\n<r>&e;</r>\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var refused: [XMLDiagnostic] = []
        do { _ = try XMLLoader().loadRoot(contentsOf: path) } catch { refused = error.diagnostics }
        #expect(refused.count == 1)
        #expect(refused.first?.line == 2)
    }
}

/// Elements share their namespace, prefixes and file with their parent; changing them on one element is still
/// that element's own change.
@Suite struct SharedElementContextTests {
    @Test func settingAChildsNamespaceLeavesItsSiblingsAndParentAlone() throws {
        var root = try XMLLoader().load(string: "<r xmlns=\"urn:a\" xmlns:p=\"urn:p\"><c/><c/></r>", name: "s.xml")
        root.children[0].namespace = "urn:b"
        root.children[0].file = "other.xml"
        #expect(root.children[0].namespace == "urn:b")
        #expect(root.children[0].file == "other.xml")
        #expect(root.children[0].namespacesInScope["p"] == "urn:p")
        #expect(root.children[1].namespace == "urn:a")
        #expect(root.children[1].file == "s.xml")
        #expect(root.namespace == "urn:a")
        #expect(root.children[0] != root.children[1])
        root.children[0].namespace = "urn:a"
        root.children[0].file = "s.xml"
        #expect(root.children[0] == root.children[1])
    }

    @Test func aBuiltElementEqualsTheSameElementRead() throws {
        let read = try XMLLoader().load(string: "<r xmlns=\"urn:a\" k=\"v\">t</r>", name: "b.xml")
        let built = XMLElementNode(name: "r", namespace: "urn:a", attributes: [.init(name: "k", value: "v")], text: "t",
                                   namespacesInScope: ["": "urn:a"], file: "b.xml", line: 1)
        #expect(read == built)
    }
}
