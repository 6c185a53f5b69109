import HTTP
import JSON
import JSONSchema
import TestSupport
import XCTest
@testable import ESProxy

/// An in-memory document store that records every write.
final class MemoryStore: DocumentStore, @unchecked Sendable {
    var documents: [(index: String, id: String, document: JSON)] = []
    var next: WriteReport?

    func create(index: String, id: String, document: [UInt8], deadlineUnixMilliseconds: UInt64) -> WriteReport {
        if let report = next, report.error != nil { return report }
        documents.append((index, id, try! JSONParser.parse(document)))
        return next ?? WriteReport(lastStatus: 201)
    }
}

/// A transport that answers from a script and records the requests it was given.
final class ScriptedTransport: DomainTransport, @unchecked Sendable {
    enum Step { case status(Int, String), fail(HTTPError.Code) }
    var script: [Step]
    var requests: [HTTPRequest] = []
    var delayMicroseconds: UInt32 = 0

    init(_ script: [Step]) { self.script = script }

    func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        requests.append(request)
        if delayMicroseconds > 0 { usleep(delayMicroseconds) }
        switch script.isEmpty ? .status(500, "{}") : script.removeFirst() {
        case .status(let s, let body): return HTTPResponse(status: s, headers: [], body: Array(body.utf8))
        case .fail(let code): throw HTTPError(code, "scripted \(code)")
        }
    }
}

/// Lines a logger wrote.
final class LogLines: @unchecked Sendable {
    var lines: [String] = []
    var logger: InvocationLogger { InvocationLogger(level: .trace, format: .json, clock: { 0 }) { self.lines.append($0) } }
}

enum Fixtures {
    /// The shipped schema, compiled as the gateway compiles it.
    static func bigsurvey() throws -> Schema {
        let url = Corpora.packageRoot.appendingPathComponent("schemas/bigsurvey.json")
        return try Schema(JSONParser.parse(Array(try Data(contentsOf: url))))
    }
}
