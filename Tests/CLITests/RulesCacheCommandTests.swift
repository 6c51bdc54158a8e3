import Foundation
import Testing

/// The rules cache seen from outside: the same output with it, without it, and when its folder is unusable.
@Suite struct RulesCacheCommandTests {
    func assess(_ format: String, _ environment: [String: String]) throws -> CLI.Result {
        try CLI.run(["assess", "--answers", "Samples/home-blood-pressure-monitor.xml", "--no-input", "--format", format,
                     "--as-of", "2026-12-04", "--rules", "Rules"], environment: environment)
    }

    /// `StoredFigures.fileName`: the timeline's figures share the folder with the rules' entries.
    static let figuresFile = "timeline-figures.cache"

    static func isRulesEntry(_ name: String) -> Bool { name.hasSuffix(".cache") && name != figuresFile }

    @Test(arguments: ["json", "text"])
    func theOutputIsTheSameWithAndWithoutTheCache(_ format: String) throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let off = try assess(format, ["YAKUJI_CACHE": "off", "YAKUJI_CACHE_DIR": folder.path])
        #expect(off.status == 0)
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).isEmpty)
        let filling = try assess(format, ["YAKUJI_CACHE_DIR": folder.path])
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.filter(Self.isRulesEntry).count == 1)
        // Beside it, the timeline's figures for the plans this run estimated (StoredFigures).
        #expect(files.contains(Self.figuresFile))
        let reading = try assess(format, ["YAKUJI_CACHE_DIR": folder.path])
        for run in [filling, reading] {
            #expect(run.status == off.status)
            #expect(run.stdout == off.stdout)
            #expect(run.stderr == off.stderr)
        }
    }

    @Test func anUnusableCacheFolderChangesNothing() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: file)
        let off = try assess("json", ["YAKUJI_CACHE": "off"])
        let blocked = try assess("json", ["YAKUJI_CACHE_DIR": file.appendingPathComponent("cache").path])
        #expect(blocked.status == 0)
        #expect(blocked.stdout == off.stdout)
        #expect(blocked.stderr == off.stderr)
    }

    @Test func aDamagedEntryIsReplacedWithoutAWord() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try assess("json", ["YAKUJI_CACHE_DIR": folder.path])
        let entry = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.path).first(where: Self.isRulesEntry))
        let path = folder.appendingPathComponent(entry)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path.path)[.size] as? Int)
        try Data(repeating: 0x41, count: size / 2).write(to: path)
        let again = try assess("json", ["YAKUJI_CACHE_DIR": folder.path])
        #expect(again.status == 0)
        #expect(again.stdout == first.stdout)
        #expect(again.stderr == first.stderr)
        let rewritten = try #require(try FileManager.default.attributesOfItem(atPath: path.path)[.size] as? Int)
        #expect(rewritten == size)
    }
}
