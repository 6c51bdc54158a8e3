import Foundation
import XMLSupport

/// A rules folder's checksum with the stamp (`FileStamp`) each rule file had when it was hashed, kept in the cache
/// folder so that a run whose files all still have their stamps skips reading and hashing 2.7 MB (most of what a
/// warm cache left of loading the rules).
///
/// It must never give the checksum of other bytes. A file is trusted by its stamp only when its times were older
/// than the hashing by a margin (`RulesCache.racyMargin`), as git does for its index: a write within the timestamp
/// granularity of the hash could otherwise leave the stamp it was hashed with. Anything else (another program,
/// another folder, another list of files, a file that cannot be opened now, a damaged memo) means hashing the files.
///
/// The list of files is not made again either (listing the folder cost as much as the rest of the check): it is
/// the one remembered while every folder it was made from keeps its stamp, since adding, removing or renaming an
/// entry moves its folder's times.
struct ChecksumMemo: Equatable {
    static let magic = Array("YAKUJI-RULES-SUMS\n".utf8)
    static let suffix = ".sums"

    /// Relative to the rules folder; "" is the rules folder itself.
    var folders: [String]
    var folderStamps: [FileStamp]
    var files: [String]
    var stamps: [FileStamp]
    var checksum: String

    func encode() -> [UInt8] {
        var writer = ByteWriter()
        writer.string(checksum)
        Self.write(folders, folderStamps, into: &writer)
        Self.write(files, stamps, into: &writer)
        return writer.bytes
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> ChecksumMemo? {
        var reader = ByteReader(bytes)
        guard let checksum = reader.string(), let (folders, folderStamps) = read(&reader),
              let (files, stamps) = read(&reader), reader.remaining == 0 else { return nil }
        return ChecksumMemo(folders: folders, folderStamps: folderStamps, files: files, stamps: stamps, checksum: checksum)
    }

    private static func write(_ paths: [String], _ stamps: [FileStamp], into writer: inout ByteWriter) {
        writer.varint(paths.count)
        for (path, stamp) in zip(paths, stamps) {
            writer.string(path)
            for field in [stamp.device, stamp.inode, stamp.size, UInt64(bitPattern: stamp.modified), UInt64(bitPattern: stamp.changed)] {
                writer.uint64(field)
            }
        }
    }

    private static func read(_ reader: inout ByteReader) -> ([String], [FileStamp])? {
        // A path is at least its length and five 8-byte fields.
        guard let count = reader.count(itemBytes: 41) else { return nil }
        var paths: [String] = [], stamps: [FileStamp] = []
        for _ in 0..<count {
            guard let path = reader.string(), let device = reader.uint64(), let inode = reader.uint64(), let size = reader.uint64(),
                  let modified = reader.uint64(), let changed = reader.uint64() else { return nil }
            paths.append(path)
            stamps.append(FileStamp(device: device, inode: inode, size: size, modified: Int64(bitPattern: modified),
                                    changed: Int64(bitPattern: changed)))
        }
        return (paths, stamps)
    }
}

extension RulesCache {
    /// The checksum of a rules folder (see `RuleSet.checksum`), or nil when a rule file cannot be read: from the
    /// folder's memo when every rule file still has the stamp it was hashed with, else by hashing the files (and
    /// remembering the stamps when they are settled).
    func checksumIfReadable(of directory: String) -> String? {
        guard let key = memoKey(directory: directory) else { return RuleSet.checksumIfReadable(of: directory) }
        let path = memoPath(key: key)
        func stamp(_ relative: String) -> FileStamp? { FileStamp.ofReadableFile((directory as NSString).appendingPathComponent(relative)) }
        if let memo = readFramed(at: path, magic: ChecksumMemo.magic, key: key, ChecksumMemo.decode),
           zip(memo.folders, memo.folderStamps).allSatisfy({ FileStamp.ofFolder(directory, $0) == $1 }),
           zip(memo.files, memo.stamps).allSatisfy({ stamp($0) == $1 }) {
            return memo.checksum
        }
        let start = FileStamp.now()
        // Stamped before they are listed: an entry added meanwhile moves its folder's times past the stamp.
        let folders = RuleSet.ruleFolders(in: directory)
        let folderStamps = folders.map { FileStamp.ofFolder(directory, $0) }
        let files = RuleSet.ruleFiles(in: directory)
        let hashed = RuleSet.hashRuleFiles(in: directory, files: files)
        guard hashed.readable else { return nil }
        let folderStampsFound = folderStamps.compactMap { $0 }
        if folderStampsFound.count == folders.count,
           (hashed.stamps + folderStampsFound).allSatisfy({ $0.isSettled(before: start - racyMargin) }) {
            let memo = ChecksumMemo(folders: folders, folderStamps: folderStampsFound, files: files, stamps: hashed.stamps,
                                    checksum: hashed.checksum)
            if store(Self.frame(memo.encode(), magic: ChecksumMemo.magic, key: key), at: path) { prune() }
        }
        return hashed.checksum
    }

    /// What the memo of a folder is for: the folder as given, and the program (another build may list or hash the
    /// files otherwise); nil when the program cannot be identified.
    func memoKey(directory: String) -> String? {
        RulesCacheKey.programIdentity().map { "format \(Self.formatVersion)\nprogram \($0)\nrules \(directory)" }
    }

    /// One memo per rules folder and program, named by a hash of both.
    func memoPath(key: String) -> String {
        (folder as NSString).appendingPathComponent(Self.entryPrefix + RulesCacheKey(text: key).fileName + ChecksumMemo.suffix)
    }
}
