/// JSON Lines framing: documents separated by `\n`.
enum JSONLines {
    /// The byte ranges of the lines of `bytes`. A final `\n` ends the last line rather than
    /// starting an empty one; a `\r` before `\n` stays in the line, where JSON reads it as
    /// whitespace. Blank lines in between are kept (and are not JSON).
    static func split(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            ranges.append(start..<i)
            start = i + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }
}
