import CCrypto

/// libcrypto's SHA-256 fetched once and kept by a signer: the provider lookup that one-shot calls
/// repeat costs about as much as hashing a canonical request.
///
/// `@unchecked Sendable`: the `EVP_MD` is immutable after the fetch and OpenSSL allows concurrent
/// use of one fetched algorithm from many threads.
final class FetchedSHA256: @unchecked Sendable {
    private let md: OpaquePointer

    init() throws(SigV4Error) {
        guard let md = esp_sha256_fetch() else {
            throw SigV4Error(.cryptoFailure, "libcrypto has no SHA-256 implementation")
        }
        self.md = md
    }

    deinit { esp_sha256_free(md) }

    /// Lower-case hex SHA-256 of `bytes`.
    func hexHash(_ bytes: [UInt8]) throws(SigV4Error) -> String {
        let hex = bytes.withUnsafeBytes { data in
            Hex.encodeDigest { out in esp_sha256_with(md, data.baseAddress, data.count, out) == 1 }
        }
        guard let hex else { throw SigV4Error(.cryptoFailure, "libcrypto SHA-256 failed") }
        return hex
    }
}
