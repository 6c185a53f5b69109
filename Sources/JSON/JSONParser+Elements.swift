extension JSONParser {
    /// Parses a document whose top level is an array one element at a time, handing each to
    /// `body` as soon as it is complete, so a large array never exists as one tree. The rules are
    /// those of `parse` (strict, no BOM, `maxDepth` counting the array itself), and so are the
    /// errors and their positions; `body` returning false stops the parse early (no error).
    /// Returns the number of elements handed over. Input whose first value is not an array is
    /// refused with `.unexpectedCharacter`.
    public static func forEachElement(
        ofArray bytes: [UInt8], options: Options = .init(), _ body: (JSON) -> Bool
    ) throws(JSONParseError) -> Int {
        let result: Result<Int, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var elementOptions = options
            elementOptions.maxDepth = options.maxDepth - 1
            var p = JSONParser(buffer, options: elementOptions)
            do throws(JSONParseError) { return .success(try p.elements(elementsMayNest: options.maxDepth > 1, body)) }
            catch { return .failure(error) }
        }
        return try result.get()
    }

    private mutating func elements(elementsMayNest: Bool, _ body: (JSON) -> Bool) throws(JSONParseError) -> Int {
        skipWhitespace()
        guard pos < b.count else { throw fail(.emptyInput, at: pos, "no JSON value in the input") }
        guard b[pos] == UInt8(ascii: "[") else {
            throw fail(.unexpectedCharacter, at: pos, "unexpected \(describeByte(at: pos)), expected '['")
        }
        pos += 1
        skipWhitespace()
        var count = 0
        if pos < b.count, b[pos] == UInt8(ascii: "]") {
            pos += 1
        } else {
            while true {
                // An element at the array's maximum depth would be refused by `parse` too.
                if !elementsMayNest, pos < b.count, b[pos] == UInt8(ascii: "[") || b[pos] == UInt8(ascii: "{") {
                    throw fail(.depthLimitExceeded, at: pos, "nesting deeper than 1 levels")
                }
                let element = try nestedValue()
                count += 1
                guard body(element) else { return count }
                skipWhitespace()
                guard pos < b.count else { throw fail(.unexpectedEnd, at: pos, "unexpected end of input, expected ',' or ']'") }
                if b[pos] == UInt8(ascii: "]") {
                    pos += 1
                    break
                }
                guard b[pos] == UInt8(ascii: ",") else {
                    throw fail(.unexpectedCharacter, at: pos, "unexpected \(describeByte(at: pos)), expected ',' or ']'")
                }
                let comma = pos
                pos += 1
                skipWhitespace()
                if pos < b.count, b[pos] == UInt8(ascii: "]") {
                    throw fail(.trailingComma, at: comma, "trailing comma in array")
                }
            }
        }
        skipWhitespace()
        if pos < b.count {
            throw fail(.trailingContent, at: pos, "unexpected \(describeByte(at: pos)) after the JSON value")
        }
        return count
    }
}
