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
    }

    @Test func numbersFromTCKFilesCompareToTheirPrintedPrecision() {
        #expect(TCKRunner.matches(.number(FEELNumber("2878.693549432770013")!), .number(FEELNumber("2878.69354943277")!)))
        #expect(!TCKRunner.matches(.number(FEELNumber("2878.6935")!), .number(FEELNumber("2878.69354943277")!)))
        #expect(!TCKRunner.matches(.string("1"), .number(FEELNumber(1))))
    }
}
