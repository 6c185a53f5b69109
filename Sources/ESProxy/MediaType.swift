/// The `Content-Type` check: JSON media types, and NDJSON for batches.
enum MediaType {
    /// True for `application/json` and `application/*+json`, with no parameter but an optional
    /// `charset=utf-8` (JSON is UTF-8 by RFC 8259; any other charset would be misread).
    static func isJSON(_ header: String?) -> Bool {
        matches(header) { type in
            type == "application/json"
                || (type.hasPrefix("application/") && type.hasSuffix("+json") && type.count > "application/+json".count)
        }
    }

    /// True for `application/x-ndjson` (one JSON value per line), with the same parameter rule.
    static func isNDJSON(_ header: String?) -> Bool {
        matches(header) { $0 == "application/x-ndjson" }
    }

    private static func matches(_ header: String?, _ accepts: (String) -> Bool) -> Bool {
        guard let header else { return false }
        let parts = header.split(separator: ";", omittingEmptySubsequences: false)
        guard accepts(parts[0].trimmingWhitespace().lowercased()) else { return false }
        for param in parts.dropFirst() {
            let p = param.trimmingWhitespace().lowercased()
            if p.isEmpty { continue }
            let value = p.split(separator: "=", maxSplits: 1).map { $0.trimmingWhitespace() }
            guard value.count == 2, value[0] == "charset" else { return false }
            let charset = value[1].hasPrefix("\"") && value[1].hasSuffix("\"") && value[1].count >= 2
                ? value[1].dropFirst().dropLast() : value[1]
            guard charset == "utf-8" || charset == "utf8" else { return false }
        }
        return true
    }
}
