/// RFC 5321 section 4.1.2 `Mailbox` (dot-string or quoted-string local part, domain or address
/// literal) and, with `international`, RFC 6531 section 3.3 (UTF-8 in atext and qtext, an IDN
/// domain).
enum EmailFormat {
    static func isEmail(_ string: String, international: Bool) -> Bool {
        let scalars = Array(string.unicodeScalars)
        guard let localEnd = localPartEnd(scalars, international: international),
              localEnd < scalars.count, scalars[localEnd] == "@"
        else { return false }
        let localOctets = scalars[..<localEnd].reduce(0) { $0 + UTF8.width($1) }
        guard localOctets <= 64 else { return false }
        let domain = scalars[(localEnd + 1)...]
        if domain.first == "[" {
            guard domain.last == "]", domain.count > 2 else { return false }
            return isAddressLiteral(String(String.UnicodeScalarView(domain.dropFirst().dropLast())))
        }
        let name = String(String.UnicodeScalarView(domain))
        return international ? HostnameFormat.isIDNHostname(name) : HostnameFormat.isHostname(name)
    }

    /// The index just after the local part, or nil if it is malformed.
    private static func localPartEnd(_ scalars: [Unicode.Scalar], international: Bool) -> Int? {
        var index = 0
        if scalars.first == "\"" {
            index = 1
            while index < scalars.count {
                let c = scalars[index]
                if c == "\"" { return index + 1 }
                if c == "\\" {
                    guard index + 1 < scalars.count, (0x20...0x7E).contains(scalars[index + 1].value) else { return nil }
                    index += 2
                    continue
                }
                let v = c.value
                guard v == 32 || v == 33 || (35...91).contains(v) || (93...126).contains(v) || (international && v >= 0x80)
                else { return nil }
                index += 1
            }
            return nil
        }
        var atomLength = 0
        while index < scalars.count, scalars[index] != "@" {
            let c = scalars[index]
            if c == "." {
                guard atomLength > 0 else { return nil }
                atomLength = 0
            } else {
                guard isAtext(c) || (international && !c.isASCII) else { return nil }
                atomLength += 1
            }
            index += 1
        }
        return atomLength > 0 ? index : nil
    }

    private static func isAtext(_ c: Unicode.Scalar) -> Bool {
        guard c.isASCII else { return false }
        let v = UInt8(c.value)
        if DateTimeFormat.isDigit(v) || (v | 0x20 >= 0x61 && v | 0x20 <= 0x7A) { return true }
        return "!#$%&'*+-/=?^_`{|}~".utf8.contains(v)
    }

    /// `IPv4-address-literal`, `"IPv6:" IPv6-addr`, or `General-address-literal`.
    private static func isAddressLiteral(_ text: String) -> Bool {
        if IPAddressFormat.isIPv4(text) { return true }
        let bytes = Array(text.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return false }
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
