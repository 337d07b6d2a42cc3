@testable import Decisions
import Foundation
import PropertyBased
import Synchronization
import Testing

/// Reading a file a batch at a time must give what reading it whole gives: the same
/// documents in the same order, or the same problems at the same lines and columns.
@Suite("reading a long file a batch at a time")
struct DocumentBatchReaderTests {
    enum Outcome: Equatable {
        case read([DecisionDocument])
        case refused([DocumentProblem])
    }

    static func whole(_ text: String) -> Outcome {
        do {
            return .read(try DocumentReader.read(text, file: "f.json"))
        } catch {
            return .refused((error as? DocumentError)?.problems ?? [])
        }
    }

    static func batched(_ text: String, size: Int) -> Outcome {
        do {
            var reader = try DocumentBatchReader(text, file: "f.json", batchSize: size)
            var documents: [DecisionDocument] = []
            var batches = 0
            while let batch = try reader.next() {
                documents += batch
                batches += 1
            }
            #expect(batches == (reader.count + size - 1) / size)
            return reader.problems.isEmpty ? .read(documents) : .refused(reader.problems)
        } catch {
            return .refused((error as? DocumentError)?.problems ?? [])
        }
    }

    static func expectSame(_ text: String, sizes: [Int] = [1, 2, 3, 50], sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = whole(text)
        for size in sizes {
            #expect(batched(text, size: size) == expected, "batches of \(size): \(text)", sourceLocation: sourceLocation)
        }
    }

    static let good = #"{"body": "Kunnanhallitus", "title": "Päätös", "total": "1 000 €", "cost_shares": [{"year": 2020, "amount": "1 000 €"}]}"#

    @Test("a pretty-printed array with problems in several documents: the same problems, lines and columns")
    func pretty() {
        Self.expectSame("""
            [
              \(Self.good),
              {"body": "Kunnanhallitus", "title": "Väärä", "unknown": 1},
              \(Self.good),
              {"body": "Kunnanhallitus",
               "title": "Toinen",
               "total": "12abc"},
              {"title": "Ilman toimielintä"}
            ]
            """)
    }

    @Test("one line: columns count characters after the earlier elements, multi-byte ones included")
    func oneLine() {
        Self.expectSame(#"[{"body": "Ääö", "title": "😀 ok"}, {"body": "Ü", "title": 5, "x": 1}, {"body": "B", "title": "t\u0001"}]"#)
        Self.expectSame(#"  [{"body":"a","title":"b"},{"body":"a"},{"title":"[x], {y}, \"z\" \\"}]  "#)
    }

    @Test("a file of good documents reads to the same documents, in order")
    func allGood() {
        let text = "[" + Array(repeating: Self.good, count: 7).joined(separator: ",\n") + "]"
        Self.expectSame(text)
        #expect(Self.whole(text) != .refused([]))
    }

    @Test("a syntax error inside an element is reported as for the whole file")
    func syntaxError() {
        Self.expectSame(#"[{"body": "a", "title": "b"}, {"body": "a" "title": "b"}]"#)
        Self.expectSame(#"[{"body": "a", "title": "b"}, {"body": "a", "body": "b", "title": "c"}]"#)
    }

    @Test(
        "files that are not one plain JSON array are read whole, with the same result",
        arguments: [
            "- body: Kunnanhallitus\n  title: A\n- body: K\n",
            "body: Kunnanhallitus\ntitle: A\n",
            "[{body: Kunnanhallitus, title: 'A'}]",
            "[{\"body\": \"K\", \"title\": \"A\"}] # comment",
            "[{\"body\": \"K\", \"title\": \"A\"}]\n---\n[{\"body\": \"K\", \"title\": \"B\"}]",
            "[]", "[,]", "[{\"body\": \"K\"},]", "[{\"body\": \"K\", \"title\": \"A\"}", "\u{FEFF}[{\"body\": \"K\", \"title\": \"A\"}]",
            "[{\"body\": \"K\", \"title\": \"A\u{0}\"}]", "[&a {\"body\": \"K\", \"title\": \"A\"}, *a]", "",
        ])
    func fallback(_ text: String) {
        Self.expectSame(text)
    }

    @Test("the splitter finds each object's text and where it starts")
    func splitter() throws {
        let elements = try #require(JSONArraySplitter.elements(of: "[\n  {\"a\": \"],{\\\"\"}  ,\n\t{\"ö\": [1, {}]}, {} ]"))
        #expect(elements.map { String($0.text) } == ["{\"a\": \"],{\\\"\"}", "{\"ö\": [1, {}]}", "{}"])
        #expect(elements.map(\.line) == [2, 3, 3])
        #expect(elements.map(\.column) == [3, 2, 18])
        for text in ["{\"a\": 1}", "[1]", "[{}] x", "[\"unclosed]", "[{\"a\": \"x\u{2028}y\"}]", "[{\"a\": 1}\r]", "[{\"a\": b\"c\"}]",
                     "[{\"a\": 1} {\"b\": 2}]", "\t[{}]", "[{}]\t", "[- a]", "[{\"a\": \"x\\\ny\"}]", "[{\"a\": \"x\u{0}\"}]"] {
            #expect(JSONArraySplitter.elements(of: text) == nil, "\(text)")
        }
    }

    @Test(
        "files the splitter leaves to the whole-file reader read the same (found in review)",
        arguments: [
            "[\n\t{\"body\": \"K\", \"title\": \"A\"},\n\t{\"body\": \"K\", \"title\": 5}\n]",
            "[{\"body\": \"K\", \"title\": \"A\u{2028}B\"},\n{\"body\": \"K\", \"x\": 1}]",
            "[{\"body\": \"K\", \"title\": \"A\"},\r{\"body\": \"K\", \"x\": 1}]",
            "[{\"title\": a\"b}, {\"body\": c\"}]", "[\n- a\n]",
            "[{\"body\": \"K\", \"title\": \"A\\\n B\"}, {\"x\": 1}]",
        ])
    func reviewed(_ text: String) {
        Self.expectSame(text)
    }

    @Test("a tab-indented JSON file is split, and reads the same")
    func tabIndented() {
        let text = "[\n\t" + Array(repeating: Self.good, count: 3).joined(separator: ",\n\t") + "\n]\n"
        #expect(JSONArraySplitter.elements(of: text)?.count == 3)
        Self.expectSame(text)
        #expect(Self.whole(text) != .refused([]))
        if case .refused(let problems) = Self.whole(text) { Issue.record("\(problems)") }
    }

    static let fields = [
        #""body": "Kunnanhallitus""#, #""title": "Päätös""#, #""title": "a\u0001b""#, #""total": "1 000 €""#, #""total": "12abc""#,
        #""unknown": 1"#, #""cost_shares": [{"year": 2020, "amount": "200 €"}]"#, #""cost_shares": [{"year": "x"}]"#,
        #""deadlines": [{"kind": "reply_by", "date": "20.2.2020"}]"#, #""meeting": {"date": "31.2.2020"}"#,
        #""case": {"diary_number": "2265/15.151/2020"}"#, #""description": "[x], {y} \"z\" ö😀""#, #""title": 5"#,
    ]
    static let extras = [
        #""total": "1 000 €""#, #""cost_shares": [{"year": 2020, "amount": "200 €"}]"#, #""description": "[x], {y} \"z\" ö😀""#,
        #""deadlines": [{"kind": "reply_by", "date": "20.2.2020"}]"#, #""case": {"diary_number": "2265/15.151/2020"}"#,
    ]
    static let spaces = ["", " ", "\n", "\n  ", "\t", " \r\n", "\n\t"]

    /// An array of documents built from `choices`: which fields, in which layout.
    static func arrayText(_ choices: [Int]) -> String {
        var choices = choices.makeIterator()
        func next(_ count: Int) -> Int { (choices.next() ?? 0) % count }
        let before = spaces[next(spaces.count)]
        let between = spaces[next(spaces.count)]
        var elements: [String] = []
        for _ in 0...next(8) {
            let space = spaces[next(spaces.count)]
            // Most documents start good, so that whole files of good ones come up too.
            let chosen = next(4) == 0
                ? (0..<next(6)).map { _ in fields[next(fields.count)] }
                : [#""body": "Kunnanhallitus""#, #""title": "Päätös""#] + (0..<next(3)).map { _ in extras[next(extras.count)] }
            elements.append("{" + space + chosen.joined(separator: "," + space) + space + "}")
        }
        return before + "[" + between + elements.joined(separator: between + "," + before) + between + "]" + before
    }

    @Test("seeded random arrays of good and bad documents read the same in batches as whole")
    func random() async {
        let outcomes = Mutex((read: 0, refused: 0))
        await propertyCheck(count: 300, input: Gen.int(in: 0..<1_000_000).array(of: 40...40), Gen.int(in: 1...4)) { choices, size in
            let text = Self.arrayText(choices)
            let whole = Self.whole(text)
            #expect(Self.batched(text, size: size) == whole, "\(text)")
            outcomes.withLock { if case .read = whole { $0.read += 1 } else { $0.refused += 1 } }
        }
        // Both kinds of file came up.
        #expect(outcomes.withLock { $0.read > 20 && $0.refused > 20 })
    }

    static let mutations = ["\"", "\\", "{", "}", "[", "]", ",", ":", "\t", "\n", "\r", "#", "'", "a", "-", "\u{2028}", " ", "ö", "&", "1"]

    @Test("seeded random files with random characters inserted read the same in batches as whole")
    func mutated() async {
        await propertyCheck(count: 400, input: Gen.int(in: 0..<1_000_000).array(of: 46...46), Gen.int(in: 1...3)) { choices, size in
            var text = Array(Self.arrayText(Array(choices.prefix(40))).unicodeScalars)
            for k in 0..<3 where choices[43 + k] % 3 != 0 {
                let scalar = Array(Self.mutations[choices[43 + k] / 3 % Self.mutations.count].unicodeScalars)
                text.insert(contentsOf: scalar, at: choices[40 + k] % (text.count + 1))
            }
            var mutated = ""
            mutated.unicodeScalars.append(contentsOf: text)
            #expect(Self.batched(mutated, size: size) == Self.whole(mutated), "\(mutated.debugDescription)")
        }
    }
}
