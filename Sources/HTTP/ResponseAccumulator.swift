/// Collects one response as libcurl delivers it, through the header and write callbacks.
///
/// libcurl calls the C callbacks with an opaque pointer; `HTTPClient` passes this object there
/// unretained (it owns it for the client's lifetime and only `curl_easy_perform` runs callbacks).
final class ResponseAccumulator {
    private(set) var headers: [(name: String, value: String)] = []
    private(set) var body: [UInt8] = []
    /// True once any status line, header or body byte arrived for the current attempt.
    private(set) var receivedResponseBytes = false

    /// Largest body size reserved up front from `Content-Length`; beyond it the array grows.
    static let maxReservation = 64 << 20

    /// Forgets everything, ready for the next attempt.
    func reset() {
        headers = []
        body = []
        receivedResponseBytes = false
    }

    /// Hands the collected response over and resets.
    func take(status: Int) -> HTTPResponse {
        let response = HTTPResponse(status: status, headers: headers, body: body)
        reset()
        return response
    }

    /// One header line as libcurl delivers it: the status line, a field, or the blank line ending
    /// the block. Each new status line starts a new block, which drops interim `1xx` responses.
    func receiveHeaderLine(_ line: UnsafeRawBufferPointer) {
        receivedResponseBytes = true
        var bytes = line[...]
        while let last = bytes.last, last == 0x0D || last == 0x0A { bytes = bytes.dropLast() }
        guard let first = bytes.first else { return }
        if bytes.starts(with: "HTTP/".utf8) {
            headers = []
            body = []
            return
        }
        if first == 0x20 || first == 0x09 {
            // obs-fold (RFC 9112 §5.2): a continuation of the previous field's value.
            guard !headers.isEmpty else { return }
            let more = String(decoding: trimmed(bytes), as: UTF8.self)
            headers[headers.count - 1].value += " " + more
            return
        }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = String(decoding: bytes[..<colon], as: UTF8.self)
        let value = String(decoding: trimmed(bytes[(colon + 1)...]), as: UTF8.self)
        headers.append((name: name, value: value))
        if asciiCaseInsensitiveEquals(name, "content-length"), let length = Int(value), length > 0 {
            body.reserveCapacity(min(length, Self.maxReservation))
        }
    }

    /// A chunk of the (already de-chunked) body.
    func receiveBody(_ chunk: UnsafeRawBufferPointer) {
        receivedResponseBytes = true
        body.append(contentsOf: chunk)
    }

    private func trimmed(_ bytes: Slice<UnsafeRawBufferPointer>) -> Slice<UnsafeRawBufferPointer> {
        var s = bytes
        while let f = s.first, f == 0x20 || f == 0x09 { s = s.dropFirst() }
        while let l = s.last, l == 0x20 || l == 0x09 { s = s.dropLast() }
        return s
    }
}
