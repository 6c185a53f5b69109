import CCurl

/// An HTTP/1.1 client for one destination, over one reused libcurl easy handle.
///
/// The handle keeps its connection open between requests, so consecutive requests to the same
/// host skip TCP and TLS setup. A request that fails on a reused connection before any response
/// byte arrived is resent once on a fresh connection (see `ReusedConnectionRetry`).
///
/// Ownership: a client is not thread-safe and not `Sendable`. Keep it in one place (one task,
/// one actor, or the single Lambda loop) and call `send` from there only; create one client per
/// destination rather than sharing one.
public final class HTTPClient {
    /// The settings this client was created with.
    public let configuration: Configuration

    /// Connections libcurl opened so far (the sum of `CURLINFO_NUM_CONNECTS`).
    public private(set) var connectionsOpened = 0
    /// Successful requests that ran on an already open connection.
    public private(set) var connectionReuseCount = 0
    /// Requests resent on a fresh connection after their reused connection turned out dead.
    public private(set) var retryCount = 0

    let handle: UnsafeMutableRawPointer
    let errorBuffer: UnsafeMutablePointer<CChar>
    let accumulator = ResponseAccumulator()
    private let reusedConnectionRetry = ReusedConnectionRetry()
    private var caBundle: CABundleState

    /// Creates the handle and applies the settings that hold for every request.
    public init(_ configuration: Configuration = .init()) throws(HTTPError) {
        let global = esp_global_init()
        guard global == CURLE_OK else {
            throw HTTPError(.initFailed, "curl_global_init failed: \(String(cString: curl_easy_strerror(global)))", curlCode: Int(global.rawValue))
        }
        guard let handle = curl_easy_init() else {
            throw HTTPError(.initFailed, "curl_easy_init returned NULL")
        }
        if let path = configuration.caBundlePath, !CABundle.isReadableFile(path) {
            curl_easy_cleanup(handle)
            throw HTTPError(.caBundleNotFound, "CA bundle: configured caBundlePath \(path) does not exist or is not readable")
        }
        self.configuration = configuration
        self.handle = handle
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        self.caBundle = configuration.caBundlePath.map { .resolved($0) } ?? .unresolved
        // Every stored property is set, so if this throws, deinit frees the handle and buffer.
        try applyPersistentOptions()
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Sends `request` and waits for the whole response. Any status code is a response; only
    /// transport failures throw.
    public func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
        let destination = URLAuthority(request.url)
        guard destination.scheme == "http" || destination.isHTTPS else {
            throw HTTPError(.invalidURL, "invalid URL \(request.url): only http:// and https:// are supported")
        }
        if destination.isHTTPS { try ensureCABundle() }
        let headers = try HeaderList(request.headers)
        defer { _ = esp_setopt_slist(handle, CURLOPT_HTTPHEADER, nil) }
        try applyRequestOptions(request, headers: headers)

        return try withBody(request) { () throws(HTTPError) -> HTTPResponse in
            let (result, retries) = request.repeatable
                ? reusedConnectionRetry.run { fresh in perform(freshConnection: fresh) }
                : (perform(freshConnection: true), 0)
            retryCount += retries
            switch result {
            case .success(let response):
                return response
            case .failure(let failure):
                throw HTTPError(curlCode: failure.curlCode, url: request.url, detail: failure.detail)
            }
        }
    }

    private func perform(freshConnection: Bool) -> Result<HTTPResponse, TransferFailure> {
        accumulator.reset()
        errorBuffer[0] = 0
        _ = esp_setopt_long(handle, CURLOPT_FRESH_CONNECT, freshConnection ? 1 : 0)
        let code = curl_easy_perform(handle)
        var connects = 0
        _ = esp_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        connectionsOpened += connects
        guard code == CURLE_OK else {
            let failure = TransferFailure(
                curlCode: code, reusedConnection: connects == 0,
                receivedResponseBytes: accumulator.receivedResponseBytes,
                detail: String(cString: errorBuffer))
            accumulator.reset()
            return .failure(failure)
        }
        if connects == 0 { connectionReuseCount += 1 }
        var status = 0
        _ = esp_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(accumulator.take(status: status))
    }

    /// Runs `body` with the request body installed as POSTFIELDS when the method sends one. The
    /// pointer is only valid inside `withUnsafeBytes`, so the transfer must run in here.
    private func withBody<T>(_ request: HTTPRequest, _ body: () throws(HTTPError) -> T) throws(HTTPError) -> T {
        guard sendsBody(request) else { return try body() }
        // Array.withUnsafeBytes is untyped `rethrows`, so the error travels out in a Result.
        let result = request.body.withUnsafeBytes { bytes -> Result<T, HTTPError> in
            let rc = esp_set_body(handle, bytes.baseAddress, curl_off_t(bytes.count))
            defer { _ = esp_setopt_ptr(handle, CURLOPT_POSTFIELDS, nil) }
            guard rc == CURLE_OK else {
                return .failure(HTTPError(.other, "cannot set the request body", curlCode: Int(rc.rawValue)))
            }
            do throws(HTTPError) {
                try applyCustomMethod(request.method)
                return .success(try body())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// HEAD never sends a body; GET, DELETE, OPTIONS and others send one only when it is non-empty
    /// (OpenSearch's `GET _search` carries one); POST, PUT and PATCH always do, if only
    /// `Content-Length: 0`.
    func sendsBody(_ request: HTTPRequest) -> Bool {
        switch request.method {
        case "HEAD": return false
        case "POST", "PUT", "PATCH": return true
        default: return !request.body.isEmpty
        }
    }

    private func ensureCABundle() throws(HTTPError) {
        switch caBundle {
        case .installed:
            return
        case .failed(let error):
            throw error
        case .resolved(let path):
            try install(caBundle: path)
        case .unresolved:
            do {
                try install(caBundle: try CABundle.resolveForCurrentProcess())
            } catch {
                caBundle = .failed(error)
                throw error
            }
        }
    }

    private func install(caBundle path: String) throws(HTTPError) {
        try set(CURLOPT_CAINFO, path, "CURLOPT_CAINFO")
        caBundle = .installed
    }
}

/// Where the client stands with its CA bundle; resolved lazily because only `https` needs one.
enum CABundleState {
    case unresolved
    case resolved(String)
    case installed
    case failed(HTTPError)
}
