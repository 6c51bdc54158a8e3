import Foundation
import XMLSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder of rule sets already parsed and validated by earlier runs (`RuleDocuments` in binary form), so that a
/// new process skips libxml2: parsing and validating the rules was over half of a cold `assess`.
///
/// Nothing here may change what a run prints: every failure to find, read, decode or write an entry means the rules
/// are read from their files as without a cache, silently. An entry is found by a key that changes with anything
/// the parsed documents depend on (`RulesCacheKey`), and is checked against that key, its length and a hash of its
/// bytes before use.
public struct RulesCache: Sendable {
    public let folder: String
    /// Entries kept; older ones (by last use) are deleted when a new one is written.
    public var keep = 8
    /// How much older than their hashing (in nanoseconds) rule files must be for the checksum memo to trust their
    /// stamps: more than the coarsest timestamps a file system keeps (FAT's two seconds).
    public var racyMargin: Int64 = 3_000_000_000

    /// Bumped whenever the layout of an entry, or of what it holds, changes (4: the stripped sources; 5: the model's
    /// string table as lengths, then bytes).
    static let formatVersion = 5
    static let magic = Array("YAKUJI-RULES-CACHE\n".utf8)
    static let entryPrefix = "rules-"
    static let entrySuffix = ".cache"
    static let temporaryPrefix = ".rules-"

    public init(folder: String) { self.folder = folder }

    /// The cache of the environment: `YAKUJI_CACHE=off` disables it; it lives in `$YAKUJI_CACHE_DIR`, else
    /// `$XDG_CACHE_HOME/yakuji`, else `~/.cache/yakuji`. Nil when disabled or there is no home to put it in.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> RulesCache? {
        if let setting = environment["YAKUJI_CACHE"]?.lowercased(), ["off", "0", "false", "no"].contains(setting) { return nil }
        if let folder = environment["YAKUJI_CACHE_DIR"], !folder.isEmpty { return RulesCache(folder: folder) }
        // The XDG base-directory specification ignores a relative path.
        if let base = environment["XDG_CACHE_HOME"], base.hasPrefix("/") {
            return RulesCache(folder: (base as NSString).appendingPathComponent("yakuji"))
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return RulesCache(folder: (home as NSString).appendingPathComponent(".cache/yakuji"))
    }

    func path(for key: RulesCacheKey) -> String {
        (folder as NSString).appendingPathComponent(Self.entryPrefix + key.fileName + Self.entrySuffix)
    }

    /// The documents stored under `key`, or nil (no entry, or one that is damaged, foreign or of another key).
    func read(_ key: RulesCacheKey) -> RuleDocuments? {
        readFramed(at: path(for: key), magic: Self.magic, key: key.text) { payload, file in Self.decodePayload(payload, in: file) }
    }

    /// Stores `documents` under `key`. Failures are ignored.
    func write(_ documents: RuleDocuments, key: RulesCacheKey) {
        if store(Self.encode(documents, key: key), at: path(for: key)) { prune() }
    }

    /// Writes `bytes` to a temporary file of this process's own and renames it to `path`, so that a concurrent
    /// reader sees the old file, the new one, or none. False when that fails (nothing is left behind).
    func store(_ bytes: [UInt8], at path: String) -> Bool {
        guard makeFolder() else { return false }
        var template = Array(((folder as NSString).appendingPathComponent(Self.temporaryPrefix + "XXXXXX")).utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return false }
        let temporary = String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
        let complete = FileDescriptor.writeAll(bytes, to: fd)
        fchmod(fd, 0o644)
        if close(fd) != 0 || !complete || rename(temporary, path) != 0 {
            unlink(temporary)
            return false
        }
        return true
    }

    private func makeFolder() -> Bool {
        var info = stat()
        if stat(folder, &info) == 0 { return (info.st_mode & S_IFMT) == S_IFDIR }
        // Private to this user, as the XDG base-directory specification asks of cache folders.
        return (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                         attributes: [.posixPermissions: 0o700])) != nil
    }

    /// Keeps the `keep` most recently used entries, and as many checksum memos (`ChecksumMemo`), and removes
    /// temporary files a killed process left (an hour old).
    func prune() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        var kinds: [String: [(path: String, used: Double)]] = [:]
        let now = Date().timeIntervalSince1970
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
            if name.hasPrefix(Self.entryPrefix), let suffix = [Self.entrySuffix, ChecksumMemo.suffix].first(where: name.hasSuffix) {
                kinds[suffix, default: []].append((path, modified))
            } else if name.hasPrefix(Self.temporaryPrefix) && now - modified > 3600 {
                unlink(path)
            }
        }
        for entries in kinds.values where entries.count > keep {
            for entry in entries.sorted(by: { $0.used > $1.used }).dropFirst(keep) { unlink(entry.path) }
        }
    }

    /// The whole file at `path` if it is this user's and holds what `frame` made with `magic` and `key`; nil
    /// otherwise. A file that is used has its time set to now: last use decides which files pruning keeps.
    func readFramed<T>(at path: String, magic: [UInt8], key: String, _ decode: (UnsafeRawBufferPointer) -> T?) -> T? {
        readFramed(at: path, magic: magic, key: key) { payload, _ in decode(payload) }
    }

    /// The same, `decode` given the whole file too (the payload lies in it), to keep parts of it without a copy.
    func readFramed<T>(at path: String, magic: [UInt8], key: String, _ decode: (UnsafeRawBufferPointer, [UInt8]) -> T?) -> T? {
        guard let bytes = Self.contents(of: path) else { return nil }
        let value = bytes.withUnsafeBytes { all -> T? in
            var reader = ByteReader(all)
            guard let found = reader.bytes(magic.count), found.elementsEqual(magic),
                  let storedKey = reader.string(), storedKey == key,
                  let length = reader.uint64(), let hash = reader.uint64(), length == UInt64(reader.remaining),
                  let payload = reader.bytes(Int(length)), fastHash64(payload) == hash else { return nil }
            return decode(payload, bytes)
        }
        if value != nil { utimensat(AT_FDCWD, path, nil, 0) }
        return value
    }

    /// magic, key, payload length, payload hash, payload.
    static func frame(_ payload: [UInt8], magic: [UInt8], key: String) -> [UInt8] {
        var out = ByteWriter()
        out.raw(magic)
        out.string(key)
        out.uint64(UInt64(payload.count))
        out.uint64(payload.withUnsafeBytes(fastHash64))
        out.raw(payload)
        return out.bytes
    }

    // MARK: - Bytes

    static func encode(_ documents: RuleDocuments, key: RulesCacheKey) -> [UInt8] {
        var payload = ByteWriter()
        documents.encode(into: &payload)
        return frame(payload.bytes, magic: magic, key: key.text)
    }

    static func decodePayload(_ payload: UnsafeRawBufferPointer, in file: [UInt8]? = nil) -> RuleDocuments? {
        var inner = ByteReader(payload)
        guard let documents = RuleDocuments.decode(from: &inner, in: file), inner.remaining == 0 else { return nil }
        return documents
    }

    /// The whole file, or nil when it cannot be read (or is implausibly large for an entry).
    /// Only an entry this user wrote: in a cache folder others can write to (a shared `YAKUJI_CACHE_DIR`), another
    /// user's file could say anything. Checked on the open file, so a rename in between changes nothing.
    static func contents(of path: String) -> [UInt8]? {
        guard let bytes = bytes(of: path, owner: geteuid()), !bytes.isEmpty else { return nil }
        return bytes
    }

    /// The bytes of a regular file (a symbolic link followed), or nil when there is none or it cannot be read:
    /// what `FileManager.contents(atPath:)` gives, at a third of its cost.
    static func bytes(of path: String, owner: uid_t? = nil) -> [UInt8]? { stampedBytes(of: path, owner: owner)?.bytes }

    /// The bytes and the stamp the open file had before they were read (a write while they were read moves it).
    static func stampedBytes(of path: String, owner: uid_t? = nil) -> (bytes: [UInt8], stamp: FileStamp)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, isReadable(info), owner.map({ $0 == info.st_uid }) ?? true else { return nil }
        let size = Int(info.st_size)
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var done = 0
            while done < size {
                let n = posixRead(fd, buffer.baseAddress! + done, size - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break }
                done += n
            }
            complete = done == size
            initialized = done
        }
        return complete ? (bytes, FileStamp(info)) : nil
    }

    /// A regular file of a size `stampedBytes` reads.
    static func isReadable(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFREG && info.st_size < 1 << 31 }
}

#if canImport(Glibc)
private func posixRead(_ fd: Int32, _ bytes: UnsafeMutableRawPointer, _ count: Int) -> Int { Glibc.read(fd, bytes, count) }
#elseif canImport(Darwin)
private func posixRead(_ fd: Int32, _ bytes: UnsafeMutableRawPointer, _ count: Int) -> Int { Darwin.read(fd, bytes, count) }
#endif
