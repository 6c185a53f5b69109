import JSON
import JSONSchema
import XCTest

/// The public API around validation: drafts, options, error cap, basic output, compile errors.
final class SchemaTests: XCTestCase {
    /// The schema the old proxy shipped: both problems of a bad document are reported.
    func testLegacyProxySchemaReportsBothErrors() throws {
        let s = try schema(##"""
            {"$schema": "http://json-schema.org/draft-04/schema#", "type": "object",
             "properties": {"agree": {"type": "boolean"}, "anumber": {"type": "number"},
                            "textblob": {"type": "string"}, "ipaddr": {"type": "string", "format": "ipv4"}},
             "required": ["anumber", "textblob", "ipaddr"], "additionalProperties": false}
            """##)
        let bad = json(#"{"agree": true, "anumber": "one", "textblob": "hello", "ipaddr": "999.1.1.1"}"#)
        XCTAssertFalse(s.isValid(bad))
        XCTAssertEqual(s.validate(bad).map(\.description), [
            #"/anumber: "one" is not of type "number""#,
            #"/ipaddr: "999.1.1.1" is not a valid ipv4 address"#,
        ])
        let good = json(#"{"agree": true, "anumber": 1.5, "textblob": "hello", "ipaddr": "10.0.0.1"}"#)
        XCTAssertTrue(s.isValid(good))
        XCTAssertEqual(s.validate(good).count, 0)
        let missing = s.validate(json(#"{"anumber": 1, "extra": 1}"#)).map(\.description)
        XCTAssertEqual(missing, [
            #"/: "textblob" is a required property"#, #"/: "ipaddr" is a required property"#,
            "/extra: additional property is not allowed",
        ])
    }

    func testFormatAssertionCanBeTurnedOff() throws {
        let text = #"{"format": "ipv4"}"#
        XCTAssertFalse(try schema(text).isValid(.string("999.1.1.1")))
        XCTAssertTrue(try schema(text, SchemaOptions(formatAssertion: false)).isValid(.string("999.1.1.1")))
        // Without strict mode, unknown formats are ignored, not errors.
        XCTAssertTrue(try schema(#"{"format": "no-such-format"}"#, SchemaOptions(strict: false)).isValid(.string("x")))
    }

    func testDraftFromSchemaKeywordAndOverride() throws {
        // draft-04: Boolean exclusiveMaximum modifies maximum.
        let draft4 = #"{"$schema": "http://json-schema.org/draft-04/schema#", "maximum": 5, "exclusiveMaximum": true}"#
        XCTAssertFalse(try schema(draft4).isValid(json("5")))
        XCTAssertTrue(try schema(draft4).isValid(json("4.9")))
        // draft-07 ignores $ref siblings; 2020-12 applies them. (Not strict: `$defs` is no
        // draft-07 keyword, `definitions` is kept in 2020-12's metaschema.)
        let refWithSibling = ##"{"$defs": {"a": true}, "definitions": {"a": true}, "$ref": "#/definitions/a", "type": "string"}"##
        XCTAssertTrue(try schema(refWithSibling, SchemaOptions(draft: .draft7, strict: false)).isValid(json("1")))
        XCTAssertFalse(try schema(refWithSibling).isValid(json("1")))
        // 2020-12 is the default: prefixItems applies; draft-07 ignores it when not strict.
        XCTAssertFalse(try schema(#"{"prefixItems": [{"type": "string"}]}"#).isValid(json("[1]")))
        XCTAssertTrue(try schema(#"{"prefixItems": [{"type": "string"}]}"#, SchemaOptions(draft: .draft7, strict: false)).isValid(json("[1]")))
    }

    func testIntegerMeansZeroFraction() throws {
        for draft in Draft.allCases {
            let s = try schema(#"{"type": "integer"}"#, SchemaOptions(draft: draft))
            XCTAssertTrue(s.isValid(json("1.0")), "\(draft)")
            XCTAssertTrue(s.isValid(json("1e2")), "\(draft)")
            XCTAssertFalse(s.isValid(json("1.5")), "\(draft)")
        }
    }

    func testErrorCap() throws {
        let s = try schema(#"{"items": {"type": "string"}}"#)
        let many = JSON.array((0..<50).map { .number(JSONNumber($0)) })
        XCTAssertEqual(s.validate(many).count, 20)
        let capped = try schema(#"{"items": {"type": "string"}}"#, SchemaOptions(maxErrors: 3))
        XCTAssertEqual(capped.validate(many).map(\.instanceLocation), ["/0", "/1", "/2"])
        XCTAssertEqual(capped.validate(json("[]")).count, 0)
    }

    func testBasicOutputShape() throws {
        let s = try schema(#"{"$id": "https://example.com/s", "properties": {"n": {"type": "number"}}}"#)
        XCTAssertEqual(s.basicOutput(json(#"{"n": 1}"#)), json(#"{"valid": true}"#))
        let out = s.basicOutput(json(#"{"n": "x"}"#))
        XCTAssertEqual(out, json(#"""
            {"valid": false, "errors": [{"keywordLocation": "/properties/n/type",
              "absoluteKeywordLocation": "https://example.com/s#/properties/n/type",
              "instanceLocation": "/n", "error": "\"x\" is not of type \"number\""}]}
            """#))
    }

    func testCompileErrors() throws {
        let unresolved = compileError(#"{"$ref": "http://example.com/missing.json"}"#)
        XCTAssertEqual(unresolved?.code, .unresolvableReference)
        XCTAssertTrue(unresolved?.message.contains("http://example.com/missing.json") ?? false, unresolved?.message ?? "")
        let badPointer = compileError(##"{"properties": {"a": {"$ref": "#/$defs/nope"}}}"##)
        XCTAssertEqual(badPointer?.code, .unresolvableReference)
        XCTAssertTrue(badPointer?.message.contains("#/$defs/nope") ?? false, badPointer?.message ?? "")
        XCTAssertEqual(compileError(##"{"$ref": "#missing-anchor"}"##)?.code, .unresolvableReference)
        // Unused definitions are compiled too.
        XCTAssertEqual(compileError(#"{"$defs": {"unused": {"$ref": "other.json"}}}"#)?.code, .unresolvableReference)
        XCTAssertEqual(compileError(#"{"$defs": {"unused": {"minimum": "0"}}}"#)?.code, .invalidKeyword)

        XCTAssertEqual(compileError("5")?.message, "a schema must be an object or a Boolean, not 5")
        let badType = compileError(#"{"type": 5}"#)
        XCTAssertEqual(badType?.code, .invalidKeyword)
        XCTAssertEqual(badType?.message, #""type" must be a type name or an array of type names, not 5"#)
        XCTAssertEqual(compileError(#"{"type": "strin"}"#)?.code, .invalidKeyword)
        XCTAssertEqual(compileError(#"{"minLength": -1}"#)?.code, .invalidKeyword)
        XCTAssertEqual(compileError(#"{"required": "a"}"#)?.code, .invalidKeyword)
        XCTAssertEqual(compileError(#"{"properties": {"a": 3}}"#)?.code, .invalidKeyword)

        let badRegex = compileError(#"{"pattern": "(unclosed"}"#)
        XCTAssertEqual(badRegex?.code, .invalidRegex)
        XCTAssertTrue(badRegex?.message.contains("(unclosed") ?? false, badRegex?.message ?? "")
        XCTAssertEqual(compileError(#"{"patternProperties": {"[": true}}"#)?.code, .invalidRegex)

        XCTAssertEqual(compileError(#"{"$schema": "https://example.com/unknown-meta"}"#)?.code, .unresolvableReference)
    }

    func testReferenceLoopsAreCompileErrors() throws {
        XCTAssertEqual(compileError(##"{"$ref": "#"}"##)?.code, .referenceLoop)
        XCTAssertEqual(compileError(##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"anyOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"}"##)?.code, .referenceLoop)
        // Recursion that descends into the instance is fine.
        let tree = try schema(##"{"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#"}}}}"##)
        XCTAssertTrue(tree.isValid(json(#"{"children": [{"children": []}, {}]}"#)))
        XCTAssertFalse(tree.isValid(json(#"{"children": [{"children": [1]}]}"#)))
    }

    func testOverDeepSchemaIsACompileError() throws {
        var deep = JSON.bool(true)
        for _ in 0..<1_001 { deep = .object(JSONObject(uniqueMembers: [("not", deep)])) }
        XCTAssertThrowsError(try Schema(deep)) { XCTAssertEqual(($0 as? SchemaError)?.code, .schemaTooDeep) }
        var fine = JSON.bool(true)
        for _ in 0..<100 { fine = .object(JSONObject(uniqueMembers: [("items", fine)])) }
        XCTAssertTrue(try Schema(fine).isValid(json("[[[1]]]")))
    }

    func testDeepInstancesAreBoundedNotFatal() throws {
        let s = try schema(##"{"items": {"$ref": "#"}}"##)
        var nested = JSON.array([])
        for _ in 0..<200 { nested = .array([nested]) }
        XCTAssertTrue(s.isValid(nested))
        XCTAssertEqual(s.validate(nested).count, 0)
        // Deeper than any parsed document can be: refused with an error instead of a crash.
        for _ in 0..<2_000 { nested = .array([nested]) }
        XCTAssertFalse(s.isValid(nested))
        XCTAssertEqual(s.validate(nested).map(\.kind), [.depthExceeded])
    }

    func testHostileRecursionThroughDynamicScopeIsBounded() throws {
        // Not a static loop (the $dynamicRef decides at run time), so only the depth bound stops it.
        let s = try schema(##"""
            {"$id": "https://example.com/a", "$dynamicAnchor": "x", "$defs": {"b": {"$id": "b", "$dynamicAnchor": "x", "$dynamicRef": "#x"}},
             "$ref": "b"}
            """##)
        XCTAssertFalse(s.isValid(json("1")))
        XCTAssertEqual(s.validate(json("1")).map(\.kind), [.depthExceeded])
    }
}
