import JSON
@testable import JSONSchema
import XCTest

/// Strict mode: unknown keywords and formats are compile errors with a location and a
/// suggestion; the dialect decides which keywords exist; off, everything compiles as before.
final class StrictnessTests: XCTestCase {
    private let lax = SchemaOptions(strict: false)

    private func assertUnknown(_ text: String, _ options: SchemaOptions = .init(), code: SchemaError.Code = .unknownKeyword,
                               message: String, location: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let error = compileError(text, options, file: file, line: line) else { return }
        XCTAssertEqual(error.code, code, file: file, line: line)
        XCTAssertEqual(error.message, message, file: file, line: line)
        XCTAssertEqual(error.location, location, file: file, line: line)
        // The same schema compiles when strict mode is off.
        var off = options
        off.strict = false
        XCTAssertNoThrow(try schema(text, off), file: file, line: line)
    }

    func testStrictIsTheDefault() {
        XCTAssertTrue(SchemaOptions().strict)
    }

    func testUnknownKeywordWithSuggestion() {
        assertUnknown(#"{"type": "object", "propertiez": {"a": {"type": "string"}}}"#,
                      message: #""propertiez": unknown keyword; did you mean "properties"?"#, location: "json-schema:///#/propertiez")
        assertUnknown(#"{"properties": {"a": {"minimun": 1}}}"#,
                      message: #""minimun": unknown keyword; did you mean "minimum"?"#, location: "json-schema:///#/properties/a/minimun")
        assertUnknown(#"{"items": {"typ": "string"}}"#, SchemaOptions(draft: .draft4),
                      message: #""typ": unknown keyword; did you mean "type"?"#, location: "json-schema:///#/items/typ")
        // A swap of neighbours counts as one edit.
        assertUnknown(#"{"reqiured": []}"#, message: #""reqiured": unknown keyword; did you mean "required"?"#,
                      location: "json-schema:///#/reqiured")
        // The location is relative to the resource the keyword is in, with its pointer escaped.
        assertUnknown(#"{"$id": "https://example.com/s", "properties": {"a/b": {"x-unit": "m"}}}"#,
                      message: #""x-unit": unknown keyword"#, location: "https://example.com/s#/properties/a~1b/x-unit")
    }

    func testNoSuggestionForFarOrShortNames() {
        assertUnknown(#"{"x-vendor-extension": true}"#, message: #""x-vendor-extension": unknown keyword"#,
                      location: "json-schema:///#/x-vendor-extension")
        assertUnknown(#"{"a": 1}"#, message: #""a": unknown keyword"#, location: "json-schema:///#/a")
    }

    func testSuggestionDistance() {
        XCTAssertEqual(Strictness.distance(Array("kitten".utf8), Array("sitting".utf8)), 3)
        XCTAssertEqual(Strictness.distance(Array("ab".utf8), Array("ba".utf8)), 1)
        XCTAssertEqual(Strictness.distance(Array("".utf8), Array("abc".utf8)), 3)
        XCTAssertEqual(Strictness.closest(to: "propertyNamez", among: ["properties", "propertyNames"]), "propertyNames")
        XCTAssertEqual(Strictness.closest(to: "id", among: ["$id", "if"]), "$id")
        XCTAssertNil(Strictness.closest(to: "maximumLength", among: ["maxLength", "minLength"]))
    }

    func testUnknownFormat() {
        assertUnknown(#"{"format": "ipv5"}"#, code: .unknownFormat,
                      message: #""format": unknown format "ipv5"; did you mean "ipv4"?"#, location: "json-schema:///#/format")
        // Also when formats are only annotations, and in every draft.
        assertUnknown(#"{"properties": {"t": {"format": "date_time"}}}"#, SchemaOptions(draft: .draft4, formatAssertion: false),
                      code: .unknownFormat, message: #""format": unknown format "date_time"; did you mean "date-time"?"#,
                      location: "json-schema:///#/properties/t/format")
        assertUnknown(#"{"format": "color"}"#, SchemaOptions(draft: .draft7), code: .unknownFormat,
                      message: #""format": unknown format "color""#, location: "json-schema:///#/format")
        for name in Formats.names {
            XCTAssertNoThrow(try schema(#"{"format": "\#(name)"}"#), name)
        }
    }

    func testDefinitionNamesAreFreeButTheirSchemasAreChecked() throws {
        XCTAssertNoThrow(try schema(#"{"$defs": {"propertiez": {"type": "string"}, "x-any": true}}"#))
        XCTAssertNoThrow(try schema(#"{"definitions": {"propertiez": {"type": "string"}}}"#, SchemaOptions(draft: .draft7)))
        XCTAssertNoThrow(try schema(#"{"definitions": {"propertiez": {"type": "string"}}}"#, SchemaOptions(draft: .draft4)))
        // Property names are names too.
        XCTAssertNoThrow(try schema(#"{"properties": {"propertiez": {}, "typ": {}}, "required": ["typ"]}"#))
        assertUnknown(#"{"$defs": {"a": {"typ": "string"}}}"#, message: #""typ": unknown keyword; did you mean "type"?"#,
                      location: "json-schema:///#/$defs/a/typ")
        assertUnknown(#"{"definitions": {"a": {"items": {"maxItem": 1}}}}"#, SchemaOptions(draft: .draft7),
                      message: #""maxItem": unknown keyword; did you mean "maxItems"?"#, location: "json-schema:///#/definitions/a/items/maxItem")
    }

    func testAnnotationKeywordsAreAllowedInEveryDialect() throws {
        let annotations = #""title": "t", "description": "d", "default": 1, "examples": [1], "$comment": "c", "deprecated": true, "readOnly": true, "writeOnly": false"#
        for draft in Draft.allCases {
            XCTAssertNoThrow(try schema("{\(annotations)}", SchemaOptions(draft: draft)), "\(draft)")
        }
        for uri in ["http://json-schema.org/draft-06/schema#", "https://json-schema.org/draft/2019-09/schema"] {
            XCTAssertNoThrow(try schema(#"{"$schema": "\#(uri)", \#(annotations)}"#), uri)
        }
    }

    func testKeywordsBelongToTheirDraft() {
        assertUnknown(#"{"prefixItems": [true]}"#, SchemaOptions(draft: .draft7),
                      message: #""prefixItems": unknown keyword in draft-07 (it is a 2020-12 keyword)"#, location: "json-schema:///#/prefixItems")
        assertUnknown(#"{"dependentRequired": {"a": ["b"]}}"#, SchemaOptions(draft: .draft4),
                      message: #""dependentRequired": unknown keyword in draft-04 (it is a 2019-09 keyword)"#,
                      location: "json-schema:///#/dependentRequired")
        assertUnknown(#"{"const": 1}"#, SchemaOptions(draft: .draft4),
                      message: #""const": unknown keyword in draft-04 (it is a draft-06 keyword)"#, location: "json-schema:///#/const")
        assertUnknown(#"{"additionalItems": false}"#,
                      message: #""additionalItems": unknown keyword in 2020-12 (it is a 2019-09 keyword)"#, location: "json-schema:///#/additionalItems")
        assertUnknown(#"{"$schema": "http://json-schema.org/draft-06/schema#", "if": true}"#,
                      message: #""if": unknown keyword in draft-06 (it is a draft-07 keyword)"#, location: "json-schema:///#/if")
        assertUnknown(##"{"$recursiveRef": "#"}"##,
                      message: #""$recursiveRef": unknown keyword in 2020-12 (it is a 2019-09 keyword)"#, location: "json-schema:///#/$recursiveRef")
        assertUnknown(#"{"id": "x"}"#, message: #""id": unknown keyword in 2020-12 (it is a draft-04 keyword)"#, location: "json-schema:///#/id")
        XCTAssertNoThrow(try schema(#"{"if": true, "then": true, "else": true, "contentMediaType": "a/b"}"#, SchemaOptions(draft: .draft7)))
        XCTAssertNoThrow(try schema(#"{"$schema": "https://json-schema.org/draft/2019-09/schema", "$recursiveAnchor": true, "items": [true], "additionalItems": false}"#))
        XCTAssertNoThrow(try schema(#"{"contains": true, "minContains": 1, "maxContains": 2, "$anchor": "a", "$dynamicAnchor": "b"}"#))
    }

    /// The keywords each metaschema lists (its `properties`; for 2019-09 and 2020-12, those of
    /// the vocabulary metaschemas) are what strict mode accepts in that release: every one is
    /// known, and nothing else is but the annotation keywords and `$ref`/`format` where a
    /// metaschema does not list them.
    func testStrictKeywordsAreThoseTheMetaschemasList() throws {
        let sets: [(Dialect.Release, [String])] = [
            (.draft4, ["http://json-schema.org/draft-04/schema"]),
            (.draft6, ["http://json-schema.org/draft-06/schema"]),
            (.draft7, ["http://json-schema.org/draft-07/schema"]),
            (.draft2019, ["core", "applicator", "validation", "meta-data", "format", "content"]
                .map { "https://json-schema.org/draft/2019-09/meta/" + $0 }),
            (.draft2020, ["core", "applicator", "unevaluated", "validation", "meta-data", "format-annotation", "content"]
                .map { "https://json-schema.org/draft/2020-12/meta/" + $0 }),
        ]
        for (release, uris) in sets {
            var listed: Set<String> = []
            for uri in uris {
                guard case .object(let properties) = try XCTUnwrap(Metaschemas.document(at: uri))["properties"] else {
                    XCTFail("\(uri) has no properties"); continue
                }
                listed.formUnion(properties.members.map(\.key))
            }
            if release >= .draft2019 { listed.formUnion(["definitions", "dependencies"]) }  // kept by the top-level metaschema
            let dialect = Dialect(release: release, vocabularies: .all)
            for name in listed {
                XCTAssertNil(Strictness.unknownKeyword(name, dialect: dialect, location: ""), "\(release) \(name)")
            }
            let known = Set(Strictness.keywords(for: release).keys)
            XCTAssertEqual(known.subtracting(listed).subtracting(["$ref", "format"]).sorted(), [], "\(release)")
        }
    }

    func testVocabularyTheMetaschemaDoesNotEnable() throws {
        var registry = SchemaRegistry()
        registry.add(json(#"""
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.com/meta",
             "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/core": true,
                             "https://json-schema.org/draft/2020-12/vocab/applicator": true}}
            """#), uri: "https://example.com/meta")
        assertUnknown(#"{"$schema": "https://example.com/meta", "properties": {"n": {"minimum": 5}}}"#, SchemaOptions(registry: registry),
                      message: #""minimum": unknown keyword (the metaschema does not enable its vocabulary)"#,
                      location: "json-schema:///#/properties/n/minimum")
        // Annotations stay allowed, and the enabled vocabularies work.
        let s = try schema(#"{"$schema": "https://example.com/meta", "title": "t", "properties": {"n": false}}"#, SchemaOptions(registry: registry))
        XCTAssertFalse(s.isValid(json(#"{"n": 1}"#)))
    }

    func testStrictOffCompilesEverythingAsBefore() throws {
        let s = try schema(#"{"type": "object", "propertiez": {"a": {"type": "string"}}, "format": "ipv5"}"#, lax)
        XCTAssertTrue(s.isValid(json(#"{"a": 1}"#)))
        XCTAssertTrue(s.isValid(json(#"{}"#)))
        XCTAssertFalse(s.isValid(json("1")))
        XCTAssertTrue(try schema(#"{"prefixItems": [{"type": "string"}]}"#, SchemaOptions(draft: .draft7, strict: false)).isValid(json("[1]")))
    }
}
