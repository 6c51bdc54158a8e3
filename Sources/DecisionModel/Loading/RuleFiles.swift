import Foundation

/// Finds the DMN files of a rule set.
public enum RuleFiles {
    /// The file itself, or the `.dmn` files directly in a folder, sorted; nil when the path does not exist.
    public static func dmnFiles(at path: String) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { $0.hasSuffix(".dmn") }.sorted().map { (path as NSString).appendingPathComponent($0) }
    }
}
