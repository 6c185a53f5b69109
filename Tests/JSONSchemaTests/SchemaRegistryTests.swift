import Foundation
import JSON
import JSONSchema
import XCTest

/// Remote references resolve only through the registry: added documents and mapped folders.
final class SchemaRegistryTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("schema-registry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try #"{"type": "integer"}"#.write(to: folder.appendingPathComponent("int.json"), atomically: true, encoding: .utf8)
        try #"{"$defs": {"s": {"type": "string"}}, "items": {"$ref": "../int.json"}}"#
            .write(to: folder.appendingPathComponent("sub/list.json"), atomically: true, encoding: .utf8)
        try #"{"type": "#.write(to: folder.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private var options: SchemaOptions {
        SchemaOptions(registry: .mapping(baseURL: "https://schemas.example/", directory: folder.path))
    }

    func testMappedFolderServesFilesOnDemand() throws {
        let s = try schema(#"{"properties": {"n": {"$ref": "https://schemas.example/int.json"}, "l": {"$ref": "https://schemas.example/sub/list.json"}}}"#, options)
        XCTAssertTrue(s.isValid(json(#"{"n": 3, "l": [1, 2]}"#)))
        XCTAssertFalse(s.isValid(json(#"{"l": [1, "x"]}"#)))
        let e = try XCTUnwrap(s.validate(json(#"{"n": "x"}"#)).first)
        XCTAssertEqual(e.absoluteKeywordLocation, "https://schemas.example/int.json#/type")
        XCTAssertEqual(e.keywordLocation, "/properties/n/$ref/type")
    }

    func testPointerIntoRemoteDocument() throws {
        let s = try schema(##"{"$ref": "https://schemas.example/sub/list.json#/$defs/s"}"##, options)
        XCTAssertTrue(s.isValid(.string("x")))
        XCTAssertFalse(s.isValid(json("1")))
    }

    func testMissingAndEscapingPathsAreUnresolvable() {
        XCTAssertEqual(compileError(#"{"$ref": "https://schemas.example/nope.json"}"#, options)?.code, .unresolvableReference)
        XCTAssertEqual(compileError(#"{"$ref": "https://schemas.example/sub/../../etc/passwd.json"}"#, options)?.code, .unresolvableReference)
        XCTAssertEqual(compileError(#"{"$ref": "https://other.example/int.json"}"#, options)?.code, .unresolvableReference)
    }

    func testSiblingsServeRelativeReferences() throws {
        let plain = json(#"{"properties": {"n": {"$ref": "int.json"}, "l": {"$ref": "sub/list.json"}}}"#)
        let withID = json(#"{"$id": "https://x.example/a/root.json", "properties": {"n": {"$ref": "int.json"}}}"#)
        for document in [plain, withID] {
            var registry = SchemaRegistry()
            registry.addSiblings(of: document, directory: folder.path)
            let s = try Schema(document, options: SchemaOptions(registry: registry))
            XCTAssertTrue(s.isValid(json(#"{"n": 3}"#)))
            XCTAssertFalse(s.isValid(json(#"{"n": "3"}"#)))
        }
        // An `$id` without a path names no folder: "https://" must not serve every host's files.
        let host = folder.appendingPathComponent("y.example")
        try FileManager.default.createDirectory(at: host, withIntermediateDirectories: true)
        try #"{"type": "integer"}"#.write(to: host.appendingPathComponent("int.json"), atomically: true, encoding: .utf8)
        var registry = SchemaRegistry()
        let noPath = json(#"{"$id": "https://x.example", "$ref": "https://y.example/int.json"}"#)
        registry.addSiblings(of: noPath, directory: folder.path)
        XCTAssertThrowsError(try Schema(noPath, options: SchemaOptions(registry: registry)))
    }

    func testBrokenDocumentIsAnError() {
        let e = compileError(#"{"$ref": "https://schemas.example/broken.json"}"#, options)
        XCTAssertEqual(e?.code, .unreadableDocument)
        XCTAssertTrue(e?.message.contains("broken.json") ?? false, e?.message ?? "")
    }

    func testAddedDocumentAndCustomMetaschema() throws {
        var registry = SchemaRegistry()
        registry.add(json(#"{"$id": "https://example.com/pos", "minimum": 0}"#), uri: "https://example.com/pos")
        // A metaschema without the validation vocabulary: validation keywords do nothing (when
        // not strict; strict mode refuses them, see StrictnessTests).
        registry.add(json(#"""
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.com/meta",
             "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/core": true,
                             "https://json-schema.org/draft/2020-12/vocab/applicator": true}}
            """#), uri: "https://example.com/meta")
        let s = try schema(#"{"$ref": "https://example.com/pos"}"#, SchemaOptions(registry: registry))
        XCTAssertFalse(s.isValid(json("-1")))
        let noValidation = try schema(#"{"$schema": "https://example.com/meta", "properties": {"a": false}, "minimum": 5}"#,
                                      SchemaOptions(registry: registry, strict: false))
        XCTAssertTrue(noValidation.isValid(json("1")))
        XCTAssertFalse(noValidation.isValid(json(#"{"a": 1}"#)))
        // Forcing the metaschema's own release keeps its vocabularies; forcing another ignores it.
        let forced = #"{"$schema": "https://example.com/meta", "minimum": 5}"#
        XCTAssertTrue(try schema(forced, SchemaOptions(draft: .draft2020_12, registry: registry, strict: false)).isValid(json("1")))
        XCTAssertFalse(try schema(forced, SchemaOptions(draft: .draft7, registry: registry, strict: false)).isValid(json("1")))
        XCTAssertFalse(try schema(#"{"$schema": "https://example.com/nowhere", "minimum": 5}"#,
                                  SchemaOptions(draft: .draft2020_12, strict: false)).isValid(json("1")))

        registry.add(json(#"""
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.com/strict",
             "$vocabulary": {"https://json-schema.org/draft/2020-12/vocab/core": true, "https://example.com/vocab/mine": true}}
            """#), uri: "https://example.com/strict")
        XCTAssertEqual(compileError(#"{"$schema": "https://example.com/strict"}"#, SchemaOptions(registry: registry))?.code,
                       .unsupportedVocabulary)
    }
}
