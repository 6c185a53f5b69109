extension JSONParser {
    /// Parses a document whose top level is an array one element at a time, handing each to
    /// `body` as soon as it is complete, so a large array never exists as one tree. The rules are
    /// those of `parse` (strict, its BOM policy, `maxDepth` counting the array itself), and so are the
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

    /// Like `forEachElement(ofArray:)` for the array that is member `key` of a top-level object
    /// (such as the `items` of an OpenSearch `_bulk` answer); the other members are parsed and
    /// dropped, and the document must be valid as a whole. `maxDepth` counts the object and the
    /// array, also for the other members. Returns nil when the object has no such member.
    public static func forEachElement(
        ofArrayMember key: String, in bytes: [UInt8], options: Options = .init(), _ body: (JSON) -> Bool
    ) throws(JSONParseError) -> Int? {
        let result: Result<Int?, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var elementOptions = options
            elementOptions.maxDepth = options.maxDepth - 2
            var p = JSONParser(buffer, options: elementOptions)
            do throws(JSONParseError) {
                return .success(try p.member(key, elementsMayNest: options.maxDepth > 2, body))
            } catch { return .failure(error) }
        }
        return try result.get()
    }

    private mutating func member(_ key: String, elementsMayNest: Bool, _ body: (JSON) -> Bool) throws(JSONParseError) -> Int? {
        try skipByteOrderMark()
        skipWhitespace()
        guard pos < b.count else { throw fail(.emptyInput, at: pos, "no JSON value in the input") }
        guard b[pos] == UInt8(ascii: "{") else {
            throw fail(.unexpectedCharacter, at: pos, "unexpected \(describeByte(at: pos)), expected '{'")
        }
        pos += 1
        skipWhitespace()
        var count: Int?
        var seen = Set<String>()
        if pos < b.count, b[pos] == UInt8(ascii: "}") {
            pos += 1
        } else {
            while true {
                skipWhitespace()
                guard pos < b.count, b[pos] == UInt8(ascii: "\"") else {
                    throw fail(pos < b.count ? .unexpectedCharacter : .unexpectedEnd, at: pos, "expected a string key")
                }
                let keyStart = pos
                let name = try string()
                guard seen.insert(name).inserted else {
                    throw fail(.duplicateKey, at: keyStart, "duplicate key \(JSON.string(name).serialized())")
                }
                skipWhitespace()
                guard pos < b.count, b[pos] == UInt8(ascii: ":") else {
                    throw fail(pos < b.count ? .unexpectedCharacter : .unexpectedEnd, at: pos, "expected ':' after the key")
                }
                pos += 1
                skipWhitespace()
                if name == key, pos < b.count, b[pos] == UInt8(ascii: "[") {
                    let streamed = try streamArray(elementsMayNest: elementsMayNest, body)
                    guard streamed.complete else { return streamed.count }
                    count = streamed.count
                } else {
                    _ = try nestedValue()
                }
                skipWhitespace()
                guard pos < b.count else { throw fail(.unexpectedEnd, at: pos, "unexpected end of input, expected ',' or '}'") }
                if b[pos] == UInt8(ascii: "}") {
                    pos += 1
                    break
                }
                guard b[pos] == UInt8(ascii: ",") else {
                    throw fail(.unexpectedCharacter, at: pos, "unexpected \(describeByte(at: pos)), expected ',' or '}'")
                }
                let comma = pos
                pos += 1
                skipWhitespace()
                if pos < b.count, b[pos] == UInt8(ascii: "}") { throw fail(.trailingComma, at: comma, "trailing comma in object") }
            }
        }
        try expectEnd()
        return count
    }

    private mutating func elements(elementsMayNest: Bool, _ body: (JSON) -> Bool) throws(JSONParseError) -> Int {
        try skipByteOrderMark()
        skipWhitespace()
        guard pos < b.count else { throw fail(.emptyInput, at: pos, "no JSON value in the input") }
        guard b[pos] == UInt8(ascii: "[") else {
            throw fail(.unexpectedCharacter, at: pos, "unexpected \(describeByte(at: pos)), expected '['")
        }
        let streamed = try streamArray(elementsMayNest: elementsMayNest, body)
        guard streamed.complete else { return streamed.count }
        try expectEnd()
        return streamed.count
    }

    /// The array at `pos` (`[`), its elements handed to `body`: how many, and whether the array
    /// was read to its end (false when `body` stopped it).
    private mutating func streamArray(elementsMayNest: Bool, _ body: (JSON) -> Bool) throws(JSONParseError) -> (count: Int, complete: Bool) {
        pos += 1
        skipWhitespace()
        var handed = 0
        if pos < b.count, b[pos] == UInt8(ascii: "]") {
            pos += 1
            return (0, true)
        }
        while true {
            // An element at the array's maximum depth would be refused by `parse` too.
            if !elementsMayNest, pos < b.count, b[pos] == UInt8(ascii: "[") || b[pos] == UInt8(ascii: "{") {
                throw fail(.depthLimitExceeded, at: pos, "nesting deeper than the depth limit")
            }
            let element = try nestedValue()
            handed += 1
            guard body(element) else { return (handed, false) }
            skipWhitespace()
            guard pos < b.count else { throw fail(.unexpectedEnd, at: pos, "unexpected end of input, expected ',' or ']'") }
            if b[pos] == UInt8(ascii: "]") {
                pos += 1
                return (handed, true)
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

    private mutating func skipByteOrderMark() throws(JSONParseError) {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            guard options.allowByteOrderMark else {
                throw fail(.byteOrderMark, at: 0, "byte-order mark is not allowed")
            }
            pos = 3
        }
    }

    private mutating func expectEnd() throws(JSONParseError) {
        skipWhitespace()
        if pos < b.count {
            throw fail(.trailingContent, at: pos, "unexpected \(describeByte(at: pos)) after the JSON value")
        }
    }
}
