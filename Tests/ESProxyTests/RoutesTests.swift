import XCTest
@testable import ESProxy

final class RoutesTests: XCTestCase {
    func testParsesRoutesFile() throws {
        let text = """
        # surveys and feedback
        POST /surveys -> schemas/bigsurvey.json -> bigsurvey

          POST /feedback/v1 ->schemas/feedback.json->   feedback
        """
        let entries = try RoutesFile.parse(text)
        XCTAssertEqual(entries, [
            .init(path: "/surveys", schemaFile: "schemas/bigsurvey.json", index: "bigsurvey"),
            .init(path: "/feedback/v1", schemaFile: "schemas/feedback.json", index: "feedback"),
        ])
    }

    func testRejectsBadLinesWithLineNumber() {
        let bad = [
            "GET /x -> s.json -> idx",
            "POST /x -> s.json",
            "POST x -> s.json -> idx",
            "POST /x?y=1 -> s.json -> idx",
            "POST /x ->  -> idx",
            "POST /x -> s.json -> Index",
            "# only a comment",
        ]
        for line in bad {
            XCTAssertThrowsError(try RoutesFile.parse("\n" + line), line) { error in
                let e = error as! ConfigError
                XCTAssertEqual(e.code, line.hasSuffix("Index") ? .invalidValue : .invalidRoutes, line)
                if !line.hasPrefix("#") { XCTAssertTrue(e.description.contains("line 2"), e.description) }
            }
        }
    }

    func testMediaTypes() {
        for ok in ["application/json", "Application/JSON", "application/json; charset=utf-8",
                   "application/json;charset=\"UTF-8\"", "application/vnd.api+json", "application/merge-patch+json "] {
            XCTAssertTrue(MediaType.isJSON(ok), ok)
        }
        for bad in [nil, "", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1",
                    "application/jsonp", "text/json", "application/+json", "multipart/form-data; boundary=x",
                    "application/json; boundary=x"] as [String?] {
            XCTAssertFalse(MediaType.isJSON(bad), bad ?? "nil")
        }
    }
}
