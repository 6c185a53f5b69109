/// Lower-case hexadecimal, the only form SigV4 uses for digests and signatures.
enum Hex {
    private static let digits: StaticString = "0123456789abcdef"

    static func encode(_ bytes: [UInt8]) -> String {
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
}
