import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file so that a reader, or a crash, only ever sees the old file or the new one: the bytes go to a
/// temporary file of our own beside it (`.NAME.yakuji-save-PID.tmp`), are flushed to disk, take the old file's
/// permissions, and are renamed over it. A symbolic link is followed, so the link survives.
public enum AtomicFile {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    static let temporaryMarker = ".yakuji-save-"

    /// The file a write to `path` replaces: the target of a symbolic link, else `path` itself.
    static func target(of path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK, let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    static func temporaryName(for target: String, pid: Int32 = getpid()) -> String {
        let url = URL(fileURLWithPath: target)
        return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + temporaryMarker + "\(pid).tmp").path
    }

    public static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let target = target(of: path)
        let temporary = temporaryName(for: target)
        func fail(_ what: String) -> Failure { Failure(path: path, message: "\(what): \(String(cString: strerror(errno)))") }
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw fail("cannot create a temporary file beside it") }
        var closed = false
        defer {
            if !closed { close(fd) }
        }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in systemWrite(fd, buffer.baseAddress! + written, buffer.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let failure = fail("cannot write")
                unlink(temporary)
                throw failure
            }
            written += n
        }
        var old = stat()
        if stat(target, &old) == 0 { fchmod(fd, old.st_mode & 0o7777) }
        guard fsync(fd) == 0 else {
            let failure = fail("cannot flush to disk")
            unlink(temporary)
            throw failure
        }
        close(fd)
        closed = true
        guard rename(temporary, target) == 0 else {
            let failure = fail("cannot replace the file")
            unlink(temporary)
            throw failure
        }
        let folder = open(URL(fileURLWithPath: target).deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    /// Removes temporary files a killed Yakuji left beside `path` (their process no longer runs).
    @discardableResult
    public static func removeStaleTemporaries(for path: String) -> [String] {
        let target = URL(fileURLWithPath: target(of: path))
        let folder = target.deletingLastPathComponent().path
        let prefix = "." + target.lastPathComponent + temporaryMarker
        var removed: [String] = []
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            guard let pid = Int32(name.dropFirst(prefix.count).dropLast(4)) else { continue }
            if pid != getpid() && kill(pid, 0) == 0 { continue }
            if pid != getpid() && errno != ESRCH { continue }
            let file = (folder as NSString).appendingPathComponent(name)
            if unlink(file) == 0 { removed.append(file) }
        }
        return removed
    }
}

#if canImport(Glibc)
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { Glibc.write(fd, bytes, count) }
#else
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { Darwin.write(fd, bytes, count) }
#endif
