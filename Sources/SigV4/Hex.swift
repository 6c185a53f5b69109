/// Lower-case hexadecimal, the only form SigV4 uses for digests and signatures.
enum Hex {
    private static let digits: StaticString = "0123456789abcdef"

    static func encode(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer(encode)
    }

    static func encode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            digits.withUTF8Buffer { table in
                var i = 0
                for byte in bytes {
                    out[i] = table[Int(byte >> 4)]
                    out[i + 1] = table[Int(byte & 0x0f)]
                    i += 2
                }
            }
            return bytes.count * 2
        }
    }

    /// Hex of the 32 bytes `produce` writes into a stack buffer (returning false on failure), so a
    /// digest never needs its own heap array; nil when `produce` fails.
    static func encodeDigest(_ produce: (UnsafeMutablePointer<UInt8>) -> Bool) -> String? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Digest.length) { buffer in
            guard let base = buffer.baseAddress, produce(base) else { return nil }
            return encode(UnsafeBufferPointer(buffer))
        }
    }
}
