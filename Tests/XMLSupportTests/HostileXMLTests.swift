import Testing
@testable import XMLSupport

/// Messages for hostile files: once, at the right line, in plain words (issue 14 items 4 and 9).
@Suite struct HostileXMLTests {
    @Test func doctypeIsReportedAtItsOwnLine() {
        let text = "<?xml version=\"1.0\"?>\n<!-- header -->\n\n<!DOCTYPE a [\n<!ENTITY x \"y\">\n]>\n<a>&x;</a>\n"
        do {
            _ = try XMLLoader().load(string: text, name: "doctype.xml")
            Issue.record("a DOCTYPE must be refused")
        } catch {
            guard case .forbidden(let d) = error else { Issue.record("wrong error \(error)"); return }
            #expect(d.count == 1)
            #expect(d.first?.line == 4)
        }
    }

    @Test func billionLaughsIsReportedOnce() {
        for loader in [XMLLoader(), XMLLoader(rejectDoctype: false)] {
            do {
                _ = try loader.load(contentsOf: Fixture.path("billion-laughs.xml"))
            } catch {
                #expect(error.diagnostics.count == 1, "\(error)")
            }
        }
    }

    @Test func deepNestingNamesTheLimit() {
        let deep = String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
        do {
            _ = try XMLLoader().load(string: deep, name: "deep.xml")
            Issue.record("300 levels must be refused")
        } catch {
            #expect(error.diagnostics.first?.message == "elements are nested deeper than 256 levels, the limit for these files")
            #expect(error.diagnostics.count == 1)
        }
    }

    @Test func aFileLargerThanTheLimitIsRefusedBeforeParsing() {
        let big = "<a>" + String(repeating: "x", count: 5_000) + "</a>"
        do {
            _ = try XMLLoader(maxBytes: 4_096).load(string: big, name: "big.xml")
            Issue.record("a file over the limit must be refused")
        } catch {
            #expect(error.description == "big.xml: fatal: the file is 4.8 KB, more than the 4 KB limit for this kind of file")
        }
        #expect(throws: Never.self) { try XMLLoader(maxBytes: 8_192).load(string: big, name: "big.xml") }
    }

    @Test func aFolderIsNotAFile() {
        do {
            _ = try XMLLoader().load(contentsOf: "/tmp")
            Issue.record("a folder must be refused")
        } catch {
            #expect(error.description.contains("is a folder, expected a file"))
        }
    }
}
