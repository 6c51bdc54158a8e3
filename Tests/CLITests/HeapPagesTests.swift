import CHeap
import Foundation
import Testing

/// The command's heap on huge pages (`HeapPages`).
@Suite struct HeapPagesTests {
    /// A running questionnaire, looked at from outside: where the kernel has transparent huge pages, one part of
    /// its heap of at least 32 MiB carries the "huge pages advised" flag (`hg` in smaps' VmFlags).
    @Test func theRunningCommandsHeapIsAdvised() throws {
        #if os(Linux)
        let dir = try CLI.temporaryDirectory()
        let terminal = try PseudoTerminal(["assess", "--as-of", "2026-12-03", "--save", dir.appendingPathComponent("a.xml").path])
        try terminal.expect("> ")
        let heap = try Self.mappings(of: terminal.pid).filter { $0.name == "[heap]" }
        // A kernel built without transparent huge pages refuses the advice: the heap is then left as it was.
        if FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage") {
            #expect(heap.contains { $0.flags.contains("hg") && $0.size >= 32 << 20 }, "\(heap)")
        } else {
            #expect(!heap.contains { $0.flags.contains("hg") }, "\(heap)")
        }
        terminal.send("\u{4}")
        #expect(try terminal.exitStatus() == 1)
        #else
        #expect(yakuji_heap_use_huge_pages(8 << 20) == -1)
        #endif
    }

    /// Refused before anything changes: the heap is neither grown nor advised.
    @Test func refusesAnOversizedRegion() throws {
        #expect(yakuji_heap_use_huge_pages(2 << 30) == -1)
        #if os(Linux)
        let heap = try Self.mappings(of: getpid()).filter { $0.name == "[heap]" }
        #expect(!heap.contains { $0.flags.contains("hg") }, "\(heap)")
        #endif
    }

    struct Mapping: CustomStringConvertible {
        var name: String
        var size: UInt
        var flags: [Substring] = []
        var description: String { "\(name) \(size >> 20) MiB \(flags.joined(separator: " "))" }
    }

    /// The mappings of /proc/PID/smaps: each header line (`lo-hi perms offset dev inode name`) and its VmFlags.
    static func mappings(of pid: pid_t) throws -> [Mapping] {
        // Read to the end: a /proc file reports no size, and reading by its size stops at the first page.
        guard let file = FileHandle(forReadingAtPath: "/proc/\(pid)/smaps") else { throw POSIXError(.ENOENT) }
        defer { try? file.close() }
        let smaps = String(decoding: try file.readToEnd() ?? Data(), as: UTF8.self)
        var found: [Mapping] = []
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            let bounds = fields.first?.split(separator: "-") ?? []
            if bounds.count == 2, let from = UInt(bounds[0], radix: 16), let to = UInt(bounds[1], radix: 16) {
                found.append(Mapping(name: fields.count > 5 ? String(fields[5]) : "", size: to - from))
            } else if fields.first == "VmFlags:", !found.isEmpty {
                found[found.count - 1].flags = Array(fields.dropFirst())
            }
        }
        return found
    }
}
