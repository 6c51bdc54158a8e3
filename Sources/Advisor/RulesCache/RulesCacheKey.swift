import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a cached rule set depends on, as text stored in the entry and compared in full on reading: the cache's
/// format, the program (a new build may read or check rules differently), the size limit on rule files (a file
/// over a lower limit must still be refused), the rules folder as given (messages and model files name paths under
/// it), and the rule set's checksum (every rule file's path and bytes).
struct RulesCacheKey: Equatable {
    let text: String

    init(text: String) { self.text = text }

    /// Nil when the program cannot be identified.
    init?(directory: String, checksum: String, maxFileBytes: Int, program: String? = RulesCacheKey.programIdentity()) {
        guard let program else { return nil }
        text = "format \(RulesCache.formatVersion)\nprogram \(program)\nmax-file-bytes \(maxFileBytes)\nrules \(directory)\n\(checksum)"
    }

    /// The entry's file name: a hash of the key, so that each rule set (and each program) has its own entry.
    var fileName: String {
        var hasher = SHA256()
        hasher.update(Array(text.utf8))
        return String(hasher.finalize().prefix(32))
    }

    /// The running executable's device, inode, size and modification time: a rebuilt or replaced program differs in
    /// one of them, and reading them costs one `stat` where hashing the executable would cost milliseconds.
    static func programIdentity() -> String? {
        var info = stat()
        #if os(Linux)
        guard stat("/proc/self/exe", &info) == 0 else { return nil }
        #else
        guard let path = Bundle.main.executablePath, stat(path, &info) == 0 else { return nil }
        #endif
        return "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
