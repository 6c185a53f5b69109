/// Task 1 of SigV4: the canonical form of a request, whose SHA-256 the string to sign carries.
///
/// A pure value: `description` is the exact text the specification defines —
///
///     METHOD\nCanonicalURI\nCanonicalQuery\nname:value\n…\n\nsigned;headers\npayloadHash
///
/// — so a test can compare it byte for byte with a vector's `.creq`.
public struct CanonicalRequest: Sendable, CustomStringConvertible {
    /// A decoded query parameter: raw bytes, because a decoded query need not be valid UTF-8.
    typealias Parameter = (name: [UInt8], value: [UInt8])

    /// The HTTP method, unchanged.
    public let method: String
    /// The canonical URI: the path, normalised if asked, each segment URI-encoded.
    public let path: String
    /// The canonical query string: encoded `name=value` pairs sorted by name, then value.
    public let query: String
    /// The signed headers: lower-case names in order, one entry per name, values trimmed with inner
    /// whitespace runs collapsed and repeated headers joined with `,`.
    public let headers: [(name: String, value: String)]
    /// The hex SHA-256 of the body, or the caller's override such as `UNSIGNED-PAYLOAD`.
    public let payloadHash: String
    /// The `;`-separated lower-case names of the signed headers.
    public let signedHeaders: String

    /// The canonical request of the given request parts, all of whose headers are signed.
    ///
    /// Throws `.invalidMethod`, `.invalidPath` or `.invalidHeaderName` for input that cannot be
    /// part of an HTTP request.
    public init(
        method: String, path: String, query: SigningRequest.Query = .raw(""),
        headers: [(name: String, value: String)], payloadHash: String, normalizePath: Bool = true
    ) throws(SigV4Error) {
        try self.init(
            method: method, path: path, parameters: Self.parameters(of: query),
            canonicalHeaders: Self.canonicalHeaders(headers), payloadHash: payloadHash,
            normalizePath: normalizePath)
    }

    /// The canonical request from decoded parameters and already canonical headers.
    init(
        method: String, path: String, parameters: [Parameter], canonicalHeaders: [(name: String, value: String)],
        payloadHash: String, normalizePath: Bool
    ) throws(SigV4Error) {
        try Self.validate(method: method)
        self.method = method
        self.path = try Self.canonicalPath(path, normalize: normalizePath)
        self.query = Self.canonicalQuery(parameters)
        self.headers = canonicalHeaders
        self.payloadHash = payloadHash
        self.signedHeaders = Self.signedHeaders(canonicalHeaders)
    }

    /// The canonical request text that is hashed into the string to sign.
    public var description: String { String(decoding: utf8Bytes(), as: UTF8.self) }

    /// The UTF-8 of `description`, built in one buffer: this is what the signer hashes.
    func utf8Bytes() -> [UInt8] {
        var count = method.utf8.count + path.utf8.count + query.utf8.count + signedHeaders.utf8.count
            + payloadHash.utf8.count + 5
        for header in headers { count += header.name.utf8.count + header.value.utf8.count + 2 }
        let newline = UInt8(ascii: "\n")
        return UTF8Builder.bytes(capacity: count) { out in
            out.append(method)
            out.append(newline)
            out.append(path)
            out.append(newline)
            out.append(query)
            out.append(newline)
            for header in headers {
                out.append(header.name)
                out.append(UInt8(ascii: ":"))
                out.append(header.value)
                out.append(newline)
            }
            out.append(newline)
            out.append(signedHeaders)
            out.append(newline)
            out.append(payloadHash)
        }
    }

    /// `;`-joined names of canonical headers.
    static func signedHeaders(_ headers: [(name: String, value: String)]) -> String {
        var count = max(headers.count - 1, 0)
        for header in headers { count += header.name.utf8.count }
        return UTF8Builder.string(capacity: count) { out in
            for (index, header) in headers.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ";")) }
                out.append(header.name)
            }
        }
    }

    /// RFC 9110 `tchar`: the bytes allowed in methods and header names.
    @inline(__always)
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "!"), UInt8(ascii: "#"),
             UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"),
             UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
             UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isTokenByte)
    }

    static func validate(method: String) throws(SigV4Error) {
        guard isToken(method) else {
            throw SigV4Error(.invalidMethod, "HTTP method \"\(method)\" is empty or not a token")
        }
    }
}
