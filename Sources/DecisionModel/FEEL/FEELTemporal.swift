import Foundation

// Proleptic Gregorian calendar arithmetic (H. Hinnant's days-from-civil algorithms), so dates
// from year -999,999,999 to 999,999,999 work without Foundation's Calendar.
enum FEELCalendar {
    static let maxYear: UInt = 999_999_999

    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let y = yearOfEra + era * 400
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (month <= 2 ? y + 1 : y, month, day)
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Small scanner over the ASCII text of ISO 8601 / XML Schema temporal literals.
struct ISOScanner {
    let scalars: [Unicode.Scalar]
    var index = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    var atEnd: Bool { index >= scalars.count }
    var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    mutating func take(_ scalar: Unicode.Scalar) -> Bool {
        guard peek == scalar else { return false }
        index += 1
        return true
    }

    /// Exactly `count` digits.
    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= scalars.count else { return nil }
        var value = 0
        for offset in 0..<count {
            let scalar = scalars[index + offset]
            guard scalar.value >= 48, scalar.value <= 57 else { return nil }
            value = value * 10 + Int(scalar.value - 48)
        }
        index += count
        return value
    }

    /// One or more digits (at most 18), returned as text.
    mutating func digitRun() -> String? {
        let start = index
        while let scalar = peek, scalar.value >= 48, scalar.value <= 57 { index += 1 }
        guard index > start, index - start <= 18 else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<index])
        return String(view)
    }

    var rest: String {
        var view = String.UnicodeScalarView()
        if index < scalars.count { view.append(contentsOf: scalars[index...]) }
        return String(view)
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value.magnitude)
    let padded = text.count < width ? String(repeating: "0", count: width - text.count) + text : text
    return value < 0 ? "-" + padded : padded
}

// MARK: - Date

/// A FEEL `date`: a calendar day without time or zone.
public struct FEELDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard year.magnitude <= FEELCalendar.maxYear, (1...12).contains(month),
              day >= 1, day <= FEELCalendar.daysInMonth(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before it).
    public init?(daysSinceEpoch: Int) {
        guard daysSinceEpoch.magnitude <= 365_250_000_000 else { return nil }
        let civil = FEELCalendar.civilFromDays(daysSinceEpoch)
        self.init(year: civil.year, month: civil.month, day: civil.day)
    }

    /// `YYYY-MM-DD`, with an optional `-` and more than four year digits.
    public init?(iso8601 text: String) {
        var scanner = ISOScanner(text)
        guard let date = FEELDate.scan(&scanner), scanner.atEnd else { return nil }
        self = date
    }

    static func scan(_ scanner: inout ISOScanner) -> FEELDate? {
        let negative = scanner.take("-")
        guard let yearText = scanner.digitRun(), yearText.count >= 4, yearText.count <= 9,
              !(yearText.count > 4 && yearText.hasPrefix("0")),
              let yearMagnitude = Int(yearText),
              scanner.take("-"), let month = scanner.digits(2),
              scanner.take("-"), let day = scanner.digits(2) else { return nil }
        return FEELDate(year: negative ? -yearMagnitude : yearMagnitude, month: month, day: day)
    }

    public var daysSinceEpoch: Int {
        FEELCalendar.daysFromCivil(year: year, month: month, day: day)
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let days = daysSinceEpoch
        return ((days % 7) + 7 + 3) % 7 + 1
    }

    public var dayOfYear: Int {
        daysSinceEpoch - FEELCalendar.daysFromCivil(year: year, month: 1, day: 1) + 1
    }

    /// ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday).
    public var weekOfYear: Int {
        let thursday = daysSinceEpoch - weekday + 4
        let thursdayYear = FEELCalendar.civilFromDays(thursday).year
        let firstDay = FEELCalendar.daysFromCivil(year: thursdayYear, month: 1, day: 1)
        return (thursday - firstDay) / 7 + 1
    }

    /// This date moved by `months` calendar months, the day clamped to the month's last day.
    func adding(months: Int) -> FEELDate? {
        let (total, overflow) = (year * 12 + (month - 1)).addingReportingOverflow(months)
        guard !overflow else { return nil }
        let newYear = total >= 0 ? total / 12 : (total - 11) / 12
        let newMonth = total - newYear * 12 + 1
        guard newYear.magnitude <= FEELCalendar.maxYear else { return nil }
        let newDay = min(day, FEELCalendar.daysInMonth(year: newYear, month: newMonth))
        return FEELDate(year: newYear, month: newMonth, day: newDay)
    }

    public var description: String {
        "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: FEELDate, rhs: FEELDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

// MARK: - Time

/// A FEEL `time`: a time of day, optionally with a UTC offset or an IANA zone id.
/// Equality and order compare the instant of day; a time without an offset counts as UTC.
public struct FEELTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int
    public let second: Int
    public let nanosecond: Int
    /// Offset from UTC in seconds; nil for a local time.
    public let offsetSeconds: Int?
    /// IANA zone id (`@Europe/Paris`), when the time was given with one.
    public let zoneID: String?

    /// Local midnight, 00:00:00.
    public static let midnight = FEELTime(validHour: 0, minute: 0, second: 0, nanosecond: 0, offsetSeconds: nil, zoneID: nil)

    private init(validHour hour: Int, minute: Int, second: Int, nanosecond: Int, offsetSeconds: Int?, zoneID: String?) {
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
        self.offsetSeconds = offsetSeconds
        self.zoneID = zoneID
    }

    public init?(hour: Int, minute: Int, second: Int, nanosecond: Int = 0, offsetSeconds: Int? = nil, zoneID: String? = nil) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second),
              (0..<1_000_000_000).contains(nanosecond) else { return nil }
        if let offsetSeconds, offsetSeconds.magnitude > 18 * 3600 { return nil }
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
        self.offsetSeconds = offsetSeconds
        self.zoneID = zoneID
    }

    /// `hh:mm:ss[.fraction][Z|±hh:mm|@Zone/Id]`; `24:00:00` is the midnight that ends a day (XML Schema),
    /// read as `00:00:00`. A time with a zone id has no fixed offset (that needs a date).
    public init?(iso8601 text: String) {
        var scanner = ISOScanner(text)
        guard var parts = FEELTime.scan(&scanner), scanner.atEnd else { return nil }
        if parts.hour == 24 {
            guard parts.minute == 0, parts.second == 0, parts.nanosecond == 0 else { return nil }
            parts.hour = 0
        }
        if let zoneID = parts.zoneID, TimeZone(identifier: zoneID) == nil { return nil }
        guard let time = FEELTime(hour: parts.hour, minute: parts.minute, second: parts.second,
                                  nanosecond: parts.nanosecond, offsetSeconds: parts.offset, zoneID: parts.zoneID) else { return nil }
        self = time
    }

    /// Whether the time has an offset or a zone id.
    public var isZoned: Bool { offsetSeconds != nil || zoneID != nil }

    /// The offset comparisons use: the given one, a zone's standard offset when only its id is known, 0 when local.
    var comparisonOffset: Int {
        if let offsetSeconds { return offsetSeconds }
        guard let zoneID, let zone = TimeZone(identifier: zoneID) else { return 0 }
        let reference = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01
        return zone.secondsFromGMT(for: reference) - Int(zone.daylightSavingTimeOffset(for: reference))
    }

    /// Seconds since midnight UTC without wrapping (local times count as UTC), for differences of times.
    var utcSecondsUnwrapped: Int { secondOfDay - comparisonOffset }

    struct Parts {
        var hour: Int, minute: Int, second: Int, nanosecond: Int
        var offset: Int?
        var zoneID: String?
    }

    static func scan(_ scanner: inout ISOScanner) -> Parts? {
        guard let hour = scanner.digits(2), scanner.take(":"), let minute = scanner.digits(2),
              scanner.take(":"), let second = scanner.digits(2) else { return nil }
        var nanosecond = 0
        if scanner.take(".") {
            guard let fraction = scanner.digitRun() else { return nil }
            let nine = String((fraction + "000000000").prefix(9))
            nanosecond = Int(nine) ?? 0
        }
        var parts = Parts(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
        if scanner.take("Z") || scanner.take("z") {
            parts.offset = 0
        } else if let sign = scanner.peek, sign == "+" || sign == "-" {
            scanner.index += 1
            guard let offsetHours = scanner.digits(2), scanner.take(":"), let offsetMinutes = scanner.digits(2),
                  offsetMinutes < 60 else { return nil }
            var seconds = offsetHours * 3600 + offsetMinutes * 60
            if scanner.take(":") {
                guard let offsetSeconds = scanner.digits(2), offsetSeconds < 60 else { return nil }
                seconds += offsetSeconds
            }
            parts.offset = sign == "-" ? -seconds : seconds
        } else if scanner.take("@") {
            let id = scanner.rest
            guard !id.isEmpty else { return nil }
            scanner.index = scanner.scalars.count
            parts.zoneID = id
        }
        return parts
    }

    /// Seconds since midnight, ignoring the offset.
    public var secondOfDay: Int { hour * 3600 + minute * 60 + second }

    /// Seconds since midnight UTC (local times count as UTC), in 0..<86400.
    var utcSecondOfDay: Int {
        let value = secondOfDay - comparisonOffset
        return ((value % 86_400) + 86_400) % 86_400
    }

    /// The same offset/zone at another second of the day (wrapping around midnight).
    func with(secondOfDay: Int, nanosecond: Int) -> FEELTime? {
        let wrapped = ((secondOfDay % 86_400) + 86_400) % 86_400
        return FEELTime(hour: wrapped / 3600, minute: wrapped / 60 % 60, second: wrapped % 60,
                        nanosecond: nanosecond, offsetSeconds: offsetSeconds, zoneID: zoneID)
    }

    var fractionText: String {
        guard nanosecond > 0 else { return "" }
        var digits = pad(nanosecond, 9)
        while digits.hasSuffix("0") { digits.removeLast() }
        return "." + digits
    }

    var zoneText: String {
        if let zoneID { return "@" + zoneID }
        guard let offsetSeconds else { return "" }
        if offsetSeconds == 0 { return "Z" }
        let magnitude = abs(offsetSeconds)
        var text = (offsetSeconds < 0 ? "-" : "+") + pad(magnitude / 3600, 2) + ":" + pad(magnitude / 60 % 60, 2)
        if magnitude % 60 != 0 { text += ":" + pad(magnitude % 60, 2) }
        return text
    }

    public var description: String {
        "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))" + fractionText + zoneText
    }

    public static func == (lhs: FEELTime, rhs: FEELTime) -> Bool {
        lhs.utcSecondOfDay == rhs.utcSecondOfDay && lhs.nanosecond == rhs.nanosecond
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(utcSecondOfDay)
        hasher.combine(nanosecond)
    }

    public static func < (lhs: FEELTime, rhs: FEELTime) -> Bool {
        (lhs.utcSecondOfDay, lhs.nanosecond) < (rhs.utcSecondOfDay, rhs.nanosecond)
    }
}

// MARK: - Date and time

/// A FEEL `date and time`. Equality and order compare instants; a value without an offset
/// counts as UTC.
public struct FEELDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let date: FEELDate
    public let time: FEELTime

    public init(date: FEELDate, time: FEELTime) {
        self.date = date
        self.time = time
    }

    /// `YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm|@Zone/Id]`; a bare date means midnight.
    public init?(iso8601 text: String) {
        var scanner = ISOScanner(text)
        guard var date = FEELDate.scan(&scanner) else { return nil }
        if scanner.atEnd {
            self.init(date: date, time: .midnight)
            return
        }
        guard scanner.take("T") || scanner.take("t"), var parts = FEELTime.scan(&scanner), scanner.atEnd else { return nil }
        if parts.hour == 24 {
            // `T24:00:00` is the midnight that ends the day: the next day at 00:00:00 (XML Schema).
            guard parts.minute == 0, parts.second == 0, parts.nanosecond == 0,
                  let next = FEELDate(daysSinceEpoch: date.daysSinceEpoch + 1) else { return nil }
            parts.hour = 0
            date = next
        }
        var offset = parts.offset
        if let zoneID = parts.zoneID {
            guard let zone = TimeZone(identifier: zoneID) else { return nil }
            offset = FEELDateTime.offset(of: zone, localSeconds: date.daysSinceEpoch * 86_400 + parts.hour * 3600 + parts.minute * 60 + parts.second)
        }
        guard let time = FEELTime(hour: parts.hour, minute: parts.minute, second: parts.second,
                                  nanosecond: parts.nanosecond, offsetSeconds: offset, zoneID: parts.zoneID) else { return nil }
        self.init(date: date, time: time)
    }

    /// A date at a time of day; a time with a zone id takes the zone's offset on that date.
    public static func combining(_ date: FEELDate, _ time: FEELTime) -> FEELDateTime {
        guard let zoneID = time.zoneID, let zone = TimeZone(identifier: zoneID),
              let zoned = FEELTime(hour: time.hour, minute: time.minute, second: time.second, nanosecond: time.nanosecond,
                                   offsetSeconds: offset(of: zone, localSeconds: date.daysSinceEpoch * 86_400 + time.secondOfDay),
                                   zoneID: zoneID) else {
            return FEELDateTime(date: date, time: time)
        }
        return FEELDateTime(date: date, time: zoned)
    }

    /// Whether the date and time has an offset or a zone id.
    public var isZoned: Bool { time.isZoned }

    /// Offset of `zone` at the given local wall-clock time (seconds since the epoch, as if UTC).
    static func offset(of zone: TimeZone, localSeconds: Int) -> Int {
        let guess = Date(timeIntervalSince1970: TimeInterval(localSeconds))
        let first = zone.secondsFromGMT(for: guess)
        let second = zone.secondsFromGMT(for: guess.addingTimeInterval(TimeInterval(-first)))
        return second
    }

    /// Local wall-clock seconds since the epoch (the fields, as if UTC).
    var localSeconds: Int {
        date.daysSinceEpoch * 86_400 + time.secondOfDay
    }

    /// Seconds since 1970-01-01T00:00:00Z; values without an offset count as UTC.
    public var epochSeconds: Int {
        localSeconds - (time.offsetSeconds ?? 0)
    }

    /// A date-time with the same offset/zone at another local wall-clock second.
    func with(localSeconds: Int, nanosecond: Int) -> FEELDateTime? {
        let days = localSeconds >= 0 ? localSeconds / 86_400 : (localSeconds - 86_399) / 86_400
        let secondOfDay = localSeconds - days * 86_400
        guard let newDate = FEELDate(daysSinceEpoch: days) else { return nil }
        var offset = time.offsetSeconds
        if let zoneID = time.zoneID, let zone = TimeZone(identifier: zoneID) {
            offset = FEELDateTime.offset(of: zone, localSeconds: localSeconds)
        }
        guard let newTime = FEELTime(hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60, second: secondOfDay % 60,
                                     nanosecond: nanosecond, offsetSeconds: offset, zoneID: time.zoneID) else { return nil }
        return FEELDateTime(date: newDate, time: newTime)
    }

    public var description: String {
        "\(date)T\(time.description)"
    }

    public static func == (lhs: FEELDateTime, rhs: FEELDateTime) -> Bool {
        lhs.epochSeconds == rhs.epochSeconds && lhs.time.nanosecond == rhs.time.nanosecond
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(epochSeconds)
        hasher.combine(time.nanosecond)
    }

    public static func < (lhs: FEELDateTime, rhs: FEELDateTime) -> Bool {
        (lhs.epochSeconds, lhs.time.nanosecond) < (rhs.epochSeconds, rhs.time.nanosecond)
    }
}
