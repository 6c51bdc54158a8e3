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
struct ChecksumMemo: Equatable {
    static let magic = Array("YAKUJI-RULES-SUMS\n".utf8)
    static let suffix = ".sums"

    var files: [String]
    var stamps: [FileStamp]
    var checksum: String

    func encode() -> [UInt8] {
        var writer = ByteWriter()
        writer.string(checksum)
        writer.varint(files.count)
        for (file, stamp) in zip(files, stamps) {
            writer.string(file)
            for field in [stamp.device, stamp.inode, stamp.size, UInt64(bitPattern: stamp.modified), UInt64(bitPattern: stamp.changed)] {
                writer.uint64(field)
            }
        }
        return writer.bytes
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) -> ChecksumMemo? {
        var reader = ByteReader(bytes)
        // A file is at least its name's length and five 8-byte fields.
        guard let checksum = reader.string(), let count = reader.count(itemBytes: 41) else { return nil }
        var memo = ChecksumMemo(files: [], stamps: [], checksum: checksum)
        for _ in 0..<count {
            guard let file = reader.string(), let device = reader.uint64(), let inode = reader.uint64(), let size = reader.uint64(),
                  let modified = reader.uint64(), let changed = reader.uint64() else { return nil }
            memo.files.append(file)
            memo.stamps.append(FileStamp(device: device, inode: inode, size: size, modified: Int64(bitPattern: modified),
                                         changed: Int64(bitPattern: changed)))
        }
        return reader.remaining == 0 ? memo : nil
    }
}

extension RulesCache {
    /// The checksum of a rules folder (see `RuleSet.checksum`), or nil when a rule file cannot be read: from the
    /// folder's memo when every rule file still has the stamp it was hashed with, else by hashing the files (and
    /// remembering the stamps when they are settled).
    func checksumIfReadable(of directory: String) -> String? {
        guard let key = memoKey(directory: directory) else { return RuleSet.checksumIfReadable(of: directory) }
        let path = memoPath(key: key)
        let files = RuleSet.ruleFiles(in: directory)
        if let memo = readFramed(at: path, magic: ChecksumMemo.magic, key: key, ChecksumMemo.decode), memo.files == files,
           zip(files, memo.stamps).allSatisfy({ FileStamp.ofReadableFile((directory as NSString).appendingPathComponent($0)) == $1 }) {
            return memo.checksum
        }
        let start = FileStamp.now()
        let hashed = RuleSet.hashRuleFiles(in: directory, files: files)
        guard hashed.readable else { return nil }
        if hashed.stamps.allSatisfy({ $0.isSettled(before: start - racyMargin) }) {
            let memo = ChecksumMemo(files: files, stamps: hashed.stamps, checksum: hashed.checksum)
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
