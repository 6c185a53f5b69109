import JSON
import JSONSchema
import XCTest

/// Subschemas are found by the exact code points of their JSON Pointer tokens, resource URIs and
/// anchor names: Swift's `String` equality (canonical equivalence) and its grapheme clusters (a
/// combining mark fuses with the `/` before it) must not merge or split locations.
final class SchemaLocationTests: XCTestCase {
    func testCanonicallyEquivalentPropertyNamesKeepTheirOwnSchemas() throws {
        // U+00E9 and e + U+0301 look alike but are different JSON object keys.
        let s = try schema(#"{"properties": {"\u00e9": {"type": "string"}, "e\u0301": {"type": "integer"}}}"#)
        XCTAssertTrue(s.isValid(json(#"{"e\u0301": 5}"#)))
        XCTAssertFalse(s.isValid(json(#"{"e\u0301": "five"}"#)))
        XCTAssertTrue(s.isValid(json(#"{"\u00e9": "five", "e\u0301": 5}"#)))
        XCTAssertFalse(s.isValid(json(#"{"\u00e9": 5}"#)))
        XCTAssertEqual(s.validate(json(#"{"\u00e9": 5, "e\u0301": "five"}"#)).count, 2)
    }

    func testReferencesToCanonicallyEquivalentDefinitionsStayApart() throws {
        let defs = #""$defs": {"\u00e9": {"type": "string"}, "e\u0301": {"type": "integer"}}"#
        let decomposed = try schema(##"{\##(defs), "$ref": "#/$defs/e%CC%81"}"##)
        XCTAssertTrue(decomposed.isValid(1))
        XCTAssertFalse(decomposed.isValid("one"))
        let composed = try schema(##"{\##(defs), "$ref": "#/$defs/%C3%A9"}"##)
        XCTAssertTrue(composed.isValid("one"))
        XCTAssertFalse(composed.isValid(1))
    }

    func testNamesStartingWithACombiningMarkCompile() throws {
        // Rendered as a pointer, "/" + U+0301 is one grapheme cluster.
        let s = try schema(#"{"properties": {"\u0301x": {"type": "string"}}}"#)
        XCTAssertFalse(s.isValid(json(#"{"\u0301x": 1}"#)))
        XCTAssertTrue(s.isValid(json(#"{"\u0301x": "one"}"#)))
        let ref = try schema(##"{"$defs": {"\u0301": {"type": "integer"}}, "$ref": "#/$defs/%CC%81"}"##)
        XCTAssertTrue(ref.isValid(1))
        XCTAssertFalse(ref.isValid("one"))
    }

    func testEscapedSlashAndTildeFollowedByACombiningMark() throws {
        let s = try schema(##"""
            {"$defs": {"a/\u0301": {"type": "integer"}, "b~\u0301": {"type": "string"}},
             "properties": {"x": {"$ref": "#/$defs/a~1%CC%81"}, "y": {"$ref": "#/$defs/b~0%CC%81"}}}
            """##)
        XCTAssertTrue(s.isValid(json(#"{"x": 1, "y": "one"}"#)))
        XCTAssertFalse(s.isValid(json(#"{"x": "one"}"#)))
        XCTAssertFalse(s.isValid(json(#"{"y": 1}"#)))
    }

    func testCanonicallyEquivalentResourceURIsStayApart() throws {
        let s = try schema(#"""
            {"$defs": {"a": {"$id": "http://example.com/caf\u00e9.json", "type": "string"},
                       "b": {"$id": "http://example.com/cafe\u0301.json", "type": "integer"}},
             "properties": {"s": {"$ref": "http://example.com/caf\u00e9.json"},
                            "i": {"$ref": "http://example.com/cafe\u0301.json"}}}
            """#)
        XCTAssertTrue(s.isValid(json(#"{"s": "x", "i": 1}"#)))
        XCTAssertFalse(s.isValid(json(#"{"s": 1}"#)))
        XCTAssertFalse(s.isValid(json(#"{"i": "x"}"#)))
    }

    func testCanonicallyEquivalentAnchorsStayApart() throws {
        let s = try schema(##"""
            {"$defs": {"a": {"$anchor": "caf\u00e9", "type": "string"},
                       "b": {"$anchor": "cafe\u0301", "type": "integer"}},
             "properties": {"s": {"$ref": "#caf\u00e9"}, "i": {"$ref": "#cafe\u0301"}}}
            """##)
        XCTAssertTrue(s.isValid(json(#"{"s": "x", "i": 1}"#)))
        XCTAssertFalse(s.isValid(json(#"{"s": 1}"#)))
        XCTAssertFalse(s.isValid(json(#"{"i": "x"}"#)))
    }

    func testCanonicallyEquivalentDynamicAnchorsStayApart() throws {
        // The outer resource redefines only the decomposed name; the composed one stays static.
        let s = try schema(##"""
            {"$id": "http://example.com/outer",
             "$ref": "inner",
             "$defs": {
               "override": {"$dynamicAnchor": "cafe\u0301", "type": "integer"},
               "inner": {"$id": "inner",
                         "properties": {"s": {"$dynamicRef": "#caf\u00e9"}, "i": {"$dynamicRef": "#cafe\u0301"}},
                         "$defs": {"a": {"$dynamicAnchor": "caf\u00e9", "type": "string"},
                                   "b": {"$dynamicAnchor": "cafe\u0301", "type": "boolean"}}}}}
            """##)
        XCTAssertTrue(s.isValid(json(#"{"s": "x", "i": 1}"#)))
        XCTAssertFalse(s.isValid(json(#"{"i": true}"#)))
        XCTAssertFalse(s.isValid(json(#"{"s": 1}"#)))
    }
}
