import DecisionModel
import Foundation
import Testing
@testable import Advisor

@Suite struct BatchAssessmentTests {
    /// Every line parsed as JSON, in the order written.
    static func run(_ profiles: [BatchProfile], rules: RuleSet, workers: Int = 2) throws -> (lines: [[String: Any]], failed: Int) {
        var batch = BatchAssessment(rules: rules, asOf: "2026-12-03", language: .en)
        batch.workers = workers
        var lines: [[String: Any]] = []
        var parseFailure: Error?
        let failed = batch.run(profiles, emit: { line in
            #expect(!line.json.contains("\n"))
            do { lines.append(try #require(try JSONSerialization.jsonObject(with: Data(line.json.utf8)) as? [String: Any])) }
            catch { parseFailure = error }
        })
        if let parseFailure { throw parseFailure }
        return (lines, failed)
    }

    static func csv(_ text: String) throws -> String {
        let path = Fixtures.temporaryFile("batch.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func csvRowsGiveOneLineEachAndBadRowsGiveErrorLines() throws {
        let rules = try Fixtures.mini()
        let path = try Self.csv("""
        id,device,kind,size,heavy
        small,A small box,box,3,false
        typo,,square,3,maybe
        ,Open size,box,?,
        short,box

        """)
        let profiles = try BatchProfiles.load(path, rules: rules)
        let (lines, failed) = try Self.run(profiles, rules: rules)
        #expect(failed == 2)
        #expect(lines.map { $0["id"] as? String } == ["small", "typo", "4", "short"])
        #expect(lines.map { ($0["row"] as? NSNumber)?.intValue } == [2, 3, 4, 5])
        #expect(lines.allSatisfy { $0["file"] as? String == path })

        // A good line is the single assessment's JSON with the profile's place in front.
        var answers = Answers(device: "A small box")
        answers["kind"] = .value(.string("box"))
        answers["size"] = .value(.number(3))
        answers["heavy"] = .value(.boolean(false))
        let single = AssessmentJSON.document(Assessor(rules: rules).assess(answers, asOf: "2026-12-03"), language: .en,
                                              citations: rules.citations)
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(single.compact().utf8)) as? NSDictionary)
        var first = lines[0]
        for key in ["id", "file", "row"] { first[key] = nil }
        #expect(NSDictionary(dictionary: first) == expected)

        let typo = try #require(lines[1]["error"] as? String)
        #expect(typo.contains(":3: error: column 'kind'") && typo.contains("column 'heavy'"))
        #expect((lines[1]["problems"] as? [Any])?.count == 2)
        #expect((lines[3]["error"] as? String)?.contains("2 fields where the header has 5") == true)
        // Empty and ? are unknown, so the open size is asked about rather than guessed.
        #expect(lines[2]["error"] == nil)
        #expect((lines[2]["openQuestions"] as? [String])?.contains("size") == true)
    }

    /// Cells are read once per text for the whole batch: padded cells read as the bare value, a value read before
    /// reads the same again, and a bad value is refused in every row that has it (failures are not remembered).
    @Test func cellsReadOncePerTextReadAsEachRowAlone() throws {
        let rules = try Fixtures.mini()
        let path = try Self.csv("id,kind,size,heavy\nplain,box,3,false\npadded, box ,\t3 ,false\nbad1,square,3,maybe\n"
            + "bad2,square,3,maybe\nagain,box,3,false\n")
        let profiles = try BatchProfiles.load(path, rules: rules)
        let (lines, failed) = try Self.run(profiles, rules: rules)
        #expect(failed == 2)
        func assessment(_ line: [String: Any]) -> NSDictionary {
            var line = line
            for key in ["id", "file", "row"] { line[key] = nil }
            return NSDictionary(dictionary: line)
        }
        #expect(lines[0]["error"] == nil)
        #expect(assessment(lines[1]) == assessment(lines[0]), "padded cells read as the bare values")
        #expect(assessment(lines[4]) == assessment(lines[0]), "a value read before reads the same")
        for (i, row) in [(2, 4), (3, 5)] {
            let error = try #require(lines[i]["error"] as? String)
            #expect(error.contains(":\(row): error: column 'kind'") && error.contains("column 'heavy'"))
        }
    }

    /// A column of ever new numbers keeps only its first texts; past the limit its cells read the same, unkept.
    @Test func theCellMemoKeepsToItsLimitPerColumn() throws {
        let rules = try Fixtures.mini()
        let read = ReadCells(limit: 3)
        let columns = ["id", "kind", "size"]
        var sizes: [Answers.Answer?] = []
        for size in 1...6 {
            let row = CSV.Row(line: size + 1, fields: ["p\(size)", "box", String(size)])
            sizes.append(try BatchProfiles.answers(row, columns: columns, file: "t.csv", rules: rules, read: read)["size"])
        }
        #expect(read.kept("size") == 3 && read.kept("kind") == 1)
        #expect(read.answer("size", "3") != nil && read.answer("size", "4") == nil)
        #expect(sizes == (1...6).map { .value(.number(FEELNumber(String($0))!)) })
    }

    @Test func aBadHeaderStopsTheBatchBeforeItStarts() throws {
        let rules = try Fixtures.mini()
        let path = try Self.csv("kind,weight,kind\nbox,3,box\n")
        #expect {
            try BatchProfiles.load(path, rules: rules)
        } throws: { error in
            let text = (error as? AdvisorError)?.description ?? ""
            return text.contains("column 2 'weight' is not an input name") && text.contains("column 3 'kind' appears twice")
        }
    }

    @Test func aFolderOfAnswerFilesInNameOrder() throws {
        let rules = try Fixtures.mini()
        let folder = Fixtures.temporaryFile("batch")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var answers = Answers()
        answers["kind"] = .value(.string("cloud"))
        try AnswersFile.save(answers, to: folder + "/b-cloud.xml")
        try "<answers xmlns=\"urn:yakuji:answers:1\"><answer name=\"kind\">box".write(toFile: folder + "/a-broken.xml", atomically: true, encoding: .utf8)
        try "not a profile".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        let (lines, failed) = try Self.run(try BatchProfiles.load(folder, rules: rules), rules: rules)
        #expect(failed == 1)
        #expect(lines.map { $0["id"] as? String } == ["a-broken", "b-cloud"])
        #expect(lines[0]["row"] is NSNull)
        #expect((lines[0]["error"] as? String)?.contains("a-broken.xml:1") == true)
        #expect(lines[1]["regulatoryCategory"] as? String == "not-a-device")
    }

    @Test("order kept across chunks and workers", arguments: [1, 3])
    func orderIsKeptAcrossChunks(workers: Int) throws {
        let rules = try Fixtures.mini()
        let rows = (0..<300).map { "p\($0),\(["box", "ball", "cloud"][$0 % 3]),\($0 % 20)" }
        let path = try Self.csv("id,kind,size\n" + rows.joined(separator: "\n") + "\n")
        let (lines, failed) = try Self.run(try BatchProfiles.load(path, rules: rules), rules: rules, workers: workers)
        #expect(failed == 0)
        #expect(lines.map { $0["id"] as? String } == (0..<300).map { "p\($0)" })
        #expect(lines.map { $0["regulatoryCategory"] as? String }
                == (0..<300).map { $0 % 3 == 2 ? "not-a-device" : "medical-device" })
    }

    /// A CSV streamed a chunk at a time gives the lines of the same CSV read whole, and counts its profiles first.
    @Test func aStreamedCSVGivesTheLinesOfOneReadWhole() throws {
        let rules = try Fixtures.mini()
        let rows = (0..<150).map { "p\($0),\(["box", "ball", "cloud", "square"][$0 % 4]),\($0 % 20)" }
        let path = try Self.csv("id,kind,size\n" + rows.joined(separator: "\n\n") + "\n")
        let source = try BatchProfiles.open(path, rules: rules)
        #expect(source.count == 150)
        var batch = BatchAssessment(rules: rules, asOf: "2026-12-03", language: .en)
        batch.workers = 1
        var streamed: [String] = [], done: [Int] = []
        let failed = batch.run(source, emit: { streamed.append($0.json) }, progress: { done.append($0) })
        #expect(source.next(10).isEmpty)
        #expect(done == [64, 128, 150])
        var whole: [String] = []
        let failedWhole = batch.run(try BatchProfiles.load(path, rules: rules), emit: { whole.append($0.json) })
        #expect(streamed == whole)
        #expect(failed == failedWhole && failed > 0)
    }

    @Test func overridesApplyToEveryProfile() throws {
        let rules = try Fixtures.mini()
        let path = try Self.csv("kind\nbox\nball\n")
        var batch = BatchAssessment(rules: rules, asOf: "2026-12-03", language: .en)
        batch.overrides["kind"] = .value(.string("cloud"))
        var categories: [String] = []
        _ = batch.run(try BatchProfiles.load(path, rules: rules), emit: { line in
            if let json = try? JSONSerialization.jsonObject(with: Data(line.json.utf8)) as? [String: Any] {
                categories.append(json["regulatoryCategory"] as? String ?? "")
            }
        })
        #expect(categories == ["not-a-device", "not-a-device"])
    }

    /// Equal profiles are assessed once: their lines are still each profile's own assessment, in its own place.
    @Test func equalProfilesGiveTheLineTheirOwnAssessmentWould() throws {
        let rules = try Fixtures.mini()
        // r1 and r2 share every cell but the id; r3 writes the unknown size as "?" instead of empty, so it shares
        // r1's answers but not its cells; r4 differs by one answer; r5 repeats r4 with a device label.
        let path = try Self.csv("""
        id,device,kind,size,heavy
        r1,,box,,false
        r2,,box,,false
        r3,,box,?,false
        r4,,box,,true
        r5,Crate,box,,true

        """)
        let profiles = try BatchProfiles.load(path, rules: rules)
        let (lines, failed) = try Self.run(profiles, rules: rules, workers: 1)
        #expect(failed == 0)
        #expect(lines.map { $0["id"] as? String } == ["r1", "r2", "r3", "r4", "r5"])
        #expect(lines.map { ($0["row"] as? NSNumber)?.intValue } == [2, 3, 4, 5, 6])
        for (line, profile) in zip(lines, profiles) {
            let single = AssessmentJSON.document(Assessor(rules: rules).assess(try profile.read(rules), asOf: "2026-12-03"),
                                                 language: .en, citations: rules.citations)
            let expected = try #require(try JSONSerialization.jsonObject(with: Data(single.compact().utf8)) as? NSDictionary)
            var own = line
            for key in ["id", "file", "row"] { own[key] = nil }
            #expect(NSDictionary(dictionary: own) == expected, "\(profile.id)")
        }
        func withoutPlace(_ line: [String: Any]) -> NSDictionary {
            var own = line
            for key in ["id", "file", "row"] { own[key] = nil }
            return NSDictionary(dictionary: own)
        }
        #expect(withoutPlace(lines[0]) == withoutPlace(lines[1]) && withoutPlace(lines[0]) == withoutPlace(lines[2]))
        #expect(withoutPlace(lines[3]) != withoutPlace(lines[0]) && withoutPlace(lines[4]) != withoutPlace(lines[3]))
    }

    @Test func theMemoFindsEqualAnswersAndKeepsToItsBound() throws {
        let memo = BatchMemo()
        var a = Answers(device: "A")
        a["kind"] = .value(.string("box"))
        a["size"] = .unknown
        var b = a
        b["size"] = .value(.number(3))
        let x = Array("{\"x\":1}".utf8)
        memo.remember(a, x)
        #expect(memo.known(a) == x)
        #expect(memo.known(b) == nil)
        var c = a
        c.device = "B"
        #expect(memo.known(c) == nil)
        memo.remember(cells: ["", "box"], Array("{}".utf8))
        #expect(memo.known(cells: ["", "box"]) == Array("{}".utf8))
        #expect(memo.known(cells: ["", "ball"]) == nil)
        // Past its bound it remembers nothing more, and still answers for what it holds.
        memo.remember(b, [UInt8](repeating: UInt8(ascii: "y"), count: BatchMemo.capacity))
        #expect(memo.known(b) == nil)
        #expect(memo.known(a) == x)
    }
}
