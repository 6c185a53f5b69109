import JSON
import JSONSchema
import XCTest

/// Keyword behaviour the suite does not pin down.
final class KeywordsTests: XCTestCase {
    func testManyDeclaredPropertiesAndExactNames() throws {
        let names = (0..<20).map { "p\($0)" } + ["e\u{301}"]
        let properties = names.map { "\"\($0)\": {\"type\": \"integer\"}" }.joined(separator: ", ")
        let s = try schema("{\"properties\": {\(properties)}, \"additionalProperties\": false}")
        XCTAssertTrue(s.isValid(json(#"{"p0": 1, "p19": 2}"#)))
        XCTAssertTrue(s.isValid(.object(JSONObject(uniqueMembers: [("e\u{301}", .number(JSONNumber(1)))]))))
        // The precomposed "é" is a different key from "e" + combining accent.
        let precomposed = JSON.object(JSONObject(uniqueMembers: [("\u{E9}", .number(JSONNumber(1)))]))
        XCTAssertEqual(s.validate(precomposed).map(\.kind), [.additionalProperty("\u{E9}")])
        XCTAssertEqual(s.validate(json(#"{"p3": "x", "zz": 1}"#)).map(\.description),
                       [#"/p3: "x" is not of type "integer""#, "/zz: additional property is not allowed"])
    }

    func testContainsBounds() throws {
        let s = try schema(#"{"contains": {"type": "integer"}, "minContains": 2, "maxContains": 3}"#)
        XCTAssertFalse(s.isValid(json(#"[1, "a"]"#)))
        XCTAssertTrue(s.isValid(json(#"[1, 2, "a"]"#)))
        XCTAssertEqual(s.validate(json("[1, 2, 3, 4]")).map(\.description), ["/: [1,2,3,4] contains more than 3 matching items"])
        XCTAssertEqual(s.validate(json("[1]")).map(\.description), ["/: [1] contains fewer than 2 matching items"])
    }

    func testUnevaluatedItemsSeesNestedAnnotations() throws {
        let s = try schema(#"{"prefixItems": [true], "anyOf": [{"prefixItems": [true, {"type": "string"}]}, true], "unevaluatedItems": false}"#)
        XCTAssertTrue(s.isValid(json(#"[1, "a"]"#)))
        XCTAssertEqual(s.validate(json("[1, 2]")).map(\.description), ["/1: unevaluated item is not allowed"])
    }

    func testDependentRequiredTakesOnlyNameArrays() throws {
        for value in [#"{"type": "string"}"#, "true", "false"] {
            let error = compileError(#"{"dependentRequired": {"a": \#(value)}}"#)
            XCTAssertEqual(error?.code, .invalidKeyword, value)
            XCTAssertEqual(error.map { "\($0)".contains("an object of string arrays") }, true, value)
        }
        XCTAssertEqual(compileError(#"{"dependentSchemas": {"a": ["b"]}}"#)?.code, .invalidKeyword)
        // draft 7 `dependencies` takes both forms.
        let s = try schema(#"{"$schema": "http://json-schema.org/draft-07/schema#", "dependencies": {"a": ["b"], "c": {"required": ["d"]}}}"#)
        XCTAssertFalse(s.isValid(json(#"{"a": 1}"#)))
        XCTAssertFalse(s.isValid(json(#"{"c": 1}"#)))
        XCTAssertTrue(s.isValid(json(#"{"a": 1, "b": 2, "c": 3, "d": 4}"#)))
    }

    func testFewDeclaredPropertiesMatchByExactBytes() throws {
        let s = try schema(#"{"properties": {"": {"type": "integer"}, "ab": {"type": "string"}, "e\u0301": {"type": "null"}}, "additionalProperties": false}"#)
        XCTAssertTrue(s.isValid(json(#"{"": 1, "ab": "x", "e\u0301": null}"#)))
        XCTAssertFalse(s.isValid(json(#"{"": "1"}"#)))
        XCTAssertFalse(s.isValid(json(#"{"ab": 1}"#)))
        // Same length as a declared name, different bytes; and the precomposed form of "e\u0301".
        XCTAssertFalse(s.isValid(json(#"{"ac": "x"}"#)))
        XCTAssertFalse(s.isValid(json(#"{"\u00e9": null}"#)))
        XCTAssertEqual(s.validate(json(#"{"ab": 1, "zz": 2}"#)).map(\.description),
                       [#"/ab: 1 is not of type "string""#, "/zz: additional property is not allowed"])
    }

    func testRequiredInAnyOrderWithRepeatsAndLongNames() throws {
        // `required` holds when every listed name is a member, whatever the order, however often
        // a name is listed (2020-12 validation, section 6.5.3).
        let s = try schema(#"{"required": ["a", "b", "a", "a_long_name_past_8_bytes"]}"#)
        XCTAssertTrue(s.isValid(json(#"{"a": 1, "b": 2, "a_long_name_past_8_bytes": 3}"#)))
        XCTAssertTrue(s.isValid(json(#"{"a_long_name_past_8_bytes": 3, "z": 0, "b": 2, "a": 1}"#)))
        XCTAssertFalse(s.isValid(json(#"{"a": 1, "b": 2, "a_long_name_past_8_bytes_": 3}"#)))
        XCTAssertFalse(s.isValid(json(#"{"a": 1, "b": 2, "a_long_name_past_8_bytez": 3}"#)))
        XCTAssertFalse(s.isValid(json(#"{"a": 1, "b": 2, "c": 3, "d": 4}"#)))
        XCTAssertFalse(s.isValid(json(#"{"b": 2, "a_long_name_past_8_bytes": 3}"#)))
        XCTAssertTrue(s.isValid(json("[1]")))
        XCTAssertEqual(s.validate(json(#"{"b": 1}"#)).map(\.kind),
                       [.required("a"), .required("a"), .required("a_long_name_past_8_bytes")])
        // More names than the scanned set holds (hashed lookup), one missing.
        let names = (0..<12).map { "n\($0)" }
        let many = try schema("{\"required\": [\(names.map { "\"\($0)\"" }.joined(separator: ", "))]}")
        func object(_ keys: [String]) -> JSON { json("{" + keys.map { "\"\($0)\": 0" }.joined(separator: ", ") + "}") }
        XCTAssertTrue(many.isValid(object(names.reversed())))
        XCTAssertFalse(many.isValid(object(names.map { $0 == "n7" ? "n77" : $0 })))
    }

    func testPropertiesAndAdditionalPropertiesInAnyOrder() throws {
        let s = try schema(#"{"properties": {"a": {"type": "integer"}, "b": {"type": "string"}, "": {"type": "null"}}, "additionalProperties": false}"#)
        XCTAssertTrue(s.isValid(json(#"{"b": "x", "": null, "a": 1}"#)))
        XCTAssertFalse(s.isValid(json(#"{"b": "x", "a": "1"}"#)))
        XCTAssertFalse(s.isValid(json(#"{"b": 1, "a": 1}"#)))
        XCTAssertFalse(s.isValid(json(#"{"a": 1, "b": "x", "c": 1}"#)))
        XCTAssertFalse(s.isValid(json(#"{"": 0}"#)))
    }

    func testItemErrorsAreFoundAmongValidItemsAtAnyDepth() throws {
        // Only the failing items have errors, each at its own instance location, in order.
        let s = try schema(#"{"items": {"type": "object", "properties": {"a": {"type": "integer"}}}}"#)
        XCTAssertEqual(s.validate(json(#"[{"a": 1}, {"a": "x"}, {"a": 2}, {"a": "y"}, 5]"#)).map(\.description),
                       [#"/1/a: "x" is not of type "integer""#, #"/3/a: "y" is not of type "integer""#,
                        #"/4: 5 is not of type "object""#])
        XCTAssertEqual(s.validate(json(#"[{"a": 1}, {"b": "x"}]"#)).map(\.description), [])
        // Arrays nested deeper than the fast check goes: the innermost failure is still found.
        let nested = try schema(##"{"$defs": {"n": {"type": ["integer", "array"], "items": {"$ref": "#/$defs/n"}}}, "$ref": "#/$defs/n"}"##)
        var text = "\"x\""
        for _ in 0..<12 { text = "[1, \(text), 2]" }
        XCTAssertFalse(nested.isValid(json(text)))
        let path = String(repeating: "/1", count: 12)
        XCTAssertEqual(nested.validate(json(text)).map(\.description), [#"\#(path): "x" is not of types "integer", "array""#])
        XCTAssertTrue(nested.validate(json(String(text.map { $0 == "x" ? "3" : $0 }).filter { $0 != "\"" })).isEmpty)
    }

    func testUnevaluatedPropertiesOnObjectsWithManyMembers() throws {
        // Members past the 64th are tracked too; evaluated ones come from properties,
        // patternProperties and a valid allOf branch (2020-12 core, section 11.3).
        let s = try schema(#"{"properties": {"p0": true, "p99": true}, "patternProperties": {"^q": true}, "allOf": [{"properties": {"p70": true}}], "unevaluatedProperties": false}"#)
        func object(_ keys: [String]) -> JSON { json("{" + keys.map { "\"\($0)\": 0" }.joined(separator: ", ") + "}") }
        let qs = (0..<80).map { "q\($0)" }
        XCTAssertTrue(s.isValid(object(qs + ["p0", "p70", "p99"])))
        XCTAssertTrue(s.isValid(object(["p99"] + qs + ["p70"])))
        XCTAssertFalse(s.isValid(object(qs + ["p0", "p71"])))
        XCTAssertEqual(s.validate(object(qs + ["x", "p70", "y"])).map(\.kind), [.unevaluatedProperty("x"), .unevaluatedProperty("y")])
        XCTAssertFalse(s.isValid(object(["x"] + qs)))
    }

    func testUnevaluatedPropertiesBesideAFailingReference() throws {
        // A failing subschema's annotations are dropped (2020-12 core, section 7.7.1.2): beside
        // a `$ref` that fails, none of the members count as evaluated, in the error list too.
        let s = try schema(##"{"$defs": {"a": {"properties": {"x": {"type": "integer"}}}}, "$ref": "#/$defs/a", "unevaluatedProperties": false}"##)
        XCTAssertEqual(s.validate(json(#"{"x": "s", "y": 1}"#)).map(\.kind).filter { if case .unevaluatedProperty = $0 { true } else { false } },
                       [.unevaluatedProperty("x"), .unevaluatedProperty("y")])
        XCTAssertEqual(s.validate(json(#"{"x": 1, "y": 1}"#)).map(\.kind), [.unevaluatedProperty("y")])
        XCTAssertTrue(s.isValid(json(#"{"x": 1}"#)))
    }
}
