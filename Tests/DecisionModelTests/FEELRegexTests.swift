import Testing
@testable import DecisionModel

@Suite("FEEL regular expressions")
struct FEELRegexTests {
    @Test("XPath semantics of matches, replace and split", arguments: [
        (#"matches("abc", "[a-z]{3}")"#, "true"), (#"matches("ab1", "^[a-z]{3}$")"#, "false"),
        (#"matches("foobar", "^fo*")"#, "true"), (#"matches("FOO", "foo", "i")"#, "true"),
        (#"matches("a\nb", "^b$")"#, "false"), (#"matches("a\nb", "^b$", "m")"#, "true"),
        (#"matches("a\nb", "a.b")"#, "false"), (#"matches("a\nb", "a.b", "s")"#, "true"),
        (#"matches("abc", "a b c", "x")"#, "true"), (#"matches("a.c", "a.c", "q")"#, "true"),
        (#"matches("abc", "a.c", "q")"#, "false"), (#"matches("Zürich", "^\p{Lu}\p{Ll}+$")"#, "true"),
        (#"matches("薬事", "^\p{IsCJKUnifiedIdeographs}+$")"#, "true"), (#"matches("x1", "\w\d")"#, "true"),
        (#"matches("b", "[a-z-[aeiou]]")"#, "true"), (#"matches("e", "^[a-z-[aeiou]]$")"#, "false"),
        (#"matches("a-", "^[a\-]+$")"#, "true"), (#"matches("12", "^(?:1|12)$")"#, "true"),
        (#"replace("abracadabra", "a.*?a", "*")"#, #""*c*bra""#), (#"replace("abracadabra", "a.*a", "*")"#, #""*""#),
        (#"replace("AAAA", "A+?", "b")"#, #""bbbb""#), (#"replace("darted", "^(.*?)d(.*)$", "$1c$2")"#, #""carted""#),
        (#"replace("abcd", "(ab)|(a)", "[1=$1][2=$2]")"#, #""[1=ab][2=]cd""#),
        (#"replace("facetiously", "[iouy]", "[$0]")"#, #""facet[i][o][u]sl[y]""#),
        (#"replace("0123456789", "(\d{3})(\d{3})(\d{4})", "($1) $2-$3")"#, #""(012) 345-6789""#),
        (#"replace("a$b", "\$", "\\$")"#, #""a$b""#), (#"replace("a.b", ".", "$1", "q")"#, #""a$1b""#),
        (#"replace("abc", "[A-Z]", "-", "i")"#, #""---""#), (#"replace("a b c d ", "[a-z]", "-", "x")"#, #""- - - - ""#),
        (#"split("a;b;;c", ";")"#, #"["a", "b", "", "c"]"#), (#"split("John Doe", "\s")"#, #"["John", "Doe"]"#),
        (#"split("a1b22c", "\d+")"#, #"["a", "b", "c"]"#), (#"split("a,b,", ",")"#, #"["a", "b", ""]"#),
    ])
    func semantics(expression: String, expected: String) {
        #expect(feelText(feel(expression)) == expected)
    }

    @Test("bad patterns, flags and replacements are errors", arguments: [
        #"matches("a", "(")"#, #"matches("a", "[a")"#, #"matches("a", "a{2,1}")"#, #"matches("a", "*a")"#,
        #"matches("a", "a", "g")"#, #"matches("aa", "(a)\1")"#, #"matches("a", "\p{Xx}")"#, #"matches("a", "\k")"#,
        #"replace("abc", "x*", "-")"#, #"split("abc", "")"#, #"replace("abc", "b", "$")"#, #"replace("abc", "b", "\\n")"#,
        #"matches("a", "((((a){1000}){1000}){1000})")"#,
    ])
    func errors(expression: String) {
        let (value, problems) = feelWithProblems(expression)
        #expect(value == .null)
        #expect(problems.count == 1)
    }

    /// Patterns that take exponential time in a backtracking engine; here each is linear (a hang would stall the suite).
    @Test("catastrophic patterns run in linear time", arguments: [
        #"(a+)+$"#, #"(a|aa)+$"#, #"(a|a)*b"#, #"(a*)*b"#, #"^(\w+\s?)*$"#, #"(x+x+)+y"#,
    ])
    func catastrophic(pattern: String) {
        let input = String(repeating: "a", count: 5_000) + "!"
        let bindings: [String: FEELValue] = ["input": .string(input), "pattern": .string(pattern)]
        #expect(feel("matches(input, pattern)", bindings) != .null)
    }

    @Test("a step budget ends pathological work in an error")
    func budget() throws {
        // Every search from each `a` reads on to the end looking for an `x`: quadratic, so the budget ends it.
        let expression = try FEELRegex("a(?:.*x)?")
        let input = Array(String(repeating: "a", count: 2_000).unicodeScalars)
        var budget = 100_000, position = 0
        #expect(throws: FEELProblem.self) {
            while let match = try expression.firstMatch(in: input, from: position, budget: &budget) { position = match[1] }
        }
        #expect(position > 0)
    }
}
