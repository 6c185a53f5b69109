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
    }

    /// The `;`-separated lower-case names of the signed headers.
    public var signedHeaders: String {
        var names = ""
        for (index, header) in headers.enumerated() {
            if index > 0 { names.append(";") }
            names.append(header.name)
        }
        return names
    }

    /// The canonical request text that is hashed into the string to sign.
    public var description: String {
        var text = ""
        text.reserveCapacity(
            method.utf8.count + path.utf8.count + query.utf8.count + payloadHash.utf8.count
                + headers.reduce(0) { $0 + 2 * $1.name.utf8.count + $1.value.utf8.count + 3 } + 8)
        text.append(method)
        text.append("\n")
        text.append(path)
        text.append("\n")
        text.append(query)
        text.append("\n")
        for header in headers {
            text.append(header.name)
            text.append(":")
            text.append(header.value)
            text.append("\n")
        }
        text.append("\n")
        text.append(signedHeaders)
        text.append("\n")
        text.append(payloadHash)
        return text
    }

    /// RFC 9110 `tchar`: the bytes allowed in methods and header names.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            default:
                return "!#$%&'*+-.^_`|~".utf8.contains(byte)
            }
        }
    }

    static func validate(method: String) throws(SigV4Error) {
        guard isToken(method) else {
            throw SigV4Error(.invalidMethod, "HTTP method \"\(method)\" is empty or not a token")
        }
    }
}
