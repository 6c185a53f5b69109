extension CanonicalRequest {
    /// The canonical URI of `path`: segments URI-encoded (so a `%` already on the request line is
    /// encoded again, the "double encoding" SigV4 asks of services other than S3), and, when
    /// `normalize` is set, `.` and `..` segments resolved and empty segments dropped. A trailing
    /// slash is kept only when the path ends in `/`: `/a/b/..` is `/a`, as AWS computes it
    /// (aws-c-auth `s_append_normalized_path`, botocore `remove_dot_segments`), not RFC 3986's `/a/`.
    static func canonicalPath(_ path: String, normalize: Bool) throws(SigV4Error) -> String {
        guard path.utf8.first == UInt8(ascii: "/") else {
            throw SigV4Error(.invalidPath, "path \"\(path)\" does not start with \"/\"")
        }
        // "?" and "#" are reserved, so a path passing this test holds neither.
        if (try? path.withUTF8Bytes({ isCanonicalPath($0, normalize: normalize) })) == true { return path }
        guard !path.utf8.contains(UInt8(ascii: "?")), !path.utf8.contains(UInt8(ascii: "#")) else {
            throw SigV4Error(
                .invalidPath, "path \"\(path)\" contains \"?\" or \"#\"; pass the query as SigningRequest.query")
        }
        // The leading "/" yields an empty first segment, dropped here and restored below.
        let segments = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst()
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count + 16)
        if normalize {
            var kept: [Substring.UTF8View] = []
            for segment in segments {
                if segment.isEmpty || segment.elementsEqual(".".utf8) { continue }
                if segment.elementsEqual("..".utf8) {
                    _ = kept.popLast()
                } else {
                    kept.append(Substring(segment).utf8)
                }
            }
            let endsWithSlash = path.utf8.last == UInt8(ascii: "/")
            for segment in kept {
                out.append(UInt8(ascii: "/"))
                URIEncoding.encode(segment, into: &out)
            }
            if kept.isEmpty || endsWithSlash { out.append(UInt8(ascii: "/")) }
        } else {
            for segment in segments {
                out.append(UInt8(ascii: "/"))
                URIEncoding.encode(segment, into: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `canonicalPath` would return `path` (which starts with `/`) unchanged: only
    /// unreserved bytes and `/`, and, when normalising, no empty, `.` or `..` segment except an
    /// empty last one (a trailing slash).
    private static func isCanonicalPath(_ bytes: UnsafeBufferPointer<UInt8>, normalize: Bool) -> Bool {
        var segmentStart = 1
        for index in 1...bytes.count {
            if index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                if normalize {
                    let length = index - segmentStart
                    let dot = UInt8(ascii: ".")
                    if length == 0 && index < bytes.count { return false }
                    if length == 1 && bytes[segmentStart] == dot { return false }
                    if length == 2 && bytes[segmentStart] == dot && bytes[segmentStart + 1] == dot { return false }
                }
                segmentStart = index + 1
            } else if !URIEncoding.isUnreserved(bytes[index]) {
                return false
            }
        }
        return true
    }
}
