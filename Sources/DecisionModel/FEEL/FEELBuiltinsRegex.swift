/// `matches`, `replace` and `split` (DMN 1.5, 10.3.4.3, after XPath's fn:matches, fn:replace and fn:tokenize),
/// on `FEELRegex`: linear in the input, whatever the pattern.
extension FEELBuiltins {
    static let regexFunctions: [FEELBuiltin] = [
        FEELBuiltin(name: "matches", signatures: [["input", "pattern"], ["input", "pattern", "flags"]],
                    variadic: false) { (a: [FEELValue]) throws(FEELProblem) in
            let input = try string(a[0], "matches", "input")
            let expression = try regex(a[1], a.count == 3 ? a[2] : .null, "matches")
            let allowed = FEELRegex.allowance()
            var budget = allowed
            defer { FEELRegex.charge(allowed - budget) }
            return .boolean(try expression.firstMatch(in: scalars(input), from: 0, budget: &budget) != nil)
        },
        FEELBuiltin(name: "replace", signatures: [["input", "pattern", "replacement"], ["input", "pattern", "replacement", "flags"]],
                    variadic: false) { (a: [FEELValue]) throws(FEELProblem) in
            let input = scalars(try string(a[0], "replace", "input"))
            let expression = try regex(a[1], a.count == 4 ? a[3] : .null, "replace")
            let template = try ReplacementTemplate(try string(a[2], "replace", "replacement"), for: expression)
            let allowed = FEELRegex.allowance()
            var budget = allowed
            defer { FEELRegex.charge(allowed - budget) }
            var output = String.UnicodeScalarView()
            var position = 0
            while position <= input.count, let match = try expression.firstMatch(in: input, from: position, budget: &budget) {
                output.append(contentsOf: input[position..<match[0]])
                template.expand(match, input, into: &output)
                position = match[1]
            }
            if position < input.count { output.append(contentsOf: input[position...]) }
            return .string(String(output))
        },
        FEELBuiltin(name: "split", signatures: [["string", "delimiter"]], variadic: false) { (a: [FEELValue]) throws(FEELProblem) in
            let input = scalars(try string(a[0], "split", "string"))
            let expression = try regex(a[1], .null, "split")
            let allowed = FEELRegex.allowance()
            var budget = allowed
            defer { FEELRegex.charge(allowed - budget) }
            var parts: [FEELValue] = []
            var position = 0
            while position <= input.count, let match = try expression.firstMatch(in: input, from: position, budget: &budget) {
                parts.append(.string(text(input[position..<match[0]])))
                position = match[1]
            }
            parts.append(.string(text(input[min(position, input.count)...])))
            return .list(parts)
        },
    ]

    /// The pattern compiled with its flags. `replace` and `split` refuse a pattern that matches the empty
    /// string (XPath error FORX0003): it would match between every two characters.
    static func regex(_ pattern: FEELValue, _ flags: FEELValue, _ function: String) throws(FEELProblem) -> FEELRegex {
        let patternText = try string(pattern, function, "pattern")
        var flagText = ""
        switch flags {
        case .string(let text): flagText = text
        case .null: break
        default: throw FEELProblem("\(function): flags must be a string, not \(flags.typeName)")
        }
        let expression: FEELRegex
        do throws(FEELProblem) {
            expression = try FEELRegex(patternText, flags: flagText)
        } catch {
            throw FEELProblem("\(function): \(error.message)")
        }
        if function != "matches" {
            let allowed = FEELRegex.allowance()
            var budget = allowed
            defer { FEELRegex.charge(allowed - budget) }
            if try expression.firstMatch(in: [], from: 0, budget: &budget) != nil {
                throw FEELProblem("\(function): the pattern '\(patternText)' matches the empty string")
            }
        }
        return expression
    }

    /// A `replace` replacement: text, `$n` (group n, empty when the group took no part), `\$` and `\\`.
    struct ReplacementTemplate {
        enum Part { case text(String.UnicodeScalarView), group(Int) }
        var parts: [Part] = []

        init(_ replacement: String, for expression: FEELRegex) throws(FEELProblem) {
            var text = String.UnicodeScalarView()
            if expression.literal {
                parts = [.text(replacement.unicodeScalars)]
                return
            }
            let scalars = Array(replacement.unicodeScalars)
            var index = 0
            func digit(_ i: Int) -> Int? {
                i < scalars.count && ("0"..."9").contains(scalars[i]) ? Int(scalars[i].value - 48) : nil
            }
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "\\" {
                    guard index + 1 < scalars.count, scalars[index + 1] == "\\" || scalars[index + 1] == "$" else {
                        throw FEELProblem("replace: '\\' in the replacement must be followed by '\\' or '$'")
                    }
                    text.append(scalars[index + 1])
                    index += 2
                } else if scalar == "$" {
                    guard var group = digit(index + 1) else {
                        throw FEELProblem("replace: '$' in the replacement must be followed by a group number")
                    }
                    index += 2
                    // `$12` is group 12 when there is one, else group 1 and the text "2" (XPath fn:replace).
                    while let more = digit(index), group * 10 + more <= expression.groupCount {
                        group = group * 10 + more
                        index += 1
                    }
                    parts.append(.text(text))
                    text = String.UnicodeScalarView()
                    parts.append(.group(group))
                } else {
                    text.append(scalar)
                    index += 1
                }
            }
            parts.append(.text(text))
        }

        func expand(_ match: [Int], _ input: [Unicode.Scalar], into output: inout String.UnicodeScalarView) {
            for part in parts {
                switch part {
                case .text(let text): output.append(contentsOf: text)
                case .group(let group):
                    guard 2 * group + 1 < match.count, match[2 * group] >= 0, match[2 * group + 1] >= 0 else { continue }
                    output.append(contentsOf: input[match[2 * group]..<match[2 * group + 1]])
                }
            }
        }
    }
}
