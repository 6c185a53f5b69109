/// `hostname` (RFC 1123 section 2.1 with RFC 5891 A-label checks) and `idn-hostname`
/// (RFC 5890 to 5893, with the RFC 3490 section 3.1 full stops as label separators).
enum HostnameFormat {
    /// ASCII LDH labels of 1 to 63 octets, 253 octets in all, no leading or trailing hyphen; an
    /// `xn--` label must be a valid A-label.
    static func isHostname(_ string: String) -> Bool {
        if let answer = string.utf8.withContiguousStorageIfAvailable(plainASCIIHostname) ?? nil { return answer }
        return isHostnameFully(string)
    }

    /// `isHostname` without the fast path (kept separate so tests can compare the two).
    static func isHostnameFully(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        var labels: [[Unicode.Scalar]] = []
        for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard isLDHLabel(label) else { return false }
            if let punycode = aLabelBody(label) {
                guard let decoded = IDNA.decodeALabel(punycode), IDNA.isValidULabel(decoded) else { return false }
                labels.append(decoded)
            } else {
                labels.append(lowercased(label.map { Unicode.Scalar($0) }))
            }
        }
        return !IDNA.isBidiDomain(labels) || labels.allSatisfy(IDNA.satisfiesBidiRule)
    }

    static func isIDNHostname(_ string: String) -> Bool {
        if let answer = string.utf8.withContiguousStorageIfAvailable(plainASCIIHostname) ?? nil { return answer }
        return isIDNHostnameFully(string)
    }

    /// `isIDNHostname` without the fast path.
    static func isIDNHostnameFully(_ string: String) -> Bool {
        let scalars = Array(string.unicodeScalars)
        // Every scalar costs at least one octet of the A-label form, which is limited to 253.
        guard !scalars.isEmpty, scalars.count <= 253 else { return false }
        var labels: [[Unicode.Scalar]] = []
        var totalLength = 0
        var current: [Unicode.Scalar] = []
        var parts: [[Unicode.Scalar]] = []
        for scalar in scalars {
            if isLabelSeparator(scalar) {
                parts.append(current)
                current = []
            } else {
                current.append(scalar)
            }
        }
        parts.append(current)
        for part in parts {
            guard !part.isEmpty else { return false }
            let label = lowercased(part)
            if label.allSatisfy(\.isASCII) {
                let bytes = label.map { UInt8($0.value) }
                guard isLDHLabel(bytes[...]) else { return false }
                if let punycode = aLabelBody(bytes[...]) {
                    guard let decoded = IDNA.decodeALabel(Array(punycode)), IDNA.isValidULabel(decoded) else { return false }
                    labels.append(decoded)
                } else {
                    labels.append(label)
                }
                totalLength += bytes.count
            } else {
                guard IDNA.isValidULabel(label) else { return false }
                let length = IDNA.aLabelLength(label)
                guard length <= 63 else { return false }
                totalLength += length
                labels.append(label)
            }
        }
        totalLength += labels.count - 1
        guard totalLength <= 253 else { return false }
        if IDNA.isBidiDomain(labels) {
            return labels.allSatisfy(IDNA.satisfiesBidiRule)
        }
        return true
    }

    /// The answer for a pure-ASCII name without `xn--` labels, where RFC 1123 alone decides:
    /// ASCII letters and digits are never bidi class R, AL or AN, so the RFC 5893 rule cannot
    /// apply, and the only ASCII label separator is ".", so `hostname` and `idn-hostname` agree.
    /// Nil when a byte is not ASCII or a label is an A-label (the full check is needed).
    static func plainASCIIHostname(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        for byte in bytes where byte >= 0x80 { return nil }
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        var labelStart = 0
        for index in 0...bytes.count {
            guard index == bytes.count || bytes[index] == UInt8(ascii: ".") else {
                let byte = bytes[index]
                guard byte == UInt8(ascii: "-") || DateTimeFormat.isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
                else { return false }
                continue
            }
            let length = index - labelStart
            guard (1...63).contains(length), bytes[labelStart] != UInt8(ascii: "-"), bytes[index - 1] != UInt8(ascii: "-")
            else { return false }
            if length >= 4, bytes[labelStart] | 0x20 == UInt8(ascii: "x"), bytes[labelStart + 1] | 0x20 == UInt8(ascii: "n"),
               bytes[labelStart + 2] == UInt8(ascii: "-"), bytes[labelStart + 3] == UInt8(ascii: "-") {
                return nil
            }
            labelStart = index + 1
        }
        return true
    }

    private static func isLabelSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "." || scalar == "\u{3002}" || scalar == "\u{FF0E}" || scalar == "\u{FF61}"
    }

    private static func isLDHLabel(_ label: ArraySlice<UInt8>) -> Bool {
        guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-")
        else { return false }
        return label.allSatisfy { byte in
            byte == UInt8(ascii: "-") || DateTimeFormat.isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
        }
    }

    /// The Punycode after a case-insensitive `xn--` prefix, or nil for other labels.
    private static func aLabelBody(_ label: ArraySlice<UInt8>) -> [UInt8]? {
        guard label.count > 4 else { return label.count == 4 && isXNPrefix(label) ? [] : nil }
        return isXNPrefix(label) ? Array(label.dropFirst(4)) : nil
    }

    private static func isXNPrefix(_ label: ArraySlice<UInt8>) -> Bool {
        let b = label.startIndex
        return label[b] | 0x20 == UInt8(ascii: "x") && label[b + 1] | 0x20 == UInt8(ascii: "n")
            && label[b + 2] == UInt8(ascii: "-") && label[b + 3] == UInt8(ascii: "-")
    }

    /// Host names are case-insensitive in ASCII; only ASCII is folded (non-ASCII upper case
    /// stays and is DISALLOWED by RFC 5892).
    private static func lowercased(_ label: [Unicode.Scalar]) -> [Unicode.Scalar] {
        label.map { $0.value >= 0x41 && $0.value <= 0x5A ? Unicode.Scalar($0.value | 0x20)! : $0 }
    }
}
