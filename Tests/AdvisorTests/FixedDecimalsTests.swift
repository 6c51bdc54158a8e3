import Foundation
import Testing
@testable import Advisor

/// The timeline's figures are written by the C library's `%.1f` / `%.2f`; they must read exactly as Foundation's
/// `String(format:)` wrote them, ties and signs included.
@Suite struct FixedDecimalsTests {
    static let special: [Double] = [0, -0.0, 0.05, 0.15, 0.25, 0.35, 0.45, 1.25, 2.5, -2.5, 0.125, 0.005, 0.015, 0.995,
                                    9.95, 99.95, 1e-9, -1e-9, 1e15, 1e22, -1e300, .greatestFiniteMagnitude,
                                    .leastNonzeroMagnitude, .infinity, -.infinity, .nan]

    @Test(arguments: [1, 2, 4])
    func sameTextAsFoundation(places: Int) {
        var random = SystemRandomNumberGenerator()
        var values = Self.special
        for _ in 0..<5_000 { values.append(Double.random(in: -200...200, using: &random)) }
        // Halves and quarters of the last place: the ties `%f` rounds to even.
        for k in -2_000...2_000 { values.append(Double(k) / 40) }
        for _ in 0..<500 { values.append(Double(bitPattern: random.next())) }
        let differing = values.filter { FixedDecimals.text($0, places: places) != String(format: "%.\(places)f", $0) }
        #expect(differing.isEmpty, "\(differing.prefix(5).map { "\($0)" })")
    }

    /// The exact rounding without the C library: it must take every ordinary timeline number, and agree with
    /// Foundation on ties at every magnitude it takes (the product argument is tightest near its bound).
    @Test(arguments: [1, 2])
    func exactRoundingWithoutTheCLibrary(places: Int) throws {
        var random = SystemRandomNumberGenerator()
        var values = Self.special
        for exponent in -3...12 {
            let scale = pow(10, Double(exponent))
            for _ in 0..<400 { values.append(Double.random(in: -scale...scale, using: &random)) }
            for k in 0..<200 { values.append((Double(Int.random(in: -1_000_000...1_000_000, using: &random)) + Double(k % 4) / 4) * scale / 1000) }
        }
        for k in -2_000...2_000 { values.append(Double(k) / 40) }
        var differing: [Double] = []
        var taken = 0
        for value in values {
            guard let text = FixedDecimals.rounded(value, scale: places == 1 ? 10 : 100, places: places) else { continue }
            taken += 1
            if text != String(format: "%.\(places)f", value) { differing.append(value) }
        }
        #expect(differing.isEmpty, "\(differing.prefix(5).map { "\($0)" })")
        #expect(taken == values.filter { $0.magnitude < 1e13 }.count && taken > 10_000)
        #expect(FixedDecimals.rounded(.nan, scale: 10, places: 1) == nil && FixedDecimals.rounded(1e300, scale: 10, places: 1) == nil)
    }
}
