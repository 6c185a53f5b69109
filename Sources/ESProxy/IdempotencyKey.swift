/// The `Idempotency-Key` request header (IETF httpapi draft "The Idempotency-Key HTTP Header
/// Field"): an RFC 8941 sf-string, `"8e03978e-40d5-43e8-bc93-6894a57f9324"`, also accepted bare.
/// The key itself is 1 to 255 visible ASCII characters (0x21-0x7E).
enum IdempotencyKey {
    static let maxLength = 255

    /// The key of the request's header values: `nil` when there is none, an error when there are
    /// several or the one is malformed. Never echoes the key: it may be a client secret.
    static func parse(_ values: [String]) -> Result<String?, GatewayError> {
        guard let value = values.first else { return .success(nil) }
        guard values.count == 1 else { return .failure(invalid("the request has more than one Idempotency-Key")) }
        var bytes = Array(value.utf8)[...]
        while bytes.first == 0x20 || bytes.first == 0x09 { bytes = bytes.dropFirst() }
        while bytes.last == 0x20 || bytes.last == 0x09 { bytes = bytes.dropLast() }
        var key: [UInt8] = []
        if bytes.first == UInt8(ascii: "\"") {
            // sf-string: DQUOTE *( unescaped / "\" ( DQUOTE / "\" ) ) DQUOTE, nothing after it.
            var i = bytes.startIndex + 1
            var closed = false
            while i < bytes.endIndex {
                let c = bytes[i]
                if c == UInt8(ascii: "\\") {
                    guard i + 1 < bytes.endIndex, bytes[i + 1] == UInt8(ascii: "\"") || bytes[i + 1] == UInt8(ascii: "\\") else {
                        return .failure(invalid("a backslash in the quoted key must escape \" or \\"))
                    }
                    key.append(bytes[i + 1])
                    i += 2
                } else if c == UInt8(ascii: "\"") {
                    closed = i + 1 == bytes.endIndex
                    guard closed else { return .failure(invalid("nothing may follow the quoted key")) }
                    i += 1
                } else {
                    key.append(c)
                    i += 1
                }
            }
            guard closed else { return .failure(invalid("the quoted key has no closing quote")) }
        } else {
            key = Array(bytes)
        }
        guard !key.isEmpty, key.count <= maxLength else {
            return .failure(invalid("the key must be 1 to \(maxLength) characters"))
        }
        guard key.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            return .failure(invalid("the key must be visible ASCII characters only"))
        }
        return .success(String(decoding: key, as: UTF8.self))
    }

    static func invalid(_ why: String) -> GatewayError {
        GatewayError(.invalidIdempotencyKey, "Idempotency-Key: \(why) (send it as \"...\", RFC 8941 sf-string)")
    }
}
