/// RFC 2673 section 3.2 dotted-quad IPv4 (no leading zeros, 0–255 each) and RFC 4291 section 2.2
/// IPv6 text form (including `::` and a trailing dotted quad; no zone id, prefix or brackets).
enum IPAddressFormat {
    static func isIPv4(_ string: String) -> Bool {
        isIPv4(Array(string.utf8)[...])
    }

    static func isIPv4(_ bytes: ArraySlice<UInt8>) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(DateTimeFormat.isDigit),
                  part.count == 1 || part.first != UInt8(ascii: "0"),
                  let value = DateTimeFormat.number(part, part.startIndex, part.count), value <= 255
            else { return false }
        }
        return true
    }

    static func isIPv6(_ string: String) -> Bool {
        isIPv6(Array(string.utf8)[...])
    }

    static func isIPv6(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 2 else { return false }
        var groups = 0
        var compressed = false
        var index = bytes.startIndex
        if bytes[index] == UInt8(ascii: ":") {
            guard bytes[index + 1] == UInt8(ascii: ":") else { return false }
            compressed = true
            index += 2
            if index == bytes.endIndex { return true }
        }
        while true {
            let start = index
            while index < bytes.endIndex, UUIDFormat.isHex(bytes[index]) { index += 1 }
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
                // A trailing dotted quad stands for the last two groups.
                guard isIPv4(bytes[start...]) else { return false }
                groups += 2
                break
            }
            guard index > start, index - start <= 4 else { return false }
            groups += 1
            if index == bytes.endIndex { break }
            guard bytes[index] == UInt8(ascii: ":"), index + 1 < bytes.endIndex else { return false }
            index += 1
            if bytes[index] == UInt8(ascii: ":") {
                guard !compressed else { return false }
                compressed = true
                index += 1
                if index == bytes.endIndex { break }
            }
        }
        return compressed ? groups <= 7 : groups == 8
    }
}
