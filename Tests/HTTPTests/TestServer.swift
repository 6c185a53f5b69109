import Foundation
import HTTP
import XCTest

/// Runs `Fixtures/test_server.py` on 127.0.0.1 for one test: started in `init` (which returns once
/// the server listens), stopped in `stop()` or `deinit`. The server also exits on its own when
/// its stdin closes, i.e. when this process dies.
final class TestServer {
    let port: Int
    private let process: Process
    private let stdin: Pipe

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Fixtures/test_server.py")

    init(certificate: String? = nil, key: String? = nil, maxTLS11: Bool = false) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["python3", Self.script.path]
        if let certificate, let key { arguments += ["--cert", certificate, "--key", key] }
        if maxTLS11 { arguments += ["--max-tls", "1.1"] }
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        // The server must not inherit a proxy setting meant for the client under test.
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONUNBUFFERED"] = "1"
        process.environment = environment
        try process.run()
        self.process = process
        self.stdin = stdin
        // Readiness: the script prints "PORT <n>" only after bind and listen.
        var line = Data()
        let reader = stdout.fileHandleForReading
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            process.terminate()
            throw ServerStartFailure(output: text)
        }
        self.port = port
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// Closing stdin makes the server exit by itself; SIGTERM is the fallback if it hangs.
    func stop() {
        guard process.isRunning else { return }
        try? stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit { stop() }
}

struct ServerStartFailure: Error, CustomStringConvertible {
    let output: String
    var description: String { "test server did not start: \(output.isEmpty ? "no output" : output)" }
}

/// What `/stats` reports.
struct ServerStats: Decodable {
    let connections: Int
    let hits: [String: Int]
    /// Idle connections `/idle-reset` has closed with RST so far.
    let resets: Int
}

/// Polls `condition` every 10 ms until it holds or `seconds` pass; whether it held.
func waitUntil(seconds: Double = 5, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        usleep(10_000)
    }
    return try condition()
}

/// What `/echo` reports.
struct Echo: Decodable {
    let method: String
    let path: String
    let headers: [[String]]
    let bodyLength: Int
    let bodySHA256: String
    let body: String?

    func header(_ name: String) -> [String] {
        headers.filter { $0[0].lowercased() == name.lowercased() }.map { $0[1] }
    }
}

extension HTTPClient {
    /// Fetches and decodes JSON, failing the test on transport or decoding errors.
    func json<T: Decodable>(_ type: T.Type, _ request: HTTPRequest) throws -> T {
        let response = try send(request)
        XCTAssertEqual(response.status, 200, "\(request.method) \(request.url)")
        return try JSONDecoder().decode(T.self, from: Data(response.body))
    }

    /// A client for the local test server: direct, whatever the environment's proxy says.
    static func local(timeoutMilliseconds: Int? = 10_000) throws -> HTTPClient {
        try HTTPClient(.init(connectTimeoutMilliseconds: 2_000, timeoutMilliseconds: timeoutMilliseconds, ignoreProxyEnvironment: true))
    }
}

/// Asserts that `body` throws an `HTTPError` with `code`; returns it for further checks.
@discardableResult
func assertHTTPError<T>(_ code: HTTPError.Code, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T) -> HTTPError? {
    do {
        let value = try body()
        XCTFail("expected HTTPError(.\(code)), got \(value)", file: file, line: line)
        return nil
    } catch let error as HTTPError {
        XCTAssertEqual(error.code, code, "\(error)", file: file, line: line)
        return error
    } catch {
        XCTFail("expected HTTPError(.\(code)), got \(error)", file: file, line: line)
        return nil
    }
}
