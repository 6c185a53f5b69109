import CCrypto

/// One-shot SHA-256 and HMAC-SHA256 through libcrypto, for the cold paths: the public
/// `StringToSign` initializer and signing-key derivation (once per scope). The per-request path
/// uses `FetchedSHA256` and the pooled contexts of `SigningKey` instead.
enum Digest {
    /// Length in bytes of a SHA-256 digest and of every HMAC-SHA256 result.
    static let length = 32

    static func sha256(_ bytes: [UInt8]) throws(SigV4Error) -> [UInt8] {
        try check(bytes.withUnsafeBytes(sha256(raw:)), "SHA-256")
    }

    static func hmacSHA256(key: [UInt8], message: String) throws(SigV4Error) -> [UInt8] {
        var message = message
        return try check(message.withUTF8 { hmacSHA256(key: key, raw: UnsafeRawBufferPointer($0)) }, "HMAC-SHA256")
    }

    private static func check(_ digest: [UInt8]?, _ what: String) throws(SigV4Error) -> [UInt8] {
        guard let digest else { throw SigV4Error(.cryptoFailure, "libcrypto \(what) failed") }
        return digest
    }

    /// nil when libcrypto fails.
    private static func sha256(raw data: UnsafeRawBufferPointer) -> [UInt8]? {
        var ok: Int32 = 0
        let out = [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
            ok = esp_sha256(data.baseAddress, data.count, buffer.baseAddress)
            count = length
        }
        return ok == 1 ? out : nil
    }

    /// nil when libcrypto fails.
    private static func hmacSHA256(key: [UInt8], raw message: UnsafeRawBufferPointer) -> [UInt8]? {
        var ok: Int32 = 0
        let out = key.withUnsafeBytes { keyBytes in
            [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
                ok = esp_hmac_sha256(keyBytes.baseAddress, keyBytes.count, message.baseAddress, message.count,
                                     buffer.baseAddress)
                count = length
            }
        }
        return ok == 1 ? out : nil
    }
}
