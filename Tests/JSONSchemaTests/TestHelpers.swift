import JSON
import JSONSchema
import XCTest

/// Parses a JSON literal written in a test (a parse failure is a bug in the test itself).
func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSON {
    do {
        return try JSONParser.parse(text)
    } catch {
        XCTFail("test JSON does not parse: \(error)", file: file, line: line)
        return .null
    }
}

/// Compiles a schema written as JSON text.
func schema(_ text: String, _ options: SchemaOptions = .init()) throws -> Schema {
    try Schema(json(text), options: options)
}

/// The compile error for a schema that must not compile.
func compileError(_ text: String, _ options: SchemaOptions = .init(), file: StaticString = #filePath, line: UInt = #line) -> SchemaError? {
    do {
        _ = try Schema(json(text), options: options)
        XCTFail("schema compiled but should not: \(text)", file: file, line: line)
        return nil
    } catch {
        return error
    }
}
