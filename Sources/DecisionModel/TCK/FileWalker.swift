import Foundation

/// File-system helpers for finding test and rule files.
enum FileWalker {
    /// `.xml` files at a path: the file itself, or every one below a folder. Nil when nothing is there.
    static func xmlFiles(at path: String) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".xml") { files.append((path as NSString).appendingPathComponent(relative)) }
        }
        return files.sorted()
    }

    static func sibling(of file: String, named name: String) -> String {
        ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(name)
    }
}
