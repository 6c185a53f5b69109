import JSON
import JSONSchema
import XCTest

/// Messages and the three locations of errors for the main keywords.
final class ValidationErrorTests: XCTestCase {
    private func only(_ s: Schema, _ instance: String, file: StaticString = #filePath, line: UInt = #line) -> ValidationError? {
        let errors = s.validate(json(instance))
        XCTAssertEqual(errors.count, 1, "\(errors.map(\.description))", file: file, line: line)
        XCTAssertFalse(s.isValid(json(instance)), file: file, line: line)
        return errors.first
    }

    func testTypeError() throws {
        let s = try schema(#"{"properties": {"anumber": {"type": "number"}}}"#)
        let e = try XCTUnwrap(only(s, #"{"anumber": "one"}"#))
        XCTAssertEqual(e.description, #"/anumber: "one" is not of type "number""#)
        XCTAssertEqual(e.kind, .type(expected: ["number"]))
        XCTAssertEqual(e.instanceLocation, "/anumber")
        XCTAssertEqual(e.keywordLocation, "/properties/anumber/type")
        XCTAssertEqual(e.absoluteKeywordLocation, "json-schema:///#/properties/anumber/type")
    }

    func testFalseSchemaLocation() throws {
        let e = try XCTUnwrap(only(try schema(#"{"properties": {"foo": false}}"#), #"{"foo": 1}"#))
        XCTAssertEqual(e.description, "/foo: 1 is not allowed here (the schema is false)")
        XCTAssertEqual(e.keywordLocation, "/properties/foo")
        XCTAssertEqual(e.absoluteKeywordLocation, "json-schema:///#/properties/foo")
        let root = try XCTUnwrap(only(try schema("false"), "null"))
        XCTAssertEqual(root.keywordLocation, "")
        XCTAssertEqual(root.instanceLocation, "")
    }

    func testMultipleTypes() throws {
        let e = try XCTUnwrap(only(try schema(#"{"type": ["string", "null"]}"#), "3"))
        XCTAssertEqual(e.description, #"/: 3 is not of types "string", "null""#)
    }

    func testRequiredAtRoot() throws {
        let e = try XCTUnwrap(only(try schema(#"{"required": ["textblob"]}"#), "{}"))
        XCTAssertEqual(e.description, #"/: "textblob" is a required property"#)
        XCTAssertEqual(e.instanceLocation, "")
        XCTAssertEqual(e.keywordLocation, "/required")
    }

    func testAdditionalPropertyNamesTheProperty() throws {
        let s = try schema(#"{"properties": {"a": true}, "patternProperties": {"^x-": true}, "additionalProperties": false}"#)
        let e = try XCTUnwrap(only(s, #"{"a": 1, "x-b": 2, "foo": 3}"#))
        XCTAssertEqual(e.description, "/foo: additional property is not allowed")
        XCTAssertEqual(e.kind, .additionalProperty("foo"))
        XCTAssertEqual(e.keywordLocation, "/additionalProperties")
    }

    func testRefPathAndAbsoluteLocation() throws {
        let s = try schema(##"{"$id": "https://example.com/root.json", "$defs": {"pos": {"minimum": 0}}, "properties": {"a": {"$ref": "#/$defs/pos"}}}"##)
        let e = try XCTUnwrap(only(s, #"{"a": -1}"#))
        XCTAssertEqual(e.description, "/a: -1 is less than the minimum of 0")
        XCTAssertEqual(e.keywordLocation, "/properties/a/$ref/minimum")
        XCTAssertEqual(e.absoluteKeywordLocation, "https://example.com/root.json#/$defs/pos/minimum")
    }

    func testEmbeddedResourceLocation() throws {
        let s = try schema(#"{"$id": "https://example.com/root.json", "items": {"$id": "item.json", "maxLength": 2}}"#)
        let e = try XCTUnwrap(only(s, #"["ok", "long"]"#))
        XCTAssertEqual(e.instanceLocation, "/1")
        XCTAssertEqual(e.keywordLocation, "/items/maxLength")
        XCTAssertEqual(e.absoluteKeywordLocation, "https://example.com/item.json#/maxLength")
        XCTAssertEqual(e.description, #"/1: "long" is longer than 2 characters"#)
    }

    func testEscapedPointerTokens() throws {
        let s = try schema(#"{"properties": {"a/b~c": {"const": 1}}}"#)
        let e = try XCTUnwrap(only(s, #"{"a/b~c": 2}"#))
        XCTAssertEqual(e.instanceLocation, "/a~1b~0c")
        XCTAssertEqual(e.keywordLocation, "/properties/a~1b~0c/const")
        XCTAssertEqual(e.description, "/a~1b~0c: 1 was expected, not 2")
        // A combining mark after "~" makes one Character with it; the scalar must still be escaped.
        let s2 = try schema(#"{"additionalProperties": false}"#)
        let e2 = try XCTUnwrap(only(s2, "{\"~\u{301}/\": 1}"))
        XCTAssertEqual(e2.instanceLocation, "/~0\u{301}~1")
    }

    func testCombinatorMessages() throws {
        XCTAssertEqual(only(try schema(#"{"anyOf": [{"type": "string"}, {"minimum": 5}]}"#), "3")?.kind, .anyOf)
        XCTAssertEqual(only(try schema(#"{"oneOf": [{"minimum": 1}, {"minimum": 2}]}"#), "3")?.kind, .oneOfMultiple)
        XCTAssertEqual(only(try schema(#"{"oneOf": [{"minimum": 5}, {"minimum": 6}]}"#), "3")?.kind, .oneOfNone)
        let not = try XCTUnwrap(only(try schema(#"{"not": {"type": "integer"}}"#), "3"))
        XCTAssertEqual(not.description, #"/: 3 must not be valid under the "not" schema"#)
    }

    func testIfThenElseUsesBranchKeywordInPath() throws {
        let s = try schema(#"{"if": {"type": "integer"}, "then": {"minimum": 10}, "else": {"type": "string"}}"#)
        XCTAssertEqual(only(s, "3")?.keywordLocation, "/then/minimum")
        XCTAssertEqual(only(s, "null")?.keywordLocation, "/else/type")
        XCTAssertTrue(s.isValid(json("12")))
    }

    func testItemAndLengthMessages() throws {
        let s = try schema(#"{"prefixItems": [{"type": "string"}], "items": false}"#)
        let e = try XCTUnwrap(only(s, #"["a", 2]"#))
        XCTAssertEqual(e.description, "/1: additional item is not allowed")
        XCTAssertEqual(e.keywordLocation, "/items")
        // Code points, not UTF-16 units or grapheme clusters.
        let length = try schema(#"{"maxLength": 1}"#)
        XCTAssertTrue(length.isValid(.string("\u{1F600}")))
        XCTAssertFalse(length.isValid(.string("e\u{301}")))
    }

    func testUnevaluatedPropertyMessage() throws {
        let s = try schema(#"{"allOf": [{"properties": {"a": true}}], "unevaluatedProperties": false}"#)
        let e = try XCTUnwrap(only(s, #"{"a": 1, "b": 2}"#))
        XCTAssertEqual(e.description, "/b: unevaluated property is not allowed")
        XCTAssertEqual(e.keywordLocation, "/unevaluatedProperties")
    }

    func testNumericMessagesAreExact() throws {
        let s = try schema(#"{"multipleOf": 0.01, "exclusiveMaximum": 100}"#)
        XCTAssertTrue(s.isValid(json("19.99")))
        XCTAssertEqual(only(s, "0.015")?.description, "/: 0.015 is not a multiple of 0.01")
        XCTAssertEqual(only(s, "100")?.description, "/: 100 is greater than or equal to the exclusive maximum of 100")
    }

    func testDependentRequiredMessage() throws {
        let s = try schema(#"{"dependentRequired": {"card": ["billing"]}}"#)
        XCTAssertEqual(only(s, #"{"card": 1}"#)?.description, #"/: "billing" is a required property when "card" is present"#)
    }
}
