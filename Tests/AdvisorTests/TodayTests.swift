import Foundation
import Testing
@testable import Advisor

@Suite struct TodayTests {
    @Test func todayIsTheUTCDateFoundationGives() {
        let formatter = DateFormatter()
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        let before = formatter.string(from: Date())
        let today = Today.iso()
        let after = formatter.string(from: Date())
        // A run across midnight UTC may see either day.
        #expect(today == before || today == after)
    }

    @Test(arguments: [(2026, 12, 4, "2026-12-04"), (2027, 1, 31, "2027-01-31"), (999, 10, 10, "0999-10-10")])
    func digitsArePadded(year: Int, month: Int, day: Int, expected: String) {
        #expect(Today.iso(year: year, month: month, day: day) == expected)
    }
}
