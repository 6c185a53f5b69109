/// RFC 6901 JSON Pointer (string form) and draft-handrews Relative JSON Pointer.
enum JSONPointerFormat {
    static func isJSONPointer(_ string: String) -> Bool {
        isPointer(Array(string.utf8)[...])
    }

    /// `non-negative-integer ( "#" / json-pointer )`, no leading zeros.
    static func isRelativeJSONPointer(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        var index = 0
        while index < bytes.count, DateTimeFormat.isDigit(bytes[index]) { index += 1 }
        guard index > 0, bytes[0] != UInt8(ascii: "0") || index == 1 else { return false }
        let rest = bytes[index...]
        return rest.elementsEqual([UInt8(ascii: "#")]) || isPointer(rest)
    }

    private static func isPointer(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = bytes.first else { return true }
        guard first == UInt8(ascii: "/") else { return false }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == UInt8(ascii: "~") {
                guard index + 1 < bytes.endIndex,
                      bytes[index + 1] == UInt8(ascii: "0") || bytes[index + 1] == UInt8(ascii: "1")
                else { return false }
                index += 1
            }
            index += 1
        }
        return true
    }
}
