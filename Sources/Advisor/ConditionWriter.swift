import DecisionModel

/// Writes the answers behind a condition as combinations of answers. Where an upstream result that the report
/// lists itself is still open (the class, when the route is asked about), the result stands for the answers
/// behind it — "deviceClass = 2 and genericNameExists = no" rather than every way to reach Class II — but only
/// when that says exactly the same; otherwise the answers are written out.
final class ConditionWriter {
    let evaluation: OpenEvaluation
    let model: DMNModel
    /// What the graph says about who reads what, shared by the assessor's evaluations.
    let reads: GraphReads
    /// Decisions whose values the report shows (not lists), each with the keys it gives.
    var resultKeys: [String: [String]] { reads.resultKeys }
    let sources: [String: (decision: String, path: [String])]

    init(evaluation: OpenEvaluation, sources: [String: (decision: String, path: [String])], reads: GraphReads) {
        self.evaluation = evaluation
        model = evaluation.model
        self.sources = sources
        self.reads = reads
    }

    // Per writer (one assessment): what each decision can be, and what the graph says about who reads what.
    private var possibleCache: [String: [Possible]] = [:]
    /// By decisions and the results standing for answers: the answers that are not the decisions' own, and the
    /// possible answers with those left free.
    private var ownAnswers: [String: (others: OpenEvaluation.Variables, possible: Condition)] = [:]

    private func possible(_ decision: String) -> [Possible] {
        if let known = possibleCache[decision] { return known }
        let found = evaluation.possible(decision)
        possibleCache[decision] = found
        return found
    }

    /// An open upstream result that can stand for the answers behind it: its readings (equal readings joined) and
    /// the keys it names that differ between them, with how many values each takes.
    private struct Stand {
        var decision: String
        var readings: [(value: FEELValue, condition: Condition, sample: FEELValue)]
        /// The answers some reading holds under (all its readings joined).
        var covered: Condition
        var keys: [String]
        var distinct: [String: Int]
    }

    /// By `decisions` (sorted, joined): the upstream results that can stand for answers, in dependency order. They
    /// do not depend on the condition written, and the alternatives write tens of conditions for the same decisions.
    private var standsCache: [String: [Stand]] = [:]

    private func stands(for decisions: Set<String>, key: String) -> [Stand] {
        if let known = standsCache[key] { return known }
        var found: [Stand] = []
        for (decision, fields) in reads.upstream(of: decisions, key: key) {
            // Equal readings of the fields the decisions read joined.
            var readings: [(value: FEELValue, condition: Condition, sample: FEELValue)] = []
            let all = possible(decision)
            guard all.allSatisfy({ $0.value != nil && $0.loose.isEmpty }) else { continue }
            for option in all {
                let reading = fields.map { project(option.value!, $0) }.map { FEELValue.list($0) } ?? option.value!
                if let i = readings.firstIndex(where: { $0.value == reading }) { readings[i].condition = evaluation.or(readings[i].condition, option.condition) }
                else { readings.append((reading, option.condition, option.value!)) }
            }
            guard readings.count > 1 else { continue }
            var distinct: [String: Int] = [:]
            let keys = (resultKeys[decision] ?? []).filter { key in
                guard fields.map({ $0.contains(sources[key]?.path.first ?? "") }) ?? true else { return false }
                let count = Set(all.map { self.value(key, in: $0.value!).description }).count
                distinct[key] = count
                return count > 1
            }
            let covered = readings.reduce(Condition.never) { evaluation.or($0, $1.condition) }
            found.append(Stand(decision: decision, readings: readings, covered: covered, keys: keys, distinct: distinct))
        }
        standsCache[key] = found
        return found
    }

    /// The conditions of a result of `decisions`.
    func when(_ condition: Condition, for decisions: Set<String>) -> [[AnswerCondition]] {
        let decisionsKey = decisions.sorted().joined(separator: ",")
        var combinations: [(results: [AnswerCondition], condition: Condition)] = [([], .always)]
        var used: Set<String> = []
        var readingCounts: [String: Int] = [:]
        let stands = stands(for: decisions, key: decisionsKey)
        for stand in stands {
            for key in stand.keys { readingCounts[key] = stand.distinct[key] }
            var next: [(results: [AnswerCondition], condition: Condition)] = []
            for reading in stand.readings where evaluation.intersects(reading.condition, condition) {
                let named = stand.keys.map { AnswerCondition(input: $0, value: value($0, in: reading.sample), isResult: true) }
                for partial in combinations {
                    let both = evaluation.and(partial.condition, reading.condition)
                    if !both.isNever { next.append((partial.results + named, both)) }
                }
            }
            combinations = next
            used.insert(stand.decision)
        }
        guard !used.isEmpty else { return evaluation.cover(condition) }
        let ownKey = decisionsKey + "|" + used.sorted().joined(separator: ",")
        let (others, ownPossible) = ownAnswers[ownKey] ?? {
            let others = evaluation.variables(of: Set(evaluation.variables.map(\.input)).subtracting(reads.ownInputs(decisions, stoppingAt: used, key: ownKey)))
            return (others, evaluation.exists(evaluation.possibleAnswers, variables: others))
        }()
        ownAnswers[ownKey] = (others, ownPossible)
        // Exact only when the results carry everything the other answers contribute — the combinations, each with the
        // rest of its answers, say the condition again; checked before the rests are written, which would otherwise be
        // thrown away. A combination with its rest holds at least where it meets the condition, so they say it again
        // exactly when none holds more and together they hold wherever it does: where every result has a reading.
        guard stands.allSatisfy({ evaluation.isSubset(condition, of: $0.covered) }) else { return evaluation.cover(condition) }
        var rests: [(results: [AnswerCondition], rest: Condition)] = []
        for combination in combinations {
            let inside = evaluation.and(condition, combination.condition)
            if inside.isNever { continue }
            let rest = evaluation.exists(inside, variables: others)
            guard evaluation.and(combination.condition, rest) == inside else { return evaluation.cover(condition) }
            rests.append((combination.results, rest))
        }
        let paths = rests.flatMap { combination in evaluation.cover(combination.rest, possible: ownPossible).map { combination.results + $0 } }
        return Self.joinResults(paths, readings: readingCounts).enumerated()
            .sorted { ($0.element.count, $0.offset) < ($1.element.count, $1.offset) }.map(\.element)
    }

    /// Paths alike but for one result's value are one path with several values, or none when they take every
    /// value the result can have.
    static func joinResults(_ paths: [[AnswerCondition]], readings: [String: Int]) -> [[AnswerCondition]] {
        var result = paths
        for key in readings.keys.sorted() {
            var joined: [[AnswerCondition]] = []
            // The paths in `joined` that name the result, by the shape of the rest of the path, in order: a path
            // joins the first of them whose rest equals its own, found without comparing it with every other.
            var naming: [Int: [Int]] = [:]
            for path in result {
                guard let own = path.first(where: { $0.isResult && $0.input == key }) else { joined.append(path); continue }
                let shape = Self.shape(path, apart: key)
                if let i = naming[shape]?.first(where: { i in
                    joined[i].contains { $0.isResult && $0.input == key } && Self.equal(joined[i], path, apart: key)
                }) {
                    var merged = joined[i]
                    let k = merged.firstIndex { $0.isResult && $0.input == key }!
                    let values = merged[k].values + own.values.filter { !merged[k].values.contains($0) }
                    if values.count >= readings[key]! { merged.remove(at: k) } else { merged[k].values = values }
                    joined[i] = merged
                } else {
                    naming[shape, default: []].append(joined.count)
                    joined.append(path)
                }
            }
            result = joined
        }
        return result
    }

    /// Whether the two paths are equal once the result `key` is left out of both (without copying them).
    private static func equal(_ a: [AnswerCondition], _ b: [AnswerCondition], apart key: String) -> Bool {
        var i = 0, j = 0
        while true {
            while i < a.count, a[i].isResult && a[i].input == key { i += 1 }
            while j < b.count, b[j].isResult && b[j].input == key { j += 1 }
            if i == a.count || j == b.count { return i == a.count && j == b.count }
            guard a[i] == b[j] else { return false }
            i += 1; j += 1
        }
    }

    /// A hash of what paths equal apart from the result `key` share (names, ranges, how many values), not of the
    /// values themselves. Of a name or range, its length and last byte: collisions only cost a comparison, and
    /// hashing the strings cost more.
    private static func shape(_ path: [AnswerCondition], apart key: String) -> Int {
        var word: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ x: Int) { word = (word ^ UInt64(bitPattern: Int64(x))) &* 0x100_0000_01B3 }
        for condition in path where !(condition.isResult && condition.input == key) {
            mix(condition.input.utf8.count)
            mix(Int(condition.input.utf8.last ?? 0))
            mix(condition.isResult ? 1 : 0)
            mix(condition.test.map { $0.utf8.count * 256 + Int($0.utf8.last ?? 0) } ?? -1)
            mix(condition.values.count)
        }
        return Int(truncatingIfNeeded: word)
    }

    private func project(_ whole: FEELValue, _ fields: [String]) -> [FEELValue] {
        fields.map { field in
            if case .context(let c) = whole { return c[field] ?? .null }
            return whole
        }
    }

    /// The fields of `name` that a text reads (`name.field`), or nil when it reads the whole value.
    static func reads(of name: String, in text: String) -> Set<String>? {
        if let read = asciiReads(of: name, in: text) { return read }
        return characterReads(of: name, in: text)
    }

    static func characterReads(of name: String, in text: String) -> Set<String>? {
        var fields: Set<String> = []
        var rest = Substring(text)
        while let range = rest.range(of: name) {
            let after = rest[range.upperBound...]
            let before = range.lowerBound == rest.startIndex ? nil : rest[rest.index(before: range.lowerBound)]
            rest = after
            if let before, before.isLetter || before.isNumber || before == "_" || before == "." { continue }
            if after.first == "." {
                fields.insert(String(after.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" }))
            } else if after.first.map({ $0.isLetter || $0.isNumber || $0 == "_" }) != true {
                return nil
            }
        }
        return fields
    }

    /// `characterReads` for an ASCII text and name; nil (outside) for a text or name that is not ASCII, left to
    /// Foundation's search, which compares Characters. Searching the bytes costs a hundredth of Foundation's
    /// `range(of:)`, and the alternatives read every output entry of the tables downstream of a result.
    static func asciiReads(of name: String, in text: String) -> Set<String>?? {
        // Read in place where the strings hold their bytes together (native strings do): the tables' texts are
        // thousands, and copying each into an array cost more than the search.
        var name = name, text = text
        return name.withUTF8 { needle in text.withUTF8 { hay in asciiReads(of: needle, in: hay) } }
    }

    private static func asciiReads(of needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>) -> Set<String>?? {
        guard !needle.isEmpty, needle.allSatisfy({ $0 < 0x80 }), hay.allSatisfy({ $0 < 0x80 }) else { return .none }
        func isWord(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F }
        var fields: Set<String> = []
        // As the search it stands for, each match is looked for after the last and sees nothing before that.
        var i = 0, from = 0
        while i + needle.count <= hay.count {
            guard hay[i] == needle[0], hay[i..<(i + needle.count)].elementsEqual(needle) else { i += 1; continue }
            let end = i + needle.count
            defer { i = end; from = end }
            if i > from, isWord(hay[i - 1]) || hay[i - 1] == 0x2E { continue }
            if end < hay.count, hay[end] == 0x2E {
                var j = end + 1
                while j < hay.count, isWord(hay[j]) { j += 1 }
                fields.insert(String(decoding: hay[(end + 1)..<j], as: UTF8.self))
            } else if end < hay.count, isWord(hay[end]) {
                continue
            } else {
                return .some(nil)
            }
        }
        return .some(fields)
    }

    private func value(_ key: String, in whole: FEELValue) -> FEELValue {
        var current = whole
        for field in sources[key]?.path ?? [] {
            if case .context(let c) = current { current = c[field] ?? .null } else { current = .null }
        }
        return current
    }
}
