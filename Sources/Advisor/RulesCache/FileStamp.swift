import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says of a file that changes whenever its bytes do: which file it is (device, inode), its size, and
/// its modification and status-change times in nanoseconds. A program can set the modification time back
/// (`touch -d`, `utime`), but not the status-change time, which every write, `utime` and `chmod` moves to now.
struct FileStamp: Equatable {
    var device: UInt64
    var inode: UInt64
    var size: UInt64
    var modified: Int64
    var changed: Int64

    init(device: UInt64, inode: UInt64, size: UInt64, modified: Int64, changed: Int64) {
        (self.device, self.inode, self.size, self.modified, self.changed) = (device, inode, size, modified, changed)
    }

    init(_ info: stat) {
        self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: UInt64(info.st_size),
                  modified: Self.nanoseconds(info.st_mtim), changed: Self.nanoseconds(info.st_ctim))
    }

    /// The stamp of a file `RulesCache.bytes(of:)` could read now (it opens, and it is a regular file of a size it
    /// reads), else nil: checked on the open file, as reading it would, so that a file made unreadable is not
    /// taken for the one that was hashed.
    static func ofReadableFile(_ path: String) -> FileStamp? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, RulesCache.isReadable(info) else { return nil }
        return FileStamp(info)
    }

    /// The stamp of a folder of the rules (`relative` to `directory`, "" for the rules folder itself), a symbolic
    /// link followed as listing the folder follows it; nil when it is not a folder now.
    static func ofFolder(_ directory: String, _ relative: String) -> FileStamp? {
        var info = stat()
        let path = relative.isEmpty ? directory : (directory as NSString).appendingPathComponent(relative)
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return FileStamp(info)
    }

    /// Whether nothing has written to the file since `instant` (nanoseconds since the epoch): timestamps come from
    /// a clock coarser than the one that took `instant`, so a write just after a stamp was taken may leave the
    /// same stamp only if it falls within that coarseness of `instant`.
    func isSettled(before instant: Int64) -> Bool { modified < instant && changed < instant }

    static func nanoseconds(_ time: timespec) -> Int64 { Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec) }

    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return nanoseconds(time)
    }
}
