/// RFC 4648 base64 (standard alphabet, `=` padding), strict: the event bodies API Gateway and
/// ALB encode are canonical, so anything else is a fault worth reporting, not guessing about.
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// 0...63 for an alphabet byte, 0xFF otherwise.
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = UInt8(i) }
        return table
    }()

    /// Decodes `text`; throws `.invalidBase64` for a length that is not a multiple of 4, a byte
    /// outside the alphabet (whitespace included), misplaced padding, or non-zero unused bits.
    public static func decode(_ text: some Collection<UInt8>) throws(RuntimeError) -> [UInt8] {
        let input = Array(text)
        guard input.count % 4 == 0 else {
            throw RuntimeError(.invalidBase64, "base64 length \(input.count) is not a multiple of 4")
        }
        var out: [UInt8] = []
        out.reserveCapacity(input.count / 4 * 3)
        var i = 0
        while i < input.count {
            let last = i + 4 == input.count
            var quad: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
            var padding = 0
            for k in 0..<4 {
                let c = input[i + k]
                var v = values[Int(c)]
                if c == UInt8(ascii: "=") {
                    guard last, k >= 2 else {
                        throw RuntimeError(.invalidBase64, "misplaced '=' at offset \(i + k)")
                    }
                    padding += 1
                    v = 0
                } else if padding > 0 {
                    throw RuntimeError(.invalidBase64, "data after '=' at offset \(i + k)")
                } else if v == 0xFF {
                    throw RuntimeError(.invalidBase64, "byte 0x\(String(c, radix: 16)) at offset \(i + k) is not base64")
                }
                switch k {
                case 0: quad.0 = v
                case 1: quad.1 = v
                case 2: quad.2 = v
                default: quad.3 = v
                }
            }
            // Canonical encodings leave the bits below the last character zero.
            if (padding == 1 && quad.2 & 0x03 != 0) || (padding == 2 && quad.1 & 0x0F != 0) {
                throw RuntimeError(.invalidBase64, "non-zero padding bits at offset \(i)")
            }
            out.append(quad.0 << 2 | quad.1 >> 4)
            if padding < 2 { out.append(quad.1 << 4 | quad.2 >> 2) }
            if padding < 1 { out.append(quad.2 << 6 | quad.3) }
            i += 4
        }
        return out
    }

    /// Encodes `bytes` with padding.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count + 2) / 3 * 4)
        var i = 0
        while i < input.count {
            let b0 = input[i], b1 = i + 1 < input.count ? input[i + 1] : 0, b2 = i + 2 < input.count ? input[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < input.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < input.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
