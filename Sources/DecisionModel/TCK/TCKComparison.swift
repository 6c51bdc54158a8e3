/// How an actual value is compared with a TCK expected value.
///
/// Numbers must be equal as decimals. The one tolerance is the TCK's own for results that are
/// irrational (`exp`, `log`, `sqrt`, `stddev`, fractional powers …): their expected values are written
/// to 8 or more decimal places (`log(4)` is expected as `1.38629436`), and the TCK runners accept a
/// value within 1e-8 of them (`NUMBER_COMPARISON_PRECISION = 0.00000001` in the published runners).
/// An expected value written with fewer decimals is exact, so `0.30000000000000004` never passes for `0.3`.
/// Dates, times and date-times must be the same instant with the same kind of zone (none, an offset,
/// or the same zone id); contexts need the same keys; lists the same items in order.
enum TCKComparison {
    static let irrationalTolerance = FEELNumber("0.00000001")!
    static let approximateDecimals = 8

    /// - Parameter writtenDecimals: the most fraction digits the expected numbers are written with.
    static func matches(_ actual: FEELValue, _ expected: FEELValue, writtenDecimals: Int? = nil) -> Bool {
        switch (actual, expected) {
        case (.number(let a), .number(let e)):
            if a == e { return true }
            guard (writtenDecimals ?? decimalPlaces(e)) >= approximateDecimals,
                  let difference = FEELNumber.subtract(a, e) else { return false }
            let magnitude = difference.isNegative ? FEELNumber.negate(difference) : difference
            return magnitude < irrationalTolerance
        case (.list(let a), .list(let e)):
            return a.count == e.count && zip(a, e).allSatisfy { matches($0, $1, writtenDecimals: writtenDecimals) }
        case (.context(let a), .context(let e)):
            return Set(a.keys) == Set(e.keys)
                && e.entries.allSatisfy { entry in matches(a[entry.key] ?? .null, entry.value, writtenDecimals: writtenDecimals) }
        case (.time(let a), .time(let e)):
            return a == e && a.zoneText == e.zoneText
        case (.dateTime(let a), .dateTime(let e)):
            return a == e && a.time.zoneText == e.time.zoneText
        default:
            return actual == expected
        }
    }

    /// Digits after the decimal point of a number's shortest form (`1.38629436` → 8, `12` → 0).
    static func decimalPlaces(_ number: FEELNumber) -> Int {
        let text = number.description
        guard let point = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: point, to: text.endIndex) - 1
    }
}
