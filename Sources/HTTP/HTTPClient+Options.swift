import CCurl

/// libcurl's callbacks: plain C functions, capturing nothing; the accumulator arrives as the
/// user-data pointer set with CURLOPT_WRITEDATA / CURLOPT_HEADERDATA.
private let writeCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, context in
    guard let context else { return 0 }
    let total = size * count
    let accumulator = Unmanaged<ResponseAccumulator>.fromOpaque(context).takeUnretainedValue()
    accumulator.receiveBody(UnsafeRawBufferPointer(start: data, count: total))
    return total
}

private let headerCallback: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
    data, size, count, context in
    guard let context else { return 0 }
    let total = size * count
    let accumulator = Unmanaged<ResponseAccumulator>.fromOpaque(context).takeUnretainedValue()
    accumulator.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: total))
    return total
}

extension HTTPClient {
    /// Options that hold for every request; set once, so they survive across transfers.
    func applyPersistentOptions() throws(HTTPError) {
        try set(CURLOPT_NOSIGNAL, 1, "CURLOPT_NOSIGNAL")
        try set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1), "CURLOPT_HTTP_VERSION")
        try set(CURLOPT_PROTOCOLS_STR, "http,https", "CURLOPT_PROTOCOLS_STR")
        try set(CURLOPT_FOLLOWLOCATION, 0, "CURLOPT_FOLLOWLOCATION")
        try set(CURLOPT_TCP_NODELAY, 1, "CURLOPT_TCP_NODELAY")
        try set(CURLOPT_TCP_KEEPALIVE, 1, "CURLOPT_TCP_KEEPALIVE")
        try set(CURLOPT_TCP_KEEPIDLE, 30, "CURLOPT_TCP_KEEPIDLE")
        try set(CURLOPT_TCP_KEEPINTVL, 15, "CURLOPT_TCP_KEEPINTVL")
        try set(CURLOPT_CONNECTTIMEOUT_MS, max(1, configuration.connectTimeoutMilliseconds), "CURLOPT_CONNECTTIMEOUT_MS")
        try set(CURLOPT_SSL_VERIFYPEER, 1, "CURLOPT_SSL_VERIFYPEER")
        try set(CURLOPT_SSL_VERIFYHOST, 2, "CURLOPT_SSL_VERIFYHOST")
        try set(CURLOPT_SSLVERSION, Int(CURL_SSLVERSION_TLSv1_2), "CURLOPT_SSLVERSION")
        // Trust exactly the CA file: a compiled-in CA directory would widen it silently.
        try check(esp_setopt_str(handle, CURLOPT_CAPATH, nil), "CURLOPT_CAPATH")
        if configuration.ignoreProxyEnvironment {
            // "" disables proxies, including those named by the environment.
            try set(CURLOPT_PROXY, "", "CURLOPT_PROXY")
        }
        try set(CURLOPT_VERBOSE, configuration.verbose ? 1 : 0, "CURLOPT_VERBOSE")
        try check(esp_setopt_ptr(handle, CURLOPT_ERRORBUFFER, errorBuffer), "CURLOPT_ERRORBUFFER")
        let context = Unmanaged.passUnretained(accumulator).toOpaque()
        try check(esp_setopt_write(handle, CURLOPT_WRITEFUNCTION, writeCallback), "CURLOPT_WRITEFUNCTION")
        try check(esp_setopt_ptr(handle, CURLOPT_WRITEDATA, context), "CURLOPT_WRITEDATA")
        try check(esp_setopt_write(handle, CURLOPT_HEADERFUNCTION, headerCallback), "CURLOPT_HEADERFUNCTION")
        try check(esp_setopt_ptr(handle, CURLOPT_HEADERDATA, context), "CURLOPT_HEADERDATA")
    }

    /// Options that change per request. Every one is set on every request, so nothing leaks from
    /// the previous transfer; the connection cache is untouched (no curl_easy_reset needed).
    func applyRequestOptions(_ request: HTTPRequest, headers: HeaderList) throws(HTTPError) {
        guard !request.method.isEmpty, request.method.utf8.allSatisfy(HeaderList.isTokenByte) else {
            throw HTTPError(.invalidRequest, "invalid HTTP method \"\(request.method)\"")
        }
        guard !request.url.utf8.contains(where: { $0 <= 0x20 || $0 == 0x7F }) else {
            throw HTTPError(.invalidURL, "invalid URL \(request.url): contains whitespace or control characters")
        }
        let rc = esp_setopt_str(handle, CURLOPT_URL, request.url)
        guard rc == CURLE_OK else { throw HTTPError(curlCode: rc, url: request.url, detail: "") }
        let timeout = request.timeoutMilliseconds ?? configuration.timeoutMilliseconds
        try set(CURLOPT_TIMEOUT_MS, timeout.map { max(1, $0) } ?? 0, "CURLOPT_TIMEOUT_MS")
        try check(esp_setopt_slist(handle, CURLOPT_HTTPHEADER, headers.pointer), "CURLOPT_HTTPHEADER")
        // HTTPGET resets the method state left by the previous request (POST, NOBODY, upload).
        try check(esp_setopt_ptr(handle, CURLOPT_POSTFIELDS, nil), "CURLOPT_POSTFIELDS")
        try set(CURLOPT_HTTPGET, 1, "CURLOPT_HTTPGET")
        try check(esp_setopt_str(handle, CURLOPT_CUSTOMREQUEST, nil), "CURLOPT_CUSTOMREQUEST")
        switch request.method {
        case "GET": break
        case "HEAD": try set(CURLOPT_NOBODY, 1, "CURLOPT_NOBODY")
        default:
            // Bodyless methods other than GET/HEAD; body-carrying ones are set by withBody.
            if !sendsBody(request) { try applyCustomMethod(request.method) }
        }
    }

    /// POSTFIELDS makes libcurl send POST; any other method name is sent through CUSTOMREQUEST,
    /// which changes only the request line.
    func applyCustomMethod(_ method: String) throws(HTTPError) {
        try check(esp_setopt_str(handle, CURLOPT_CUSTOMREQUEST, method == "POST" ? nil : method), "CURLOPT_CUSTOMREQUEST")
    }

    func set(_ option: CURLoption, _ value: Int, _ name: String) throws(HTTPError) {
        try check(esp_setopt_long(handle, option, value), name)
    }

    func set(_ option: CURLoption, _ value: String, _ name: String) throws(HTTPError) {
        try check(esp_setopt_str(handle, option, value), name)
    }

    func check(_ rc: CURLcode, _ name: String) throws(HTTPError) {
        guard rc == CURLE_OK else {
            throw HTTPError(.initFailed, "libcurl rejected \(name): \(String(cString: curl_easy_strerror(rc)))", curlCode: Int(rc.rawValue))
        }
    }
}
