import Foundation

/// `String(format: "%.Nf", x)` through the C library directly: Foundation's formatter costs about 13,000
/// instructions a number, and a timeline writes a few hundred of them for the alternatives of an open route.
enum FixedDecimals {
    static func text(_ x: Double, places: Int) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 352) { buffer in
            // "%.2f" of the largest double is 312 characters long. The formats the timeline uses are literals, so
            // that no format string is built per number.
            let count = withVaList([x]) { arguments in
                switch places {
                case 1: vsnprintf(buffer.baseAddress!, buffer.count, "%.1f", arguments)
                case 2: vsnprintf(buffer.baseAddress!, buffer.count, "%.2f", arguments)
                default: vsnprintf(buffer.baseAddress!, buffer.count, "%.\(places)f", arguments)
                }
            }
            guard count >= 0, Int(count) < buffer.count else { return String(format: "%.\(places)f", x) }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress!, count: Int(count)), as: UTF8.self)
        }
    }
}
