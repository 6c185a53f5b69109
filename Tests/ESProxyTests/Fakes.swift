import Foundation
import HTTP
import JSON
import JSONSchema
import LambdaRuntime
import TestSupport
import XCTest
@testable import ESProxy

/// An in-memory document store that records every write.
final class MemoryStore: DocumentStore, @unchecked Sendable {
    var documents: [(index: String, id: String, document: JSON)] = []
    var next: WriteReport?
    var assigned = 0

    /// `_create` semantics: an id already present is a 409, reported as `existed`, storing nothing.
    func create(index: String, id: String, document: [UInt8], deadlineUnixMilliseconds: UInt64) -> WriteReport {
        if let report = next, report.error != nil { return report }
        if documents.contains(where: { $0.index == index && $0.id == id }) {
            return WriteReport(lastStatus: 409, existed: true)
        }
        documents.append((index, id, try! JSONParser.parse(document)))
        return next ?? WriteReport(lastStatus: 201)
    }

    /// Each document as `create` (or `add` without an id) would store it.
    func bulk(index: String, batch: BulkBatch, deadlineUnixMilliseconds: UInt64) -> BulkReport {
        BulkReport(outcomes: batch.documents.indices.map { i in
            let source = Array(batch.body[batch.documents[i].source]), id = batch.documents[i].id
            let r = id.map { create(index: index, id: $0, document: source, deadlineUnixMilliseconds: deadlineUnixMilliseconds) }
                ?? add(index: index, document: source, deadlineUnixMilliseconds: deadlineUnixMilliseconds)
            if let error = r.error { return .failed(error) }
            let stored = id ?? r.assignedID!
            return r.existed ? .existed(id: stored) : .created(id: stored)
        }, lastStatus: 200)
    }

    func add(index: String, document: [UInt8], deadlineUnixMilliseconds: UInt64) -> WriteReport {
        if let report = next, report.error != nil { return report }
        assigned += 1
        let id = "domain-\(assigned)"
        documents.append((index, id, try! JSONParser.parse(document)))
        return WriteReport(lastStatus: 201, assignedID: id)
    }
}

/// A transport that answers from a script and records the requests it was given.
final class ScriptedTransport: DomainTransport, @unchecked Sendable {
    enum Step { case status(Int, String), fail(HTTPError.Code) }
    var script: [Step]
    var requests: [HTTPRequest] = []
    /// Each answer takes this long on this clock.
    var latency: (clock: FakeClock, milliseconds: UInt64)?

    init(_ script: [Step]) { self.script = script }

    func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        requests.append(request)
        if let latency { latency.clock.now += latency.milliseconds }
        switch script.isEmpty ? .status(500, "{}") : script.removeFirst() {
        case .status(let s, let body): return HTTPResponse(status: s, headers: [], body: Array(body.utf8))
        case .fail(let code): throw HTTPError(code, "scripted \(code)")
        }
    }
}

/// Lines a logger wrote.
final class LogLines: @unchecked Sendable {
    var lines: [String] = []
    var logger: InvocationLogger { InvocationLogger(level: .trace, format: .json, clock: FakeClock(0)) { self.lines.append($0) } }
}

/// A clock that stands still until told, or until slept on: sleeping advances it at once, so
/// retry and deadline paths run without waiting. Monotonic time follows the wall clock.
final class FakeClock: LambdaClock, @unchecked Sendable {
    var now: UInt64
    var sleeps: [Int] = []
    init(_ now: UInt64) { self.now = now }
    func unixMilliseconds() -> UInt64 { now }
    func monotonicNanoseconds() -> UInt64 { now &* 1_000_000 }
    func sleep(milliseconds ms: Int) {
        sleeps.append(ms)
        now += UInt64(max(0, ms))
    }
}

/// Randomness a test dictates.
struct FixedRandom: RandomSource {
    let fillBytes: @Sendable (inout [UInt8]) -> Void
    func fill(_ bytes: inout [UInt8]) { fillBytes(&bytes) }
    /// Every byte `value`.
    static func repeating(_ value: UInt8) -> FixedRandom { FixedRandom { for i in $0.indices { $0[i] = value } } }
}

enum Fixtures {
    /// The shipped schema, compiled as the gateway compiles it.
    static func bigsurvey() throws -> Schema {
        let url = Corpora.packageRoot.appendingPathComponent("schemas/bigsurvey.json")
        return try Schema(JSONParser.parse(Array(try Data(contentsOf: url))))
    }
}

/// The invocation log line's documented schema (README, "Logs"), kept beside the script tests,
/// which check the real bootstrap's lines against it with Python's jsonschema.
enum LogSchema {
    static let schema: Schema = {
        let url = Corpora.packageRoot.appendingPathComponent("scripts/tests/fixtures/invocation-log.schema.json")
        return try! Schema(JSONParser.parse(Array(try! Data(contentsOf: url))))
    }()

    static func assertValid(_ line: JSON, file: StaticString = #filePath, line number: UInt = #line) throws {
        XCTAssertEqual(schema.validate(line).map(\.description), [], "\(line.serialized())", file: file, line: number)
    }

    /// A text line's fields: `TIMESTAMP LEVEL MESSAGE` then `key=value` pairs, a value either a
    /// JSON number, a JSON string (when quoted) or a bare word.
    static func textFields(_ line: String) throws -> JSON {
        var words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard words.count >= 3 else { throw NotALogLine(line: line) }
        var o = JSONObject()
        o["timestamp"] = .string(words.removeFirst())
        o["level"] = .string(words.removeFirst())
        o["message"] = .string(words.removeFirst())
        for pair in words {
            guard let eq = pair.firstIndex(of: "=") else { continue }
            let key = String(pair[..<eq]), value = String(pair[pair.index(after: eq)...])
            o[key] = (try? JSONParser.parse(Array(value.utf8))) ?? .string(value)
        }
        return .object(o)
    }
}

struct NotALogLine: Error { let line: String }
