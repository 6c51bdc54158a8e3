import Foundation
import Testing
@testable import DecisionModel

@Suite("FEEL dates, times and durations")
struct FEELTemporalTests {
    // MARK: Parsing and printing

    @Test("valid dates", arguments: ["2025-04-01", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31", "-0044-03-15", "12345-06-07"])
    func validDates(text: String) throws {
        let date = try #require(FEELDate(iso8601: text))
        #expect(date.description == text)
    }

    @Test("invalid dates", arguments: ["", "2025-02-29", "1900-02-29", "2025-13-01", "2025-00-10", "2025-04-00", "2025-04-31",
                                       "2025-4-1", "25-04-01", "02025-01-01", "2025-04-01T", "2025/04/01", " 2025-04-01", "２０２５-04-01"])
    func invalidDates(text: String) {
        #expect(FEELDate(iso8601: text) == nil)
    }

    @Test("valid times", arguments: [
        ("10:30:00", "10:30:00"), ("00:00:00", "00:00:00"), ("23:59:59.999", "23:59:59.999"), ("10:30:00.500", "10:30:00.5"),
        ("10:30:00Z", "10:30:00Z"), ("10:30:00+09:00", "10:30:00+09:00"), ("10:30:00-05:30", "10:30:00-05:30"),
        ("10:30:00+00:00", "10:30:00Z"), ("24:00:00", "00:00:00"), ("10:30:00@Europe/Paris", "10:30:00@Europe/Paris"),
    ])
    func validTimes(text: String, expected: String) throws {
        let time = try #require(FEELTime(iso8601: text))
        #expect(time.description == expected)
    }

    @Test("invalid times", arguments: ["", "24:00:01", "24:01:00", "10:60:00", "10:30:60", "10:30", "1:30:00", "10:30:00+19:00",
                                       "10:30:00+0900", "10:30:00.", "10:30:00@Nowhere/Zone", "10:30:00 Z"])
    func invalidTimes(text: String) {
        #expect(FEELTime(iso8601: text) == nil)
    }

    @Test("valid date-times", arguments: [
        ("2025-04-01T10:00:00", "2025-04-01T10:00:00"), ("2025-04-01T10:00:00Z", "2025-04-01T10:00:00Z"),
        ("2025-04-01T10:00:00.25+02:00", "2025-04-01T10:00:00.25+02:00"), ("2025-04-01", "2025-04-01T00:00:00"),
        ("2025-04-01T10:00:00@Asia/Tokyo", "2025-04-01T10:00:00@Asia/Tokyo"),
    ])
    func validDateTimes(text: String, expected: String) throws {
        let value = try #require(FEELDateTime(iso8601: text))
        #expect(value.description == expected)
    }

    @Test("invalid date-times", arguments: ["2025-04-01T25:00:00", "2025-04-01 10:00:00", "2025-04-01T10:00", "T10:00:00",
                                            "2025-04-01T10:00:00@Nowhere/Zone", "2025-02-30T10:00:00"])
    func invalidDateTimes(text: String) {
        #expect(FEELDateTime(iso8601: text) == nil)
    }

    @Test("durations", arguments: [
        ("P1Y2M", "P1Y2M"), ("P14M", "P1Y2M"), ("P0Y", "P0M"), ("-P3M", "-P3M"), ("P2Y", "P2Y"),
        ("P1DT2H", "P1DT2H"), ("PT36H", "P1DT12H"), ("PT90M", "PT1H30M"), ("PT0.5S", "PT0.5S"), ("P0D", "PT0S"),
        ("-P1D", "-P1D"), ("P1DT2H3M4.25S", "P1DT2H3M4.25S"), ("PT3600S", "PT1H"),
    ])
    func durations(text: String, expected: String) throws {
        let value = try #require(FEELDuration(iso8601: text))
        #expect(value.description == expected)
    }

    @Test("invalid durations", arguments: ["", "P", "PT", "P1Y1D", "1Y", "P1.5Y", "P1H", "PT1D", "P1M1Y", "P-1D", "+P1D", "P1DT", "PT1H1H"])
    func invalidDurations(text: String) {
        #expect(FEELDuration(iso8601: text) == nil)
    }

    @Test("duration kinds and amounts")
    func durationKinds() throws {
        let yearsMonths = try #require(FEELDuration(iso8601: "P1Y2M"))
        #expect(yearsMonths.kind == .yearsAndMonths)
        #expect(yearsMonths.months == 14)
        let daysTime = try #require(FEELDuration(iso8601: "P1DT2H"))
        #expect(daysTime.kind == .daysAndTime)
        #expect(daysTime.seconds == 93_600)
        #expect(FEELValue.duration(yearsMonths).typeName == "years and months duration")
        #expect(FEELValue.duration(daysTime).typeName == "days and time duration")
    }

    // MARK: Arithmetic

    @Test("date arithmetic", arguments: [
        (#"date("2025-04-01") + duration("P1D")"#, #"date("2025-04-02")"#),
        (#"duration("P1D") + date("2025-04-01")"#, #"date("2025-04-02")"#),
        (#"date("2025-04-01") - duration("P1D")"#, #"date("2025-03-31")"#),
        (#"date("2025-04-01") + duration("PT25H")"#, #"date("2025-04-02")"#),
        (#"date("2025-04-01") - duration("PT1H")"#, #"date("2025-03-31")"#),
        (#"date("2025-04-01") + duration("P1M")"#, #"date("2025-05-01")"#),
        (#"date("2025-01-31") + duration("P1M")"#, #"date("2025-02-28")"#),
        (#"date("2024-02-29") + duration("P1Y")"#, #"date("2025-02-28")"#),
        (#"date("2025-03-31") - duration("P1M")"#, #"date("2025-02-28")"#),
        (#"date("2025-01-15") - duration("P13M")"#, #"date("2023-12-15")"#),
        (#"date("2025-03-01") - date("2025-02-01")"#, #"duration("P28D")"#),
        (#"date("2025-02-01") - date("2025-03-01")"#, #"duration("-P28D")"#),
        (#"date("2025-04-01") - date("2024-04-01")"#, #"duration("P365D")"#),
    ])
    func dateArithmetic(expression: String, expected: String) {
        #expect(feelText(feel(expression)) == expected)
    }

    @Test("date-time arithmetic", arguments: [
        (#"date and time("2025-04-01T10:00:00") - date and time("2025-03-31T08:30:00")"#, #"duration("P1DT1H30M")"#),
        (#"date and time("2025-01-01T10:00:00+02:00") - date and time("2025-01-01T08:00:00Z")"#, #"duration("PT0S")"#),
        (#"date and time("2025-01-01T00:00:00.5") - date and time("2025-01-01T00:00:00")"#, #"duration("PT0.5S")"#),
        (#"date and time("2025-12-31T23:30:00") + duration("PT1H")"#, #"date and time("2026-01-01T00:30:00")"#),
        (#"date and time("2025-01-31T10:00:00Z") + duration("P1M")"#, #"date and time("2025-02-28T10:00:00Z")"#),
        (#"date and time("2025-03-01T00:00:00+09:00") - duration("PT1S")"#, #"date and time("2025-02-28T23:59:59+09:00")"#),
        (#"date and time("2025-04-01T10:00:00Z") - date("2025-04-01")"#, #"duration("PT10H")"#),
        (#"date("2025-04-02") - date and time("2025-04-01T12:00:00+02:00")"#, #"duration("PT14H")"#),
        (#"date and time("2025-04-01T24:00:00") + duration("PT1S")"#, #"date and time("2025-04-02T00:00:01")"#),
        // A date in a difference with a date and time is midnight UTC; mixing zoned and local values is null.
        (#"date and time("2025-04-01T10:00:00") - date("2025-04-01")"#, "null"),
        (#"date and time("2025-04-01T10:00:00@Europe/Paris") - date and time("2025-04-01T08:00:00")"#, "null"),
        (#"time("10:00:00Z") - time("09:00:00")"#, "null"),
        (#"time("10:10:10@Australia/Melbourne") - time("11:10:10@Australia/Melbourne")"#, #"duration("-PT1H")"#),
        (#"string(time("10:15:00@Australia/Melbourne") + duration("PT1H"))"#, #""11:15:00@Australia/Melbourne""#),
    ])
    func dateTimeArithmetic(expression: String, expected: String) {
        #expect(feelText(feel(expression)) == expected)
    }

    @Test("time arithmetic", arguments: [
        (#"time("10:30:00") + duration("PT1H")"#, #"time("11:30:00")"#),
        (#"time("23:30:00") + duration("PT1H")"#, #"time("00:30:00")"#),
        (#"time("00:30:00Z") - duration("PT1H")"#, #"time("23:30:00Z")"#),
        (#"time("10:00:00") + duration("P2D")"#, #"time("10:00:00")"#),
        (#"time("12:00:00") - time("10:30:00")"#, #"duration("PT1H30M")"#),
        (#"time("10:00:00.75") + duration("PT0.5S")"#, #"time("10:00:01.25")"#),
    ])
    func timeArithmetic(expression: String, expected: String) {
        #expect(feelText(feel(expression)) == expected)
    }

    @Test("duration arithmetic", arguments: [
        (#"duration("P1D") + duration("PT12H")"#, #"duration("P1DT12H")"#),
        (#"duration("P1Y") - duration("P3M")"#, #"duration("P9M")"#),
        (#"duration("P1Y2M") + duration("P10M")"#, #"duration("P2Y")"#),
        (#"duration("PT1H") * 1.5"#, #"duration("PT1H30M")"#),
        (#"2 * duration("P1DT2H")"#, #"duration("P2DT4H")"#),
        (#"duration("P1Y") * 2"#, #"duration("P2Y")"#),
        (#"duration("P1Y") * 1.5"#, #"duration("P1Y6M")"#),
        (#"duration("P1Y") / 2"#, #"duration("P6M")"#),
        (#"duration("P1D") / 4"#, #"duration("PT6H")"#),
        (#"duration("P1D") / duration("PT1H")"#, "24"),
        (#"duration("P1Y") / duration("P1M")"#, "12"),
        (#"-duration("P1D")"#, #"duration("-P1D")"#),
        (#"duration("PT1H") - duration("PT2H")"#, #"duration("-PT1H")"#),
    ])
    func durationArithmetic(expression: String, expected: String) {
        #expect(feelText(feel(expression)) == expected)
    }

    @Test("temporal type mismatches are null and reported", arguments: [
        #"date("2025-01-01") + date("2025-01-02")"#, #"time("10:00:00") + duration("P1Y")"#, #"duration("P1D") / 0"#,
        #"duration("P1Y") - duration("P1D")"#, #"date("2025-01-01") * 2"#,
    ])
    func mismatches(expression: String) {
        let (value, problems) = feelWithProblems(expression)
        #expect(value == .null)
        #expect(problems.count == 1)
    }

    @Test("years and months duration", arguments: [
        (#"years and months duration(date("2011-12-22"), date("2013-08-24"))"#, #"duration("P1Y8M")"#),
        (#"years and months duration(date("2020-05-15"), date("2025-05-14"))"#, #"duration("P4Y11M")"#),
        (#"years and months duration(date("2020-05-15"), date("2025-05-15"))"#, #"duration("P5Y")"#),
        (#"years and months duration(date("2025-05-14"), date("2020-05-15"))"#, #"duration("-P4Y11M")"#),
        (#"years and months duration(date and time("2025-01-01T10:00:00"), date and time("2025-02-01T09:00:00"))"#, #"duration("P0M")"#),
        (#"years and months duration(date("2025-01-01"), null)"#, "null"),
    ])
    func yearsAndMonths(expression: String, expected: String) {
        #expect(feelText(feel(expression)) == expected)
    }

    // MARK: Properties, zones, comparison

    @Test("properties", arguments: [
        (#"date("2025-04-01").year"#, "2025"), (#"date("2025-04-01").month"#, "4"), (#"date("2025-04-01").day"#, "1"),
        (#"date("2025-04-01").weekday"#, "2"), (#"date and time("2025-04-01T10:20:30.5+09:00").hour"#, "10"),
        (#"date and time("2025-04-01T10:20:30.5+09:00").minute"#, "20"), (#"date and time("2025-04-01T10:20:30.5+09:00").second"#, "30.5"),
        (#"date and time("2025-04-01T10:20:30+09:00").time offset"#, #"duration("PT9H")"#),
        (#"date and time("2025-04-01T10:20:30@Asia/Tokyo").timezone"#, #""Asia/Tokyo""#),
        (#"date and time("2025-04-01T10:20:30").time offset"#, "null"),
        (#"time("10:20:30Z").hour"#, "10"), (#"time("10:20:30-05:00").time offset"#, #"duration("-PT5H")"#),
        (#"duration("P1Y2M").years"#, "1"), (#"duration("P1Y2M").months"#, "2"), (#"duration("-P1Y2M").months"#, "-2"),
        (#"duration("P1DT2H3M4.5S").days"#, "1"), (#"duration("P1DT2H3M4.5S").hours"#, "2"),
        (#"duration("P1DT2H3M4.5S").minutes"#, "3"), (#"duration("P1DT2H3M4.5S").seconds"#, "4.5"),
        (#"duration("P1DT2H").years"#, "null"),
    ])
    func properties(expression: String, expected: String) {
        #expect(feelText(feel(expression)) == expected)
    }

    @Test("IANA zones resolve to the offset in force")
    func zones() {
        #expect(feel(#"date and time("2025-01-15T10:00:00@Europe/Paris") = date and time("2025-01-15T09:00:00Z")"#) == true)
        #expect(feel(#"date and time("2025-07-15T10:00:00@Europe/Paris") = date and time("2025-07-15T08:00:00Z")"#) == true)
        #expect(feel(#"date and time("2025-03-29T12:00:00@Europe/Paris") + duration("P1D")"#)
                == feelDateTime("2025-03-30T10:00:00Z"))
    }

    @Test("order")
    func order() throws {
        let early = try #require(FEELDate(iso8601: "2025-01-01")), late = try #require(FEELDate(iso8601: "2025-12-31"))
        #expect(early < late)
        #expect([late, early].sorted() == [early, late])
        #expect(try #require(FEELTime(iso8601: "10:00:00+01:00")) < #require(FEELTime(iso8601: "10:00:00Z")))
        #expect(try #require(FEELDuration(iso8601: "PT59M")) < #require(FEELDuration(iso8601: "PT1H")))
        #expect(FEELDate(daysSinceEpoch: 0)?.description == "1970-01-01")
        #expect(FEELDate(iso8601: "2000-03-01")?.daysSinceEpoch == 11_017)
    }

    @Test("calendar functions", arguments: [
        (#"day of week(date("2025-04-01"))"#, #""Tuesday""#), (#"day of week(date("1970-01-01"))"#, #""Thursday""#),
        (#"day of year(date("2024-12-31"))"#, "366"), (#"week of year(date("2021-01-03"))"#, "53"),
        (#"week of year(date("2025-04-01"))"#, "14"), (#"month of year(date("2025-04-01"))"#, #""April""#),
        (#"day of week(date and time("2025-04-06T23:00:00"))"#, #""Sunday""#),
    ])
    func calendar(expression: String, expected: String) {
        #expect(feelText(feel(expression)) == expected)
    }
}
