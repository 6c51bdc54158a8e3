import Foundation
import Testing
import TestScratch

/// Runs the built `yakuji` binary as a user would.
enum CLI {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var binary: URL {
        // The test bundle sits beside the product binaries in the build folder.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("yakuji")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/yakuji")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:], binary: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary ?? Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "en_US.UTF-8"
        // Parsed rules are cached between runs: in a folder of the tests' own, never the user's ~/.cache.
        env["YAKUJI_CACHE_DIR"] = cacheFolder
        env["YAKUJI_CACHE"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }

    /// Shared by every test run (the cache keeps a few entries), so that it is not left behind once per run.
    static let cacheFolder = FileManager.default.temporaryDirectory.appendingPathComponent("yakuji-cli-tests-cache").path

    static func temporaryDirectory() throws -> URL {
        let url = TestScratch.path("cli")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
