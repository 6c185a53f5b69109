import HTTP

/// The Runtime API over HTTP, with one reused libcurl handle (`HTTPClient`).
///
/// Plain `http` to a local address: proxy variables are ignored, the connect timeout is short,
/// and there is no total timeout, because `/next` blocks until an event arrives, which may be
/// long after the process was frozen and thawed.
public final class CurlRuntimeAPIClient: RuntimeAPIClient {
    private let endpoint: RuntimeAPIEndpoint
    private let http: HTTPClient

    /// Connect timeout; the Runtime API is on the same host.
    public static let connectTimeoutMilliseconds = 1_000

    /// Makes the client; fails only if libcurl cannot be initialised.
    public init(endpoint: RuntimeAPIEndpoint) throws(RuntimeError) {
        self.endpoint = endpoint
        do {
            http = try HTTPClient(HTTPClient.Configuration(
                connectTimeoutMilliseconds: Self.connectTimeoutMilliseconds, timeoutMilliseconds: nil,
                ignoreProxyEnvironment: true))
        } catch {
            throw RuntimeError(.runtimeAPIUnreachable, "cannot create the HTTP client", underlying: error)
        }
    }

    /// `GET /runtime/invocation/next`.
    public func next() throws(RuntimeError) -> Invocation {
        let response = try exchange("GET", RuntimeAPI.nextPath, expecting: 200)
        return Invocation(event: response.body, headers: response.headers)
    }

    /// `POST /runtime/invocation/{id}/response`.
    public func respond(requestID: String, body: [UInt8]) throws(RuntimeError) {
        _ = try exchange("POST", RuntimeAPI.responsePath(requestID: requestID), body: body, expecting: 202)
    }

    /// `POST /runtime/invocation/{id}/error` with the error type header.
    public func reportError(requestID: String, error: FunctionError) throws(RuntimeError) {
        _ = try exchange("POST", RuntimeAPI.errorPath(requestID: requestID), headers: errorHeaders(error),
                         body: error.jsonBody, expecting: 202)
    }

    /// `POST /runtime/init/error` with the error type header.
    public func reportInitError(_ error: FunctionError) throws(RuntimeError) {
        _ = try exchange("POST", RuntimeAPI.initErrorPath, headers: errorHeaders(error), body: error.jsonBody,
                         expecting: 202)
    }

    private func errorHeaders(_ error: FunctionError) -> [(name: String, value: String)] {
        // A header value cannot carry control characters; the body keeps the exact type.
        let type = String(decoding: error.errorType.utf8.map { $0 < 0x20 || $0 == 0x7F ? 0x20 : $0 }, as: UTF8.self)
        return [(RuntimeAPI.functionErrorTypeHeader, type), ("Content-Type", "application/json")]
    }

    private func exchange(
        _ method: String, _ path: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        expecting status: Int
    ) throws(RuntimeError) -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try http.send(HTTPRequest(method: method, url: endpoint.url(path), headers: headers, body: body))
        } catch {
            throw RuntimeError(.runtimeAPIUnreachable, "\(method) \(endpoint.url(path)) got no answer", underlying: error)
        }
        guard response.status == status else {
            let detail = String(decoding: response.body.prefix(300), as: UTF8.self)
            throw RuntimeError(.unexpectedStatus,
                               "\(method) \(endpoint.url(path)) answered \(response.status), expected \(status): \(detail)")
        }
        return response
    }
}
