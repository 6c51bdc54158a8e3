import DecisionModel
import Foundation
import Synchronization

/// The result of the lag model for one route: months to a Japanese submission and decision, the lag behind the
/// reference market and its split, with the plan (stages and figures) it came from.
public struct TimelineEstimate: Sendable {
    /// A figure's 50th and 80th percentile in months, rounded to a tenth.
    public struct Range: Sendable, Equatable {
        public var p50: Double
        public var p80: Double

        init(_ values: [Double]) {
            p50 = Self.round(values[0])
            p80 = Self.round(values[1])
        }

        public init(p50: Double, p80: Double) {
            self.p50 = p50
            self.p80 = p80
        }

        static func round(_ x: Double) -> Double {
            let r = (x * 10).rounded() / 10
            return r == 0 ? 0 : r   // no -0.0
        }

        var feel: FEELValue { .context(FEELContext([("p50", Self.number(p50)), ("p80", Self.number(p80))])) }

        static func number(_ x: Double) -> FEELValue {
            .number(FEELNumber(FixedDecimals.text(x, places: 1)) ?? FEELNumber(0))
        }

        public var text: String { "\(FixedDecimals.text(p50, places: 1))–\(FixedDecimals.text(p80, places: 1))" }
    }

    public struct DateRange: Sendable, Equatable {
        public var p50: FEELDate
        public var p80: FEELDate
    }

    public var plan: TimelinePlan { didSet { rendered = Rendered() } }
    public var asOf: FEELDate
    public var draws: Int { didSet { rendered = Rendered() } }
    public var seed: UInt64 { didSet { rendered = Rendered() } }
    /// Filing → decision in Japan.
    public var review: Range { didSet { rendered = Rendered() } }
    /// Start of Japanese work → filing.
    public var submission: Range { didSet { rendered = Rendered() } }
    /// Start of Japanese work → decision.
    public var decision: Range { didSet { rendered = Rendered() } }
    /// Japanese decision − reference decision (negative: Japan first), and its split.
    public var lag: Range? { didSet { rendered = Rendered() } }
    public var applicationLag: Range? { didSet { rendered = Rendered() } }
    public var reviewLag: Range? { didSet { rendered = Rendered() } }
    public var probabilityJapanFirst: Double? { didSet { rendered = Rendered() } }
    /// Calendar dates, when the timeline is anchored in time (a reference date, or a start on the as-of date).
    public var submissionDate: DateRange? { didSet { rendered = Rendered() } }
    public var decisionDate: DateRange? { didSet { rendered = Rendered() } }
    /// The reference decision lies before the as-of date in most draws, so Japanese work starts on the as-of date.
    public var startsOnAsOf: Bool
    /// Median start of the reference review relative to the start of Japanese work, and its length.
    public var referenceStart: Double?
    public var referenceLength: Range?
    /// The JSON of the contract value once made, shared by the copies of one estimate (the route alternatives that
    /// come to the same plan carry copies of one), made afresh once a figure it shows changes.
    var rendered = Rendered()

    final class Rendered: Sendable {
        let json = Mutex<JSONValue?>(nil)
    }

    /// The `timeline` object of CONTRACT §4, with a few added members (`figures`, `strategy`, `reference`,
    /// `japanSubmissionDates`, `japanDecisionDates`, `assumptions`).
    public var contractValue: FEELValue {
        func optional(_ range: Range?) -> FEELValue { range?.feel ?? .null }
        func dates(_ range: DateRange?) -> FEELValue {
            range.map { .context(FEELContext([("p50", .date($0.p50)), ("p80", .date($0.p80))])) } ?? .null
        }
        let stages: [FEELValue] = plan.stages.map { stage in
            let source = Citations.withoutResearchNotes(stage.source)
            let sourceValue: FEELValue = source.isEmpty ? .null : .string(source)
            return .context(FEELContext([
                ("stage", .string(stage.stage)),
                ("p50", Range.number(stage.p50)),
                ("p80", Range.number(stage.p80)),
                ("source", sourceValue),
                ("figure", .string(stage.figure)),
                ("phase", .string(stage.phase.rawValue)),
                ("cycles", .number(FEELNumber(stage.cycles))),
                ("probability", stage.probabilityFigure == nil ? .null : .number(FEELNumber(String(stage.probability)) ?? FEELNumber(1))),
                ("rule", stage.rule.map { .string("\($0.decision) row \($0.row)" + ($0.id.map { " (\($0))" } ?? "")) } ?? .null),
            ]))
        }
        return .context(FEELContext([
            ("reviewMonths", review.feel),
            ("japanSubmissionMonths", submission.feel),
            ("japanDecisionMonths", decision.feel),
            ("lagMonths", optional(lag)),
            ("applicationLagMonths", optional(applicationLag)),
            ("reviewLagMonths", optional(reviewLag)),
            ("probabilityJapanFirst", probabilityJapanFirst.map { .number(FEELNumber(FixedDecimals.text($0, places: 2)) ?? FEELNumber(0)) } ?? .null),
            ("stages", .list(stages)),
            ("draws", .number(FEELNumber(draws))),
            ("seed", .number(FEELNumber(String(seed)) ?? FEELNumber(0))),
            ("figures", .list(plan.stages.map { .string($0.figure) })),
            ("strategy", plan.strategy.map(FEELValue.string) ?? .null),
            ("reference", plan.referenceMarket == nil ? .null : .context(FEELContext([
                ("market", plan.referenceMarket.map(FEELValue.string) ?? .null),
                ("route", plan.referenceRoute.map(FEELValue.string) ?? .null),
                ("submissionDate", plan.referenceSubmissionDate.map(FEELValue.date) ?? .null),
                ("decisionDate", plan.referenceDecisionDate.map(FEELValue.date) ?? .null),
            ]))),
            ("japanSubmissionDates", dates(submissionDate)),
            ("japanDecisionDates", dates(decisionDate)),
            ("assumptions", .list(plan.assumptions.map { rule in
                .context(FEELContext([("decision", .string(rule.decision)), ("rule", rule.id.map(FEELValue.string) ?? .null)]))
            })),
        ]))
    }

    /// The JSON `timeline` object on its own (`yakuji lag --format json`).
    public var json: JSONValue {
        if let known = rendered.json.withLock({ $0 }) { return known }
        let made = contractValue.json
        rendered.json.withLock { $0 = made }
        return made
    }
}
