import Foundation
import Testing
@testable import DecisionModel

/// The DMN TCK cases shipped beside the project (../shared/dmn-tck) must all pass.
@Suite struct TCKConformanceTests {
    static var tckFolder: String {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/dmn-tck").path
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: tckFolder)))
    func everyTCKCasePasses() {
        let report = TCKRunner().run(paths: [Self.tckFolder])
        #expect(report.loadProblems.isEmpty, "\(report.loadProblems)")
        #expect(report.failures.isEmpty, "\(report.failures.map(\.description).joined(separator: "\n"))")
        #expect(report.passed >= 42)
        #expect(report.skipped == 0)
    }
}
