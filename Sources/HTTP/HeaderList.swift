import CCurl

/// The `curl_slist` of request headers for one transfer, freed when the value is released.
///
/// libcurl adds `Accept: */*`, `Expect: 100-continue` (large bodies) and a form `Content-Type`
/// (any POSTFIELDS body) on its own; a `Name:` entry with no value removes such a default, so
/// each is removed unless the caller sets that header. A caller's empty value is sent as `Name;`
/// (libcurl's syntax for an empty header).
final class HeaderList {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?

    static let suppressedDefaults = ["Accept", "Expect", "Content-Type"]

    init(_ headers: [(name: String, value: String)]) throws(HTTPError) {
        for header in headers {
            try Self.validate(header)
            try append(header.value.isEmpty ? header.name + ";" : header.name + ": " + header.value)
        }
        for name in Self.suppressedDefaults where !headers.contains(where: { asciiCaseInsensitiveEquals($0.name, name) }) {
            try append(name + ":")
        }
    }

    deinit { curl_slist_free_all(pointer) }

    private func append(_ line: String) throws(HTTPError) {
        guard let next = curl_slist_append(pointer, line) else {
            throw HTTPError(.other, "out of memory building request headers")
        }
        pointer = next
    }

    /// Rejects names that are not RFC 9110 tokens and values with CR, LF or NUL, which would
    /// otherwise let a value smuggle extra header lines into the request.
    static func validate(_ header: (name: String, value: String)) throws(HTTPError) {
        guard !header.name.isEmpty, header.name.utf8.allSatisfy(isTokenByte) else {
            throw HTTPError(.invalidRequest, "invalid header name \"\(header.name)\"")
        }
        guard !header.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
            throw HTTPError(.invalidRequest, "header \(header.name) has a value containing CR, LF or NUL")
        }
    }

    /// RFC 9110 §5.6.2 `tchar`.
    static func isTokenByte(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(c)
        }
    }
}
