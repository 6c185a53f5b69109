/// RFC 3339 section 5.6 `date-time`, `full-date` and `full-time`. `T` and `Z` are accepted in
/// either case (section 5.6 NOTE); a leap second (`:60`) is valid only where the UTC time is 23:59.
enum DateTimeFormat {
    static func isDateTime(_ string: String) -> Bool {
        string.utf8.withContiguousStorageIfAvailable(isDateTime) ?? isDateTime(Array(string.utf8))
    }

    static func isDate(_ string: String) -> Bool {
        string.utf8.withContiguousStorageIfAvailable(isDate) ?? isDate(Array(string.utf8))
    }

    static func isTime(_ string: String) -> Bool {
        string.utf8.withContiguousStorageIfAvailable(isTime) ?? isTime(Array(string.utf8))
    }

    // Generic over the byte collection so the String entry points read the bytes in place
    // (no array copy per check).
    private static func isDateTime<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        let b = bytes.startIndex
        guard bytes.count > 11, bytes[b + 10] == UInt8(ascii: "T") || bytes[b + 10] == UInt8(ascii: "t") else { return false }
        return isDate(bytes[b..<b + 10]) && isTime(bytes[(b + 11)...])
    }

    private static func isDate<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        guard bytes.count == 10 else { return false }
        let b = bytes.startIndex
        guard let year = number(bytes, b, 4), bytes[b + 4] == UInt8(ascii: "-"),
              let month = number(bytes, b + 5, 2), bytes[b + 7] == UInt8(ascii: "-"),
              let day = number(bytes, b + 8, 2),
              (1...12).contains(month), day >= 1
        else { return false }
        return day <= daysIn(month: month, year: year)
    }

    private static func isTime<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> Bool where Bytes.Index == Int {
        let b = bytes.startIndex
        guard bytes.count >= 9, let hour = number(bytes, b, 2), bytes[b + 2] == UInt8(ascii: ":"),
              let minute = number(bytes, b + 3, 2), bytes[b + 5] == UInt8(ascii: ":"),
              let second = number(bytes, b + 6, 2),
              hour <= 23, minute <= 59, second <= 60
        else { return false }
        var index = b + 8
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.endIndex, isDigit(bytes[index]) { index += 1 }
            guard index > fractionStart else { return false }
        }
        guard index < bytes.endIndex else { return false }
        var offsetMinutes = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.endIndex else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.endIndex, let offsetHour = number(bytes, index + 1, 2),
                  bytes[index + 3] == UInt8(ascii: ":"), let offsetMinute = number(bytes, index + 4, 2),
                  offsetHour <= 23, offsetMinute <= 59
            else { return false }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return false
        }
        if second == 60 {
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Exactly `count` ASCII digits starting at `start`.
    static func number<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, _ start: Int, _ count: Int) -> Int? where Bytes.Index == Int {
        guard start >= bytes.startIndex, start + count <= bytes.endIndex else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }
}
