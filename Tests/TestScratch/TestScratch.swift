import Foundation

/// The one folder a test process writes its temporary files and folders under, removed when the process exits:
/// without it every `swift test` run left a hundred entries in the temporary directory.
public enum TestScratch {
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("yakuji-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { TestScratch.remove() }
        return url
    }()

    /// A fresh path under the root (nothing is created there).
    public static func path(_ name: String) -> URL {
        root.appendingPathComponent("\(UUID().uuidString)-\(name)")
    }

    static func remove() { try? FileManager.default.removeItem(at: root) }
}
