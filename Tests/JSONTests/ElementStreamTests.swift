import JSON
import XCTest

/// `forEachElement(ofArray:)` against the whole-document parser: the same values, the same refusals.
final class ElementStreamTests: XCTestCase {
    func elements(_ text: String, options: JSONParser.Options = .init()) -> Result<[JSON], JSONParseError> {
        var seen: [JSON] = []
        do {
            let n = try JSONParser.forEachElement(ofArray: Array(text.utf8), options: options) { seen.append($0); return true }
            XCTAssertEqual(n, seen.count)
            return .success(seen)
        } catch { return .failure(error) }
    }

    func testElementsAreThoseOfTheWholeParse() throws {
        for text in ["[]", " [ ] ", "[1]", #"[{"a":[1,{"b":null}]}, "x", -0.5e3, true, [], {}]"#, "[[[[]]]]"] {
            let whole = try JSONParser.parse(text)
            XCTAssertEqual(try elements(text).get(), whole.arrayValue, text)
        }
    }

    func testRefusalsMatchTheWholeParse() {
        for text in ["", "{}", "1", "[1,]", "[1 2]", "[1", #"[{"a":1,"a":2}]"#, "[1] x", "\u{FEFF}[1]", "[01]", #"["\u{1}"]"#] {
            guard case .failure(let streamed) = elements(text) else { XCTFail("accepted \(text)"); continue }
            if case .failure(let whole) = Result(catching: { try JSONParser.parse(text) }) as Result<JSON, Error>,
               let whole = whole as? JSONParseError, text.first == "[" {
                XCTAssertEqual(streamed.offset, whole.offset, text)
                XCTAssertEqual(streamed.code, whole.code, text)
            }
        }
    }

    func testDepthCountsTheArrayItself() throws {
        var options = JSONParser.Options(maxDepth: 3)
        XCTAssertNoThrow(try elements("[[[1]]]", options: options).get())
        XCTAssertThrowsError(try elements("[[[[1]]]]", options: options).get())
        XCTAssertThrowsError(try JSONParser.parse("[[[[1]]]]", options: options))
        options.maxDepth = 1
        XCTAssertNoThrow(try elements("[1, 2]", options: options).get())
        XCTAssertThrowsError(try elements("[[]]", options: options).get())
        XCTAssertThrowsError(try JSONParser.parse("[[]]", options: options))
    }

    func testTheBodyCanStopEarly() throws {
        var seen = 0
        let n = try JSONParser.forEachElement(ofArray: Array("[1, 2, 3, oops".utf8)) { _ in seen += 1; return seen < 2 }
        XCTAssertEqual(n, 2)
    }
}

/// `forEachElement(ofArrayMember:in:)`: the array member of an object, streamed.
final class MemberStreamTests: XCTestCase {
    func items(_ text: String) throws -> [JSON]? {
        var seen: [JSON] = []
        guard try JSONParser.forEachElement(ofArrayMember: "items", in: Array(text.utf8), { seen.append($0); return true }) != nil else {
            return nil
        }
        return seen
    }

    func testTheMembersElementsAreThoseOfTheWholeParse() throws {
        let text = #"{"took": 3, "errors": false, "nested": {"items": [9]}, "items": [{"create": {"status": 201}}, {"create": {"status": 409}}]}"#
        XCTAssertEqual(try items(text), try JSONParser.parse(text)["items"]?.arrayValue)
        XCTAssertNil(try items(#"{"took": 1}"#))
        XCTAssertEqual(try items(#"{"items": []}"#), [])
    }

    func testTheDocumentMustBeValidAsAWhole() {
        for bad in [#"{"items": [1], "x": }"#, #"{"items": [1], "items": [2]}"#, #"{"items": [1]} x"#, #"{"items": [1,]}"#, #"{"a": 1,}"#] {
            XCTAssertThrowsError(try items(bad), bad)
            XCTAssertThrowsError(try JSONParser.parse(bad), bad)
        }
        XCTAssertThrowsError(try items("[1]"), "not an object")
    }
}
