import JSON
import XCTest

final class LiteralAndObjectTests: XCTestCase {
    func testLiterals() {
        let none: JSON = nil
        let yes: JSON = true
        let int: JSON = -7
        let text: JSON = "é"
        let list: JSON = [1, nil]
        let object: JSONObject = ["b": 1, "a": 2]
        XCTAssertEqual(none, .null)
        XCTAssertEqual(yes, .bool(true))
        XCTAssertEqual(int.numberValue?.literal, "-7")
        XCTAssertEqual(text.stringValue, "é")
        XCTAssertEqual(list.arrayValue?.count, 2)
        XCTAssertEqual(Array(object.keys), ["b", "a"])
        // Canonically equivalent but different keys are both kept.
        let o: JSON = ["\u{E9}": 1, "e\u{301}": 2]
        XCTAssertEqual(o.objectValue?.count, 2)
    }

    func testObjectEditingAcrossTheIndexThreshold() {
        var o = JSONObject()
        for i in 0..<30 { o["k\(i)"] = .number(JSONNumber(i)) }
        XCTAssertEqual(o.count, 30)
        o["k3"] = nil
        o["k20"] = "x"
        o["new"] = true
        XCTAssertNil(o["k3"])
        XCTAssertEqual(o["k20"], "x")
        XCTAssertEqual(o.position(of: "new"), 29)
        XCTAssertEqual(o.position(of: "k4"), 3)
        for i in 0..<30 where i != 3 && i != 20 { XCTAssertEqual(o["k\(i)"]?.numberValue?.intValue, i) }
        while let key = o.keys.first { o[key] = nil }
        XCTAssertTrue(o.isEmpty)
        o["z"] = 1
        XCTAssertEqual(o["z"], 1)
    }

    func testMembersBorrowedInPlaceMatchMembers() {
        for size in [0, 1, 5, 20] {
            let members: [(key: String, value: JSON)] = (0..<size).map { ("key \($0) " + String(repeating: "é", count: $0), .string("v\($0)")) }
            let object = JSONObject(uniqueMembers: members)
            let borrowed = object.withMembers { m in (0..<m.count).map { (m.key($0).pointee, m.value($0).pointee) } }
            XCTAssertEqual(borrowed.map(\.0), members.map(\.key))
            XCTAssertEqual(borrowed.map(\.1), members.map(\.value))
            for (i, m) in members.enumerated() { XCTAssertEqual(object.position(of: m.key), i) }
            XCTAssertNil(object.position(of: "missing"))
        }
    }
}
