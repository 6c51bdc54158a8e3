import Foundation

/// A FEEL duration: either a years-and-months duration (a whole number of months) or a
/// days-and-time duration (an exact number of seconds). The two kinds do not compare with
/// each other in FEEL; Swift's `<` orders by kind first so that sorting is still total.
public struct FEELDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case yearsAndMonths
        case daysAndTime
    }

    public let kind: Kind
    /// Total months (years-and-months durations; 0 for days-and-time ones).
    public let months: Int
    /// Total seconds, exact (days-and-time durations; 0 for years-and-months ones).
    public let seconds: FEELNumber

    /// A years-and-months duration.
    public init(months: Int) {
        self.kind = .yearsAndMonths
        self.months = months
        self.seconds = 0
    }

    /// A days-and-time duration.
    public init(seconds: FEELNumber) {
        self.kind = .daysAndTime
        self.months = 0
        self.seconds = seconds
    }

    public init(seconds: Int) {
        self.init(seconds: FEELNumber(seconds))
    }

    /// `P1Y2M`, `-P3M`, `P1DT2H30M`, `PT0.5S`, `P2D`. Years/months and days/time may not be mixed.
    public init?(iso8601 text: String) {
        var scanner = ISOScanner(text)
        let negative = scanner.take("-")
        guard scanner.take("P") else { return nil }
        var years: Int?, monthsPart: Int?, days: Int?, hours: Int?, minutes: Int?
        var secondsPart: FEELNumber?
        var inTime = false
        var sawTimeComponent = false
        var lastRank = 0
        while !scanner.atEnd {
            if scanner.take("T") {
                guard !inTime else { return nil }
                inTime = true
                lastRank = 3
                continue
            }
            guard let whole = scanner.digitRun() else { return nil }
            var numberText = whole
            let fractional = scanner.peek == "."
            if scanner.take(".") {
                // `PT0.S`: XML Schema allows a point with no digits after it.
                numberText += "." + (scanner.digitRun() ?? "0")
            }
            guard let designator = scanner.peek else { return nil }
            scanner.index += 1
            let rank: Int
            switch (designator, inTime) {
            case ("Y", false): rank = 1
            case ("M", false): rank = 2
            case ("D", false): rank = 3
            case ("H", true): rank = 4
            case ("M", true): rank = 5
            case ("S", true): rank = 6
            default: return nil
            }
            guard rank > lastRank else { return nil }
            lastRank = rank
            // Not `numberText.contains(".")`: that substring search went through Foundation, at every evaluation of
            // a `duration("P5Y")` in a table's input expression.
            if rank != 6 && fractional { return nil }
            if inTime { sawTimeComponent = true }
            switch rank {
            case 1: years = Int(numberText)
            case 2: monthsPart = Int(numberText)
            case 3: days = Int(numberText)
            case 4: hours = Int(numberText)
            case 5: minutes = Int(numberText)
            default: secondsPart = FEELNumber(numberText)
            }
        }
        if inTime && !sawTimeComponent { return nil }
        let hasYearMonth = years != nil || monthsPart != nil
        let hasDayTime = days != nil || hours != nil || minutes != nil || secondsPart != nil
        guard hasYearMonth != hasDayTime else { return nil }
        if hasYearMonth {
            let y = years ?? 0, m = monthsPart ?? 0
            guard y <= 999_999_999, m <= 999_999_999 * 12 else { return nil }
            let total = y * 12 + m
            self.init(months: negative ? -total : total)
        } else {
            let d = days ?? 0, h = hours ?? 0, mi = minutes ?? 0
            guard d <= 999_999_999_999, h <= 999_999_999_999, mi <= 999_999_999_999 else { return nil }
            let whole = FEELNumber(d * 86_400 + h * 3600 + mi * 60)
            guard let total = FEELNumber.add(whole, secondsPart ?? 0) else { return nil }
            self.init(seconds: negative ? FEELNumber.negate(total) : total)
        }
    }

    public var isNegative: Bool {
        kind == .yearsAndMonths ? months < 0 : seconds.isNegative
    }

    public var isZero: Bool {
        kind == .yearsAndMonths ? months == 0 : seconds.isZero
    }

    /// The same duration with the opposite sign.
    public var negated: FEELDuration {
        kind == .yearsAndMonths ? FEELDuration(months: -months) : FEELDuration(seconds: FEELNumber.negate(seconds))
    }

    // Components, as the FEEL properties `years`, `months`, `days`, `hours`, `minutes`, `seconds`.
    public var yearsComponent: Int { kind == .yearsAndMonths ? months / 12 : 0 }
    public var monthsComponent: Int { kind == .yearsAndMonths ? months % 12 : 0 }

    /// Whole seconds and nanoseconds (truncated toward zero), nil when out of `Int` range.
    var wholeSecondsAndNanos: (seconds: Int, nanos: Int)? {
        guard kind == .daysAndTime else { return (0, 0) }
        guard let whole = seconds.rounded(scale: 0, mode: seconds.isNegative ? .up : .down),
              let wholeInt = whole.intValue,
              let fraction = FEELNumber.subtract(seconds, whole),
              let nanosNumber = FEELNumber.multiply(fraction, FEELNumber(1_000_000_000)),
              let nanos = nanosNumber.rounded(scale: 0, mode: .down)?.intValue else { return nil }
        return (wholeInt, nanos)
    }

    var daysComponent: Int { (wholeSecondsAndNanos?.seconds ?? 0) / 86_400 }
    var hoursComponent: Int { (wholeSecondsAndNanos?.seconds ?? 0) / 3600 % 24 }
    var minutesComponent: Int { (wholeSecondsAndNanos?.seconds ?? 0) / 60 % 60 }
    /// Seconds within the minute, with the fraction.
    var secondsComponent: FEELNumber {
        guard let parts = wholeSecondsAndNanos else { return 0 }
        let whole = FEELNumber(parts.seconds % 60)
        let fraction = FEELNumber(Decimal(parts.nanos) / Decimal(1_000_000_000))
        return FEELNumber.add(whole, fraction) ?? whole
    }

    public var description: String {
        switch kind {
        case .yearsAndMonths:
            if months == 0 { return "P0M" }
            let magnitude = months.magnitude
            var text = months < 0 ? "-P" : "P"
            if magnitude / 12 > 0 { text += "\(magnitude / 12)Y" }
            if magnitude % 12 > 0 { text += "\(magnitude % 12)M" }
            return text
        case .daysAndTime:
            if seconds.isZero { return "PT0S" }
            let magnitude = seconds.isNegative ? FEELNumber.negate(seconds) : seconds
            var text = seconds.isNegative ? "-P" : "P"
            guard let wholeNumber = magnitude.rounded(scale: 0, mode: .down),
                  let whole = wholeNumber.intValue,
                  let fraction = FEELNumber.subtract(magnitude, wholeNumber) else {
                return text + "T\(magnitude)S"
            }
            let days = whole / 86_400, hours = whole / 3600 % 24, minutes = whole / 60 % 60
            let secs = whole % 60
            if days > 0 { text += "\(days)D" }
            if hours > 0 || minutes > 0 || secs > 0 || !fraction.isZero {
                text += "T"
                if hours > 0 { text += "\(hours)H" }
                if minutes > 0 { text += "\(minutes)M" }
                if secs > 0 || !fraction.isZero {
                    text += (FEELNumber.add(FEELNumber(secs), fraction) ?? FEELNumber(secs)).description + "S"
                }
            }
            return text
        }
    }

    public static func < (lhs: FEELDuration, rhs: FEELDuration) -> Bool {
        if lhs.kind != rhs.kind { return lhs.kind == .yearsAndMonths }
        return lhs.kind == .yearsAndMonths ? lhs.months < rhs.months : lhs.seconds < rhs.seconds
    }
}
