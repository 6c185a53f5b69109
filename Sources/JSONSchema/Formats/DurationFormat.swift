/// RFC 3339 appendix A `duration`: `P` then date elements in the order Y M D (a contiguous run,
/// so `P1Y2D` is invalid), optionally `T` and time elements H M S (likewise), or weeks alone.
/// Integers only; designators are upper case as in ISO 8601.
enum DurationFormat {
    static func isDuration(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.first == UInt8(ascii: "P"), bytes.count > 1 else { return false }
        var index = 1
        guard let dateUnits = elements(bytes, &index, allowed: Array("YMDW".utf8)) else { return false }
        if index == bytes.count {
            if dateUnits == [UInt8(ascii: "W")] { return true }
            return !dateUnits.isEmpty && isRun(dateUnits, of: Array("YMD".utf8))
        }
        guard bytes[index] == UInt8(ascii: "T") else { return false }
        index += 1
        guard let timeUnits = elements(bytes, &index, allowed: Array("HMS".utf8)), index == bytes.count, !timeUnits.isEmpty else { return false }
        return (dateUnits.isEmpty || isRun(dateUnits, of: Array("YMD".utf8))) && isRun(timeUnits, of: Array("HMS".utf8))
    }

    /// Reads `1*DIGIT unit` pairs until `T` or the end; nil when a number lacks a valid unit.
    private static func elements(_ bytes: [UInt8], _ index: inout Int, allowed: [UInt8]) -> [UInt8]? {
        var units: [UInt8] = []
        while index < bytes.count, bytes[index] != UInt8(ascii: "T") {
            let start = index
            while index < bytes.count, DateTimeFormat.isDigit(bytes[index]) { index += 1 }
            guard index > start, index < bytes.count, allowed.contains(bytes[index]) else { return nil }
            units.append(bytes[index])
            index += 1
        }
        return units
    }

    /// True when `units` are distinct, in order, and consecutive within `order`.
    private static func isRun(_ units: [UInt8], of order: [UInt8]) -> Bool {
        guard let first = order.firstIndex(of: units[0]), first + units.count <= order.count else { return false }
        return Array(order[first..<first + units.count]) == units
    }
}
