import Foundation

/// Inputs that reach the slow built-ins issue 14 items 2–3 assign to the FEEL work (backtracking regular
/// expressions in matches/replace/split, quadratic distinct values/union) are skipped while that work is
/// pending, so the fuzzer looks for new problems instead of rediscovering known ones. FUZZ_KNOWN=1 keeps them.
public enum KnownIssues {
    public static let enabled = ProcessInfo.processInfo.environment["FUZZ_KNOWN"] != "1"
    static let names: [[UInt8]] = ["matches", "replace", "split", "distinct", "union"].map { Array($0.utf8) }

    public static func skip(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard enabled else { return false }
        return names.contains { name in
            bytes.count >= name.count && (0...(bytes.count - name.count)).contains { i in
                bytes[i] == name[0] && name.indices.allSatisfy { bytes[i + $0] == name[$0] }
            }
        }
    }
}
