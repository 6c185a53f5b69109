import HTTP

/// Cross-origin rules for pages on other origins (Fetch standard, "CORS protocol"), from
/// `CORS_ALLOW_ORIGINS` and `CORS_MAX_AGE`. Without `CORS_ALLOW_ORIGINS` there is no policy and
/// the gateway answers exactly as if CORS did not exist.
struct CORSPolicy: Sendable {
    enum Origins: Sendable, Equatable {
        case any
        /// Exact origins, `scheme://host[:port]` with scheme and host in lower case.
        case exactly(Set<String>)
    }

    let origins: Origins
    let maxAgeSeconds: Int

    /// The request headers a page may send besides the CORS-safelisted ones, lower case.
    static let allowedRequestHeaders: Set<String> = ["content-type", "idempotency-key"]
    /// The response headers a page may read besides the safelisted ones.
    static let exposedHeaders = "Idempotent-Replayed"

    /// Parses `CORS_ALLOW_ORIGINS`: `*`, or comma-separated origins such as
    /// `https://survey.example.com, http://127.0.0.1:8080`.
    init(allowOrigins text: String, maxAgeSeconds: Int) throws(ConfigError) {
        self.maxAgeSeconds = maxAgeSeconds
        if text.utf8.allSatisfy({ $0 == 0x20 }) || text.trimmingASCIISpaces == "*" {
            guard text.trimmingASCIISpaces == "*" else {
                throw ConfigError(.invalidValue, "CORS_ALLOW_ORIGINS", "is empty: list origins such as https://survey.example.com, or *")
            }
            origins = .any
            return
        }
        var set = Set<String>()
        for entry in text.split(separator: ",", omittingEmptySubsequences: false) {
            let origin = String(entry).trimmingASCIISpaces
            guard let normalised = Self.normalise(origin) else {
                throw ConfigError(.invalidValue, "CORS_ALLOW_ORIGINS",
                                  "\"\(origin)\" is not an origin: write scheme://host[:port] (http or https, no path, no wildcard), or * alone")
            }
            set.insert(normalised)
        }
        origins = .exactly(set)
    }

    /// Whether a request with this `Origin` header may read our answers.
    func allows(_ origin: String) -> Bool {
        switch origins {
        case .any: return true
        case .exactly(let set): return Self.normalise(origin).map(set.contains) ?? false
        }
    }

    /// The headers every answer to an allowed origin carries.
    func responseHeaders(origin: String) -> [(name: String, value: String)] {
        [("Access-Control-Allow-Origin", origins == .any ? "*" : origin), ("Vary", "Origin"),
         ("Access-Control-Expose-Headers", Self.exposedHeaders)]
    }

    /// The answer to a preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`):
    /// the 204 headers, or the refusal.
    func preflight(origin: String, method: String, requestHeaders: String?) -> Result<[(name: String, value: String)], GatewayError> {
        guard allows(origin) else {
            return .failure(GatewayError(.originNotAllowed, "origin \(origin) may not call this API"))
        }
        guard method == "POST" else {
            return .failure(GatewayError(.headerNotAllowed, "Access-Control-Request-Method: only POST is allowed"))
        }
        let requested = (requestHeaders ?? "").split(separator: ",").map { String($0).trimmingASCIISpaces.asciiLowercased }
            .filter { !$0.isEmpty }
        if let refused = requested.first(where: { !Self.allowedRequestHeaders.contains($0) }) {
            return .failure(GatewayError(.headerNotAllowed, "Access-Control-Request-Headers: \(refused) is not allowed (only content-type and idempotency-key)"))
        }
        var headers: [(name: String, value: String)] = [
            ("Access-Control-Allow-Origin", origins == .any ? "*" : origin),
            ("Access-Control-Allow-Methods", "POST"),
        ]
        if !requested.isEmpty { headers.append(("Access-Control-Allow-Headers", requested.joined(separator: ", "))) }
        headers += [("Access-Control-Max-Age", String(maxAgeSeconds)), ("Vary", "Origin")]
        return .success(headers)
    }

    /// `scheme://host[:port]` with scheme and host lowered, or nil when `text` is no such origin
    /// (a path, query, userinfo, wildcard or space in it).
    static func normalise(_ text: String) -> String? {
        let lowered = text.asciiLowercased
        let scheme: String
        if lowered.hasPrefix("https://") { scheme = "https" } else if lowered.hasPrefix("http://") { scheme = "http" } else { return nil }
        let rest = Array(text.utf8.dropFirst(scheme.utf8.count + 3))
        var host = rest[...], port: ArraySlice<UInt8> = []
        if let colon = rest.lastIndex(of: UInt8(ascii: ":")), !rest.contains(UInt8(ascii: "]")) || colon > rest.lastIndex(of: UInt8(ascii: "]"))! {
            host = rest[..<colon]
            port = rest[(colon + 1)...]
            guard !port.isEmpty, port.count <= 5, port.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), Int(String(decoding: port, as: UTF8.self))! <= 65535 else {
                return nil
            }
        }
        guard !host.isEmpty else { return nil }
        let hostOK = host.allSatisfy { c in
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
                || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "[") || c == UInt8(ascii: "]")
                || c == UInt8(ascii: ":")
        }
        let bracketed = host.first == UInt8(ascii: "[") && host.last == UInt8(ascii: "]")
        guard hostOK, bracketed || !host.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }) else {
            return nil
        }
        var out = scheme + "://" + String(decoding: host, as: UTF8.self).asciiLowercased
        if !port.isEmpty { out += ":" + String(decoding: port, as: UTF8.self) }
        return out
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingASCIISpaces: String {
        var u = utf8[...]
        while u.first == 0x20 || u.first == 0x09 { u = u.dropFirst() }
        while u.last == 0x20 || u.last == 0x09 { u = u.dropLast() }
        return String(decoding: u, as: UTF8.self)
    }
}
