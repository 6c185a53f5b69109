/// RFC 5321 section 4.1.2 `Mailbox` (dot-string or quoted-string local part, domain or address
/// literal) and, with `international`, RFC 6531 section 3.3 (UTF-8 in atext and qtext, an IDN
/// domain).
///
/// Works on the UTF-8 bytes: every rule is about ASCII, and with `international` any non-ASCII
/// scalar is allowed where it is, so "any byte ≥ 0x80" says the same for valid UTF-8.
enum EmailFormat {
    static func isEmail(_ string: String, international: Bool) -> Bool {
        if let answer = string.utf8.withContiguousStorageIfAvailable({ isEmail($0, international: international) }) {
            return answer
        }
        return Array(string.utf8).withUnsafeBufferPointer { isEmail($0, international: international) }
    }

    private static func isEmail(_ bytes: UnsafeBufferPointer<UInt8>, international: Bool) -> Bool {
        guard let localEnd = localPartEnd(bytes, international: international),
              localEnd < bytes.count, bytes[localEnd] == UInt8(ascii: "@"), localEnd <= 64
        else { return false }
        let domain = UnsafeBufferPointer(rebasing: bytes[(localEnd + 1)...])
        if domain.first == UInt8(ascii: "[") {
            guard domain.last == UInt8(ascii: "]"), domain.count > 2 else { return false }
            return isAddressLiteral(Array(domain[(domain.startIndex + 1)..<(domain.endIndex - 1)])[...])
        }
        if let answer = HostnameFormat.plainASCIIHostname(domain) { return answer }
        let name = String(decoding: domain, as: UTF8.self)
        return international ? HostnameFormat.isIDNHostname(name) : HostnameFormat.isHostname(name)
    }

    /// The index just after the local part, or nil if it is malformed.
    private static func localPartEnd(_ bytes: UnsafeBufferPointer<UInt8>, international: Bool) -> Int? {
        var index = 0
        if bytes.first == UInt8(ascii: "\"") {
            index = 1
            while index < bytes.count {
                let v = bytes[index]
                if v == UInt8(ascii: "\"") { return index + 1 }
                if v == UInt8(ascii: "\\") {
                    guard index + 1 < bytes.count, (0x20...0x7E).contains(bytes[index + 1]) else { return nil }
                    index += 2
                    continue
                }
                guard v == 32 || v == 33 || (35...91).contains(v) || (93...126).contains(v) || (international && v >= 0x80)
                else { return nil }
                index += 1
            }
            return nil
        }
        var atomLength = 0
        while index < bytes.count, bytes[index] != UInt8(ascii: "@") {
            let c = bytes[index]
            if c == UInt8(ascii: ".") {
                guard atomLength > 0 else { return nil }
                atomLength = 0
            } else {
                guard isAtext(c) || (international && c >= 0x80) else { return nil }
                atomLength += 1
            }
            index += 1
        }
        return atomLength > 0 ? index : nil
    }

    private static func isAtext(_ v: UInt8) -> Bool {
        guard v < 0x80 else { return false }
        if DateTimeFormat.isDigit(v) || (v | 0x20 >= 0x61 && v | 0x20 <= 0x7A) { return true }
        switch v {
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"),
             UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
             UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"): return true
        default: return false
        }
    }

    /// `IPv4-address-literal`, `"IPv6:" IPv6-addr`, or `General-address-literal`.
    private static func isAddressLiteral(_ bytes: ArraySlice<UInt8>) -> Bool {
        if IPAddressFormat.isIPv4(bytes) { return true }
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > bytes.startIndex else { return false }
        let tag = bytes[..<colon]
        let content = bytes[(colon + 1)...]
        if String(decoding: tag, as: UTF8.self).lowercased() == "ipv6" {
            return IPAddressFormat.isIPv6(content)
        }
        // Standardized-tag = Ldh-str; dcontent = %d33-90 / %d94-126.
        let tagOK = tag.allSatisfy { $0 == UInt8(ascii: "-") || DateTimeFormat.isDigit($0) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) }
            && tag.last != UInt8(ascii: "-")
        return tagOK && !content.isEmpty && content.allSatisfy { (33...90).contains($0) || (94...126).contains($0) }
    }
}
