@testable import JSONSchema
import XCTest

/// RFC 3986 reference resolution (section 5.4 examples) and the normalisation lookups rely on.
final class URIReferenceTests: XCTestCase {
    private let base = URIReference("http://a/b/c/d;p?q")

    private func resolve(_ reference: String) -> String {
        URIReference(reference).resolved(against: base).description
    }

    func testNormalExamples() {
        let cases: [(String, String)] = [
            ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
            (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("g;x?y#s", "http://a/b/c/g;x?y#s"),
            ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
            ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
            ("../../g", "http://a/g"),
        ]
        for (reference, expected) in cases { XCTAssertEqual(resolve(reference), expected, reference) }
    }

    func testAbnormalExamples() {
        let cases: [(String, String)] = [
            ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"),
            ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."),
            ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"),
            ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"), ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
            ("g;x=1/../y", "http://a/b/c/y"), ("g?y/./x", "http://a/b/c/g?y/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"),
            ("http:g", "http:g"),
        ]
        for (reference, expected) in cases { XCTAssertEqual(resolve(reference), expected, reference) }
    }

    func testSchemaIdentifiers() {
        let urn = URIReference("urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed")
        XCTAssertEqual(URIReference("#/$defs/a").resolved(against: urn).description, "urn:uuid:deadbeef-1234-ffff-ffff-4321feebdaed#/$defs/a")
        XCTAssertEqual(URIReference("HTTP://Example.COM/a#x").withoutFragment.description, "http://example.com/a")
        XCTAssertEqual(URIReference("http://x/y#").withoutFragment.description, "http://x/y")
        XCTAssertEqual(URIReference("item.json").resolved(against: URIReference("json-schema:///")).description, "json-schema:///item.json")
        XCTAssertNil(URIReference("relative/path").scheme)
        XCTAssertEqual(URIReference("file:///folder/file.json").resolved(against: base).description, "file:///folder/file.json")
    }

    func testPointerFragments() {
        XCTAssertEqual(JSONPointer.tokens(fromFragment: "/a~1b/c%25d/~0"), ["a/b", "c%d", "~"])
        XCTAssertEqual(JSONPointer.tokens(fromFragment: ""), [])
        XCTAssertNil(JSONPointer.tokens(fromFragment: "/a~2"))
        XCTAssertNil(JSONPointer.tokens(fromFragment: "/a%zz"))
        XCTAssertEqual(JSONPointer.render(["a/b", "~c"]), "/a~1b/~0c")
    }
}
