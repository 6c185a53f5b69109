/// RFC 2673 section 3.2 dotted-quad IPv4 (no leading zeros, 0–255 each) and RFC 4291 section 2.2
/// IPv6 text form (including `::` and a trailing dotted quad; no zone id, prefix or brackets).
enum IPAddressFormat {
    static func isIPv4(_ string: String) -> Bool {
        string.utf8.withContiguousStorageIfAvailable(isIPv4) ?? isIPv4(Array(string.utf8)[...])
    }

    static func isIPv4(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer(isIPv4)
    }

    /// One pass, no allocation: four dot-separated decimal parts of one to three digits, no
    /// leading zero, each at most 255.
    static func isIPv4(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var parts = 0
        var value = 0
        var digits = 0
        var leadingZero = false
        for index in 0...bytes.count {
            if index == bytes.count || bytes[index] == UInt8(ascii: ".") {
                guard digits > 0, value <= 255, !(leadingZero && digits > 1) else { return false }
                parts += 1
                guard parts <= 4 else { return false }
                value = 0
                digits = 0
                continue
            }
            let byte = bytes[index]
            guard DateTimeFormat.isDigit(byte), digits < 3 else { return false }
            if digits == 0 { leadingZero = byte == UInt8(ascii: "0") }
            value = value * 10 + Int(byte &- UInt8(ascii: "0"))
            digits += 1
        }
        return parts == 4
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
