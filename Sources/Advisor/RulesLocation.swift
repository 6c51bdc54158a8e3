import Foundation

/// Where the rules are, in a documented order, so an installed binary works without its build folder:
///
/// 1. `--rules DIR`
/// 2. the `YAKUJI_RULES` environment variable
/// 3. `Rules` beside the binary
/// 4. `../share/yakuji/Rules` from the binary's folder (a `make install`-style layout)
/// 5. the resource bundle SwiftPM builds beside the binary (`Yakuji_yakuji.resources/Rules`)
///
/// The bundle is found by path, never through SwiftPM's `Bundle.module`, which stops the program when the
/// bundle is missing.
public enum RulesLocation {
    public static let environmentVariable = "YAKUJI_RULES"
    public static let bundleName = "Yakuji_yakuji.resources"

    /// The rules folder to use; an option or variable that is given is used as given (its problems are reported
    /// when it is read); otherwise the first candidate folder holding `.dmn` files.
    public static func find(option: String?, environment: [String: String], executableFolder: String?) throws(AdvisorError) -> String {
        if let option { return option }
        if let variable = environment[environmentVariable], !variable.isEmpty { return variable }
        let places = candidates(executableFolder: executableFolder)
        if let found = places.first(where: holdsRules) { return found }
        let looked = ["--rules (not given)", "$\(environmentVariable) (not set)"] + places
        throw AdvisorError(file: "yakuji", "no rules found; looked in:\n  " + looked.joined(separator: "\n  ")
                           + "\nGive --rules DIR, set \(environmentVariable), or install the rules beside the binary (README, \"Install\").")
    }

    /// Why `path` cannot be read as a rules folder, in the user's terms; nil when it can.
    public static func problem(with path: String) -> String? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return "the rules folder does not exist" }
        guard isFolder.boolValue else { return "is a file, expected a rules folder (one holding .dmn files)" }
        guard let dir = opendir(path) else { return "cannot read the rules folder: \(String(cString: strerror(errno)))" }
        closedir(dir)
        if !holdsRules(path) { return "the folder holds no .dmn files; is it a rules folder?" }
        return nil
    }

    static func candidates(executableFolder: String?) -> [String] {
        guard let folder = executableFolder else { return [] }
        let base = URL(fileURLWithPath: folder)
        return [base.appendingPathComponent("Rules").path,
                base.appendingPathComponent("../share/yakuji/Rules").standardizedFileURL.path,
                base.appendingPathComponent(bundleName).appendingPathComponent("Rules").path]
    }

    static func holdsRules(_ path: String) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.contains { $0.hasSuffix(".dmn") }
    }

    /// The folder of the running binary, links resolved (Linux: /proc/self/exe).
    public static func executableFolder() -> String? {
        #if os(Linux)
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if exe.path != "/proc/self/exe" { return exe.deletingLastPathComponent().path }
        #endif
        return Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent().path
    }
}

/// `yakuji --version`: the program, and the rules it would use with their version and fingerprint.
public struct VersionReport: Sendable {
    /// The program's version (the rules carry their own in `Rules/VERSION`).
    public static let appVersion = "0.1.0"

    public var rules: (path: String, version: String, checksum: String)?
    public var problem: String?

    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> VersionReport {
        do {
            let path = try RulesLocation.find(option: nil, environment: environment, executableFolder: RulesLocation.executableFolder())
            let versionFile = (path as NSString).appendingPathComponent("VERSION")
            let version = (try? String(contentsOfFile: versionFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            return VersionReport(rules: (path, version ?? "unversioned", RuleSet.checksum(of: path)))
        } catch {
            return VersionReport(rules: nil, problem: error.description)
        }
    }

    public var text: String {
        var lines = ["yakuji \(Self.appVersion)"]
        if let rules {
            lines.append("rules \(rules.version) \(rules.checksum)")
            lines.append("rules folder \(rules.path)")
        } else {
            lines.append("rules: none found")
        }
        return lines.joined(separator: "\n")
    }
}
