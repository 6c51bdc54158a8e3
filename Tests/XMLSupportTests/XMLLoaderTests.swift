import Testing
@testable import XMLSupport

enum Fixture {
    static func path(_ name: String, file: String = #filePath) -> String {
        var parts = file.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast()
        return (parts + ["Fixtures", Substring(name)]).joined(separator: "/")
    }
}

@Suite struct XMLLoaderTests {
    @Test func readsElementsAttributesTextAndNamespaces() throws {
        let root = try XMLLoader().load(contentsOf: Fixture.path("shop-valid.xml"))
        #expect(root.name == "shop")
        #expect(root.namespace == "urn:test:shop")
        #expect(root.attribute("version") == "1")
        #expect(root.namespacesInScope["x"] == "urn:test:extra")
        let items = root.children(named: "item")
        #expect(items.count == 2)
        #expect(items[0].text == "bread & butter")
        #expect(items[1].text == "薬事ハンマー")
        #expect(items[1].line == 4)
        #expect(items[0].attribute("price") == "1.5")
        #expect(root.resolveQName("x:thing") == ("urn:test:extra", "thing"))
    }

    @Test func malformedFileReportsTheRightLineAndColumn() {
        do {
            _ = try XMLLoader().load(contentsOf: Fixture.path("malformed.xml"))
            Issue.record("a malformed file must not load")
        } catch {
            guard case .malformed(let diagnostics) = error else { Issue.record("wrong error \(error)"); return }
            let first = diagnostics.first
            #expect(first != nil)
            #expect(first?.line == 4)
            #expect((first?.column ?? 0) > 0)
            #expect(first?.file.hasSuffix("malformed.xml") == true)
            #expect(first?.message.contains("mismatch") == true)
            #expect(first?.description.contains("malformed.xml:4:") == true)
        }
    }

    @Test func missingFileIsAnErrorNamingTheFile() {
        #expect(throws: XMLLoadError.self) { try XMLLoader().load(contentsOf: "/nonexistent/yakuji.xml") }
        do { _ = try XMLLoader().load(contentsOf: "/nonexistent/yakuji.xml") } catch {
            #expect(error.diagnostics.first?.file == "/nonexistent/yakuji.xml")
        }
    }

    @Test func doctypeIsRefusedByDefault() {
        do {
            _ = try XMLLoader().load(contentsOf: Fixture.path("xxe.xml"))
            Issue.record("a DOCTYPE must be refused")
        } catch {
            guard case .forbidden(let d) = error else { Issue.record("wrong error \(error)"); return }
            #expect(d.first?.message.contains("DOCTYPE") == true)
        }
    }

    @Test func externalEntitiesAreNeverRead() throws {
        // With the DOCTYPE allowed, libxml2's own options must still keep the file unread.
        let root = try XMLLoader(rejectDoctype: false).load(contentsOf: Fixture.path("xxe.xml"))
        #expect(root.child(named: "secret")?.trimmedText == "")
        #expect(root.child(named: "remote")?.trimmedText == "")
    }

    @Test func billionLaughsIsRefusedOrHarmless() {
        do {
            let root = try XMLLoader(rejectDoctype: false).load(contentsOf: Fixture.path("billion-laughs.xml"))
            let total = root.descendants().reduce(0) { $0 + $1.text.count } + (root.attribute("a")?.count ?? 0)
            #expect(total < 1_000)
        } catch {
            #expect(!error.diagnostics.isEmpty)
        }
    }

    @Test func schemaViolationsAreAllReportedWithLines() throws {
        let schema = try XMLSchema(contentsOf: Fixture.path("shop.xsd"))
        do {
            _ = try XMLLoader(schema: schema).load(contentsOf: Fixture.path("shop-invalid.xml"))
            Issue.record("an invalid file must not load")
        } catch {
            guard case .invalid(let d) = error else { Issue.record("wrong error \(error)"); return }
            let lines = Set(d.map(\.line))
            #expect(lines.isSuperset(of: [2, 4, 5, 6]))
            #expect(d.contains { $0.message.contains("version") })
            #expect(d.contains { $0.message.contains("cheap") })
        }
    }

    @Test func validFileValidates() throws {
        let schema = try XMLSchema(contentsOf: Fixture.path("shop.xsd"))
        let root = try XMLLoader(schema: schema).load(contentsOf: Fixture.path("shop-valid.xml"))
        #expect(root.children.count == 2)
    }

    @Test func brokenSchemaIsABadSchemaError() {
        #expect(throws: XMLLoadError.self) { try XMLSchema(contentsOf: Fixture.path("malformed.xml")) }
    }

    @Test func bytesParseWithTheGivenName() throws {
        let root = try XMLLoader().load(string: "<a><b x='1'/></a>", name: "memory.xml")
        #expect(root.child(named: "b")?.attribute("x") == "1")
        do { _ = try XMLLoader().load(string: "<a>\n<b></a>", name: "memory.xml") } catch {
            #expect(error.diagnostics.first?.file == "memory.xml")
            #expect(error.diagnostics.first?.line == 2)
        }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        #expect(throws: XMLLoadError.self) { try XMLLoader().load(string: deep, name: "deep.xml") }
    }

    @Test func concurrentLoadsShareOneSchema() async throws {
        let loader = XMLLoader(schema: try XMLSchema(contentsOf: Fixture.path("shop.xsd")))
        let path = Fixture.path("shop-valid.xml")
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<16 { group.addTask { (try? loader.load(contentsOf: path))?.children.count ?? -1 } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 2, count: 16))
    }
}
