import Foundation

/// `String(format: "%.Nf", x)` without Foundation's formatter (about 13,000 instructions a number) and, for the one
/// and two places the timeline writes, without the C library's variadic call (about 12,000: `withVaList` allocates
/// its argument list): a timeline writes a few hundred of these numbers for the alternatives of an open route.
enum FixedDecimals {
    static func text(_ x: Double, places: Int) -> String {
        if places == 1 || places == 2, let text = rounded(x, scale: places == 1 ? 10 : 100, places: places) { return text }
        return formatted(x, places: places)
    }

    /// What `%.1f` / `%.2f` print, worked out exactly: the C library rounds the double's exact binary value to
    /// nearest, ties to even, and keeps the sign of a negative number that rounds to zero. Nil for what is left to
    /// the C library (not finite, or too large for the exact product argument below).
    static func rounded(_ x: Double, scale: Double, places: Int) -> String? {
        let magnitude = x.magnitude
        guard magnitude < 1e13 else { return nil }
        // magnitude × scale = high + low exactly (a fused multiply-add gives the product's rounding error); high stays
        // below 2^52, so its fraction and that fraction minus one half are exact multiples of its unit in the last
        // place, which the error is less than: their sign decides, the error only breaks a tie.
        let high = magnitude * scale
        let low = (-high).addingProduct(magnitude, scale)
        let whole = high.rounded(.down)
        let aboveHalf = (high - whole) - 0.5
        let up = aboveHalf > 0 || (aboveHalf == 0 && (low > 0 || (low == 0 && whole.truncatingRemainder(dividingBy: 2) == 1)))
        let units = UInt64(whole) + (up ? 1 : 0)
        return digits(units, places: places, negative: x.sign == .minus)
    }

    /// `units` with a decimal point `places` digits from the right, at least one digit before it.
    private static func digits(_ units: UInt64, places: Int, negative: Bool) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var end = buffer.count, rest = units, written = 0
            while written <= places || rest > 0 {
                if written == places {
                    end -= 1
                    buffer[end] = UInt8(ascii: ".")
                }
                end -= 1
                buffer[end] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                written += 1
            }
            if negative {
                end -= 1
                buffer[end] = UInt8(ascii: "-")
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[end...]), as: UTF8.self)
        }
    }

    static func formatted(_ x: Double, places: Int) -> String {
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
