import Foundation
import Testing
@testable import Advisor
import TestScratch

/// The checksum memo of the rules cache: a rule file whose bytes changed, or that came or went, or that can no longer
/// be read, is never taken for the one hashed. Most tests trust stamps of files written just now (a negative racy
/// margin), so that the memo is written at all; a change then waits out a tick of the file system's clock.
@Suite final class ChecksumMemoTests {
    let scratch = TestScratch.path("checksum-memo").path

    deinit { try? FileManager.default.removeItem(atPath: scratch) }

    var trusting: RulesCache {
        var cache = RulesCache(folder: scratch + "/cache")
        cache.racyMargin = -60_000_000_000
        return cache
    }

    /// The mini rules with a subfolder holding a file and an empty folder, and a link to a folder elsewhere:
    /// the list of files comes from each of them.
    func rulesCopy() throws -> String {
        let copy = scratch + "/rules"
        try FileManager.default.createDirectory(atPath: scratch + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.miniRules, toPath: copy)
        try FileManager.default.createDirectory(atPath: copy + "/data/empty", withIntermediateDirectories: true)
        try "a,b\n".write(toFile: copy + "/data/notes.csv", atomically: false, encoding: .utf8)
        try "c,d\n".write(toFile: scratch + "/elsewhere/linked.csv", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: copy + "/linked", withDestinationPath: scratch + "/elsewhere")
        return copy
    }

    func memos(_ cache: RulesCache) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache.folder)) ?? []).filter { $0.hasSuffix(ChecksumMemo.suffix) }
    }

    /// A folder whose checksum the memo holds, and that checksum.
    func remembered(_ cache: RulesCache) throws -> (rules: String, checksum: String) {
        let rules = try rulesCopy()
        let checksum = try #require(cache.checksumIfReadable(of: rules))
        #expect(checksum == RuleSet.checksum(of: rules))
        #expect(memos(cache).count == 1)
        // Past the coarsest clock tick a file's times are taken from, so that a change gets other times.
        Thread.sleep(forTimeInterval: 0.03)
        return (rules, checksum)
    }

    func loadMessage(_ rules: String, _ cache: RulesCache?) -> String {
        do { return "loaded " + (try RuleSet.load(directory: rules, cache: cache).checksum) } catch { return error.description }
    }

    /// The change to the folder is seen: the checksum is that of the files now, and loading gives what it gives
    /// without a cache.
    func expectSeen(_ rules: String, was checksum: String, _ cache: RulesCache, changed: Bool = true,
                    sourceLocation: SourceLocation = #_sourceLocation) {
        let now = cache.checksumIfReadable(of: rules)
        #expect(now == RuleSet.checksum(of: rules), sourceLocation: sourceLocation)
        if changed { #expect(now != checksum, sourceLocation: sourceLocation) }
        #expect(loadMessage(rules, cache) == loadMessage(rules, nil), sourceLocation: sourceLocation)
    }

    /// Sets the file's access and modification times to those of `info`.
    func restoreTimes(_ file: String, _ info: stat) {
        var times = [info.st_atim, info.st_mtim]
        #expect(utimensat(AT_FDCWD, file, &times, 0) == 0)
    }

    @Test func aFolderStillStampedAsHashedIsNotReadAgain() throws {
        let cache = trusting
        let (rules, checksum) = try remembered(cache)
        #expect(cache.checksumIfReadable(of: rules) == checksum)
        // The memo is what answers: one holding another checksum for the same stamps is believed.
        let key = try #require(cache.memoKey(directory: rules))
        var memo = try #require(cache.readFramed(at: cache.memoPath(key: key), magic: ChecksumMemo.magic, key: key, ChecksumMemo.decode))
        memo.checksum = "sha256:from-the-memo"
        #expect(cache.store(RulesCache.frame(memo.encode(), magic: ChecksumMemo.magic, key: key), at: cache.memoPath(key: key)))
        #expect(cache.checksumIfReadable(of: rules) == "sha256:from-the-memo")
    }

    @Test func aDamagedMemoIsHashedAgainAndRewritten() throws {
        let cache = trusting
        let (rules, checksum) = try remembered(cache)
        let path = cache.folder + "/" + memos(cache)[0]
        var bytes = try #require(RulesCache.contents(of: path))
        bytes[bytes.count - 3] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(cache.checksumIfReadable(of: rules) == checksum)
        #expect(RulesCache.contents(of: path) != bytes, "rewritten")
        #expect(try RuleSet.load(directory: rules, cache: cache).checksum == checksum)
    }

    @Test func freshFilesAreNotRemembered() throws {
        let rules = try rulesCopy()
        let cache = RulesCache(folder: scratch + "/cache")
        #expect(cache.checksumIfReadable(of: rules) == RuleSet.checksum(of: rules))
        #expect(memos(cache).isEmpty)
        _ = try RuleSet.load(directory: rules, cache: cache)
        #expect(memos(cache).isEmpty)
    }

    /// Same size, the modification time set back, and written in place (same inode) or replaced by a renamed copy:
    /// in place, only the status-change time tells.
    @Test(arguments: ["in place", "replaced"])
    func anEditThatKeepsSizeAndModificationTimeIsSeen(_ how: String) throws {
        let cache = trusting
        let (rules, checksum) = try remembered(cache)
        let file = rules + "/VERSION"
        var before = stat()
        #expect(stat(file, &before) == 0)
        var changed = [UInt8](try #require(FileManager.default.contents(atPath: file)))
        changed[0] ^= 0x01
        if how == "in place" {
            let handle = try #require(FileHandle(forWritingAtPath: file))
            try handle.write(contentsOf: Data(changed))
            try handle.close()
        } else {
            try Data(changed).write(to: URL(fileURLWithPath: file), options: .atomic)
        }
        restoreTimes(file, before)
        var after = stat()
        #expect(stat(file, &after) == 0)
        #expect(after.st_size == before.st_size && (after.st_ino == before.st_ino) == (how == "in place"))
        #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
        expectSeen(rules, was: checksum, cache)
    }

    @Test(arguments: ["added", "removed", "renamed", "added in a subfolder", "added in an empty folder", "folder added",
                      "subfolder removed", "added behind a link", "link retargeted"])
    func aFileThatComesOrGoesIsSeen(_ change: String) throws {
        let cache = trusting
        let (rules, checksum) = try remembered(cache)
        let manager = FileManager.default
        switch change {
        case "added": try "<x/>".write(toFile: rules + "/extra.xml", atomically: false, encoding: .utf8)
        case "removed": try manager.removeItem(atPath: rules + "/outcomes.xml")
        case "renamed": try manager.moveItem(atPath: rules + "/outcomes.xml", toPath: rules + "/outcomes2.xml")
        case "added in a subfolder": try "e,f\n".write(toFile: rules + "/data/more.csv", atomically: false, encoding: .utf8)
        case "added in an empty folder": try "e,f\n".write(toFile: rules + "/data/empty/more.csv", atomically: false, encoding: .utf8)
        case "folder added":
            try manager.createDirectory(atPath: rules + "/data/empty/new", withIntermediateDirectories: false)
            try "e,f\n".write(toFile: rules + "/data/empty/new/more.csv", atomically: false, encoding: .utf8)
        case "subfolder removed": try manager.removeItem(atPath: rules + "/data")
        case "added behind a link": try "e,f\n".write(toFile: scratch + "/elsewhere/more.csv", atomically: false, encoding: .utf8)
        default:
            try manager.copyItem(atPath: scratch + "/elsewhere", toPath: scratch + "/elsewhere2")
            try "g,h\n".write(toFile: scratch + "/elsewhere2/linked.csv", atomically: false, encoding: .utf8)
            try manager.removeItem(atPath: rules + "/linked")
            try manager.createSymbolicLink(atPath: rules + "/linked", withDestinationPath: scratch + "/elsewhere2")
        }
        // Whether files behind a link are rules is the listing's to say; the memo must only agree with it.
        expectSeen(rules, was: checksum, cache, changed: !["added behind a link", "link retargeted"].contains(change))
    }

    /// Root reads a file without read permission; a folder or a dangling link in its place is unreadable to all.
    @Test(arguments: ["no permission", "a folder", "a dangling link"])
    func aFileThatCannotBeReadIsNotTakenFromTheMemo(_ how: String) throws {
        let cache = trusting
        let (rules, _) = try remembered(cache)
        let file = rules + "/questions.xml"
        switch how {
        case "no permission": #expect(chmod(file, 0) == 0)
        case "a folder":
            try FileManager.default.removeItem(atPath: file)
            try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: false)
        default:
            try FileManager.default.removeItem(atPath: file)
            try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: rules + "/nowhere.xml")
        }
        defer { chmod(file, 0o644) }
        #expect(cache.checksumIfReadable(of: rules) == RuleSet.checksumIfReadable(of: rules))
        if how != "no permission" || geteuid() != 0 { #expect(cache.checksumIfReadable(of: rules) == nil) }
        #expect(loadMessage(rules, cache) == loadMessage(rules, nil))
    }

    @Test func aMemoIsOnlyForItsOwnFolder() throws {
        let cache = trusting
        let (rules, checksum) = try remembered(cache)
        let other = scratch + "/other"
        try FileManager.default.copyItem(atPath: rules, toPath: other)
        try "0.0.0-other\n".write(toFile: other + "/VERSION", atomically: true, encoding: .utf8)
        #expect(cache.checksumIfReadable(of: other) == RuleSet.checksum(of: other))
        #expect(cache.checksumIfReadable(of: rules) == checksum)
        #expect(memos(cache).count == 2)
    }

    @Test func memosRoundTripAndDamageIsRefused() throws {
        let memo = ChecksumMemo(folders: ["", "b"], folderStamps: [FileStamp(device: 9, inode: 9, size: 9, modified: 9, changed: 9),
                                FileStamp(device: 0, inode: 0, size: 0, modified: 0, changed: 0)], files: ["a.dmn", "b/c.xml"], stamps: [
            FileStamp(device: 1, inode: 2, size: 3, modified: 4, changed: -5),
            FileStamp(device: .max, inode: 7, size: 8, modified: .min, changed: .max)], checksum: "sha256:ab")
        let bytes = memo.encode()
        #expect(bytes.withUnsafeBytes(ChecksumMemo.decode) == memo)
        for length in 0..<bytes.count {
            #expect(Array(bytes.prefix(length)).withUnsafeBytes(ChecksumMemo.decode) == nil, "length \(length)")
        }
        #expect((bytes + [0]).withUnsafeBytes(ChecksumMemo.decode) == nil)
    }
}
