import JSON
@testable import JSONSchema
import XCTest

/// The bundled metaschemas: served by every registry under their canonical URIs, and each one
/// compiles in strict mode and judges schemas as the specification says.
final class MetaschemasTests: XCTestCase {
    /// The top-level metaschemas by every URI a schema may name them with.
    private let dialectURIs = [
        "http://json-schema.org/draft-04/schema#", "http://json-schema.org/draft-04/schema", "https://json-schema.org/draft-04/schema#",
        "http://json-schema.org/draft-06/schema#", "http://json-schema.org/draft-06/schema", "https://json-schema.org/draft-06/schema",
        "http://json-schema.org/draft-07/schema#", "http://json-schema.org/draft-07/schema", "https://json-schema.org/draft-07/schema#",
        "https://json-schema.org/draft/2019-09/schema", "https://json-schema.org/draft/2019-09/schema#",
        "https://json-schema.org/draft/2020-12/schema", "https://json-schema.org/draft/2020-12/schema#",
    ]

    func testEveryBundledDocumentSitsAtItsOwnIdentifier() throws {
        XCTAssertEqual(Metaschemas.uris.count, 22)
        XCTAssertEqual(Set(Metaschemas.uris).count, Metaschemas.uris.count)
        for uri in Metaschemas.uris {
            let document = try XCTUnwrap(Metaschemas.document(at: uri), uri)
            guard case .string(var id) = document["$id"] ?? document["id"] else { XCTFail("\(uri): no identifier"); continue }
            if id.hasSuffix("#") { id.removeLast() }
            // The https alias of a draft that used http serves the http document.
            XCTAssertTrue(id == uri || id == "http" + uri.dropFirst("https".count), "\(uri) serves \(id)")
        }
        XCTAssertNil(Metaschemas.document(at: "https://json-schema.org/draft/2020-12/meta/hyper-schema"))
        XCTAssertNil(Metaschemas.document(at: "http://json-schema.org/draft/2020-12/schema"))
    }

    func testEveryBundledMetaschemaCompilesStrictly() throws {
        for uri in Metaschemas.uris {
            let document = try XCTUnwrap(Metaschemas.document(at: uri))
            XCTAssertNoThrow(try Schema(document, options: SchemaOptions(strict: true)), uri)
            XCTAssertNoThrow(try schema(#"{"$ref": "\#(uri)"}"#, SchemaOptions(strict: true)), uri)
            XCTAssertNoThrow(try schema(#"{"$ref": "\#(uri)#"}"#, SchemaOptions(strict: true)), uri)
        }
    }

    func testMetaschemasJudgeSchemas() throws {
        for uri in dialectURIs {
            let meta = try schema(#"{"$ref": "\#(uri)"}"#)
            XCTAssertTrue(meta.isValid(json(#"{"type": "string", "minLength": 1, "properties": {"a": {"maxItems": 2}}}"#)), uri)
            // Every draft: minLength is a non-negative integer, type names a type, schemas are objects.
            XCTAssertFalse(meta.isValid(json(#"{"minLength": -1}"#)), uri)
            XCTAssertFalse(meta.isValid(json(#"{"type": "text"}"#)), uri)
            XCTAssertFalse(meta.isValid(json(#"{"properties": {"a": {"maxItems": "2"}}}"#)), uri)
            XCTAssertFalse(meta.isValid(json("[]")), uri)
        }
        // Booleans are schemas from draft-06 on, not in draft-04.
        XCTAssertFalse(try schema(##"{"$ref": "http://json-schema.org/draft-04/schema#"}"##).isValid(json(#"{"not": true}"#)))
        XCTAssertTrue(try schema(##"{"$ref": "http://json-schema.org/draft-07/schema#"}"##).isValid(json(#"{"not": true}"#)))
        XCTAssertTrue(try schema(#"{"$ref": "https://json-schema.org/draft/2020-12/schema"}"#).isValid(json(#"{"not": true}"#)))
    }

    func testDollarSchemaNamesEveryForm() throws {
        for uri in dialectURIs {
            XCTAssertNoThrow(try schema(#"{"$schema": "\#(uri)", "type": "string"}"#), uri)
        }
    }

    /// A property that must itself be a 2020-12 schema, as real schemas do.
    func testFieldThatMustBeASchema() throws {
        let s = try schema(#"{"properties": {"rule": {"$ref": "https://json-schema.org/draft/2020-12/schema"}}}"#)
        XCTAssertTrue(s.isValid(json(#"{"rule": {"prefixItems": [{"const": 1}]}}"#)))
        let errors = s.validate(json(#"{"rule": {"prefixItems": {"const": 1}}}"#))
        XCTAssertFalse(errors.isEmpty)
        XCTAssertTrue(errors.allSatisfy { $0.instanceLocation.hasPrefix("/rule/prefixItems") }, "\(errors.map(\.description))")
    }

    /// The 2019-09 metaschema recurses with `$recursiveRef`; the core specification's own example
    /// (section 8.2.4.2.3): a strict tree extends a tree, and its children are strict trees too.
    func testRecursiveRefFollowsTheOutermostRecursiveAnchor() throws {
        var registry = SchemaRegistry()
        registry.add(json(##"""
            {"$schema": "https://json-schema.org/draft/2019-09/schema", "$id": "https://example.com/tree", "$recursiveAnchor": true,
             "type": "object", "properties": {"data": true, "children": {"type": "array", "items": {"$recursiveRef": "#"}}}}
            """##), uri: "https://example.com/tree")
        let strictTree = try schema(#"""
            {"$schema": "https://json-schema.org/draft/2019-09/schema", "$id": "https://example.com/strict-tree",
             "$recursiveAnchor": true, "$ref": "tree", "unevaluatedProperties": false}
            """#, SchemaOptions(registry: registry))
        let tree = try schema(#"{"$ref": "https://example.com/tree"}"#, SchemaOptions(registry: registry))
        let misspelt = json(#"{"children": [{"daat": 1}]}"#)
        XCTAssertTrue(tree.isValid(misspelt))
        XCTAssertFalse(strictTree.isValid(misspelt))
        XCTAssertFalse(strictTree.validate(misspelt).isEmpty)
        XCTAssertTrue(strictTree.isValid(json(#"{"children": [{"data": 1}]}"#)))
    }

    func testRegistryDocumentsComeBeforeTheBundledOnes() throws {
        var registry = SchemaRegistry()
        registry.add(json(#"{"type": "integer"}"#), uri: "https://json-schema.org/draft/2020-12/schema")
        let s = try schema(#"{"$ref": "https://json-schema.org/draft/2020-12/schema"}"#, SchemaOptions(registry: registry))
        XCTAssertTrue(s.isValid(json("3")))
        XCTAssertFalse(s.isValid(json(#"{"type": "string"}"#)))
    }
}
