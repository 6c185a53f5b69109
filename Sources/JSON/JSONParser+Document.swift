/// An array or object being filled; the parser keeps these on an explicit stack.
struct OpenContainer {
    let isObject: Bool
    /// Where its elements begin in the parser's `values`.
    let base: Int
    /// Where its keys begin in the parser's `keys`.
    let keyBase: Int
    /// Keys seen so far, once the object is too large for a linear duplicate scan.
    var keySet: Set<ExactKey>?

    /// Objects up to this size check duplicates by scanning; larger ones hash.
    static let linearKeyLimit = 16
}

extension JSONParser {
    /// The whole input: optional BOM, one value, nothing but whitespace after it.
    mutating func document() throws(JSONParseError) -> JSON {
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            guard options.allowByteOrderMark else {
                throw fail(.byteOrderMark, at: 0, "byte-order mark is not allowed")
            }
            pos = 3
        }
        skipWhitespace()
        guard pos < b.count else { throw fail(.emptyInput, at: pos, "no JSON value in the input") }
        let value = try nestedValue()
        skipWhitespace()
        if pos < b.count {
            throw fail(.trailingContent, at: pos, "unexpected \(describeByte(at: pos)) after the JSON value")
        }
        return value
    }

    /// Parses one value, nested ones included, without recursion.
    mutating func nestedValue() throws(JSONParseError) -> JSON {
        var stack: [OpenContainer] = []
        while true {
            // A value starts here.
            skipWhitespace()
            guard pos < b.count else { throw fail(.unexpectedEnd, at: pos, "unexpected end of input, expected a value") }
            var value: JSON
            switch b[pos] {
            case UInt8(ascii: "["):
                guard stack.count < options.maxDepth else { throw depthError(pos) }
                pos += 1
                skipWhitespace()
                if pos < b.count, b[pos] == UInt8(ascii: "]") {
                    pos += 1
                    value = .array([])
                } else {
                    stack.append(OpenContainer(isObject: false, base: values.count, keyBase: keys.count))
                    continue
                }
            case UInt8(ascii: "{"):
                guard stack.count < options.maxDepth else { throw depthError(pos) }
                pos += 1
                skipWhitespace()
                if pos < b.count, b[pos] == UInt8(ascii: "}") {
                    pos += 1
                    value = .object(JSONObject())
                } else {
                    var container = OpenContainer(isObject: true, base: values.count, keyBase: keys.count)
                    try memberKey(into: &container)
                    stack.append(container)
                    continue
                }
            case UInt8(ascii: "\""):
                value = .string(try string())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try number())
            default:
                value = try literal()
            }

            // A value is complete: hand it to its container and close containers that end here.
            while true {
                guard !stack.isEmpty else { return value }
                let top = stack.count - 1
                let isObject = stack[top].isObject
                values.push(value)
                skipWhitespace()
                guard pos < b.count else {
                    throw fail(.unexpectedEnd, at: pos, isObject ? "unexpected end of input, expected ',' or '}'"
                                                               : "unexpected end of input, expected ',' or ']'")
                }
                let c = b[pos]
                if c == UInt8(ascii: ",") {
                    let comma = pos
                    pos += 1
                    skipWhitespace()
                    if pos < b.count, b[pos] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        throw fail(.trailingComma, at: comma, isObject ? "trailing comma in object" : "trailing comma in array")
                    }
                    if isObject { try memberKey(into: &stack[top]) }
                    break
                }
                if isObject, c == UInt8(ascii: "}") {
                    pos += 1
                    let closed = stack.removeLast()
                    value = .object(JSONObject(uniqueMembers: keys.popAll(from: closed.keyBase, pairedWith: &values, from: closed.base)))
                } else if !isObject, c == UInt8(ascii: "]") {
                    pos += 1
                    let closed = stack.removeLast()
                    value = .array(values.popAll(from: closed.base))
                } else {
                    throw fail(.unexpectedCharacter, at: pos,
                               "unexpected \(describeByte(at: pos)), expected ',' or \(isObject ? "'}'" : "']'")")
                }
            }
        }
    }

    /// Parses `"key" :` at `pos` (after whitespace) and refuses a key the object already has.
    private mutating func memberKey(into container: inout OpenContainer) throws(JSONParseError) {
        guard pos < b.count else { throw fail(.unexpectedEnd, at: pos, "unexpected end of input, expected a string key") }
        guard b[pos] == UInt8(ascii: "\"") else {
            throw fail(.unexpectedCharacter, at: pos, "unexpected \(describeByte(at: pos)), expected a string key")
        }
        let keyStart = pos
        let key = try string()
        let memberCount = keys.count - container.keyBase
        if container.keySet == nil, memberCount < OpenContainer.linearKeyLimit {
            for i in container.keyBase..<keys.count where ExactKey.bytesEqual(keys[i], key) {
                throw duplicateError(key, keyStart)
            }
        } else {
            if container.keySet == nil {
                var set = Set<ExactKey>(minimumCapacity: memberCount * 2)
                for i in container.keyBase..<keys.count { set.insert(ExactKey(keys[i])) }
                container.keySet = set
            }
            guard container.keySet!.insert(ExactKey(key)).inserted else { throw duplicateError(key, keyStart) }
        }
        skipWhitespace()
        guard pos < b.count else { throw fail(.unexpectedEnd, at: pos, "unexpected end of input, expected ':'") }
        guard b[pos] == UInt8(ascii: ":") else {
            throw fail(.unexpectedCharacter, at: pos, "unexpected \(describeByte(at: pos)), expected ':'")
        }
        pos += 1
        keys.push(key)
    }

    /// `true`, `false` or `null` at `pos`; anything else is a bad literal or a stray byte.
    private mutating func literal() throws(JSONParseError) -> JSON {
        let start = pos
        if matches("true") { return .bool(true) }
        if matches("false") { return .bool(false) }
        if matches("null") { return .null }
        let c = b[start]
        if c == UInt8(ascii: "+") || c == UInt8(ascii: ".") {
            throw fail(.invalidNumber, at: start, "a number cannot start with '\(Character(Unicode.Scalar(c)))'")
        }
        guard isWordByte(c) else {
            throw fail(.unexpectedCharacter, at: start, "unexpected \(describeByte(at: start)), expected a value")
        }
        var end = start
        while end < b.count, end - start < 32, isWordByte(b[end]) { end += 1 }
        let word = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        throw fail(.invalidLiteral, at: start, "invalid literal \"\(word)\", expected true, false or null")
    }

    /// Consumes `word` if it is at `pos` and not glued to more letters (`nullx`).
    private mutating func matches(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard b.count - pos >= n else { return false }
        let w = word.utf8Start
        for k in 0..<n where b[pos + k] != w[k] { return false }
        if pos + n < b.count, isWordByte(b[pos + n]) { return false }
        pos += n
        return true
    }

    private func isWordByte(_ c: UInt8) -> Bool {
        (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z")
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < b.count {
            let c = b[pos]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            pos += 1
        }
    }

    /// A byte for a message: printable ASCII quoted, anything else in hex.
    func describeByte(at i: Int) -> String {
        let c = b[i]
        if c == UInt8(ascii: "/") { return "'/' (comments are not allowed)" }
        if c >= 0x20 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        let hex = String(c, radix: 16, uppercase: true)
        return "byte 0x\(c < 0x10 ? "0" : "")\(hex)"
    }

    private func depthError(_ at: Int) -> JSONParseError {
        fail(.depthLimitExceeded, at: at, "nesting deeper than \(options.maxDepth) levels")
    }

    private func duplicateError(_ key: String, _ at: Int) -> JSONParseError {
        var shown = key
        if shown.unicodeScalars.count > 64 { shown = String(String.UnicodeScalarView(shown.unicodeScalars.prefix(64))) + "…" }
        return fail(.duplicateKey, at: at, "duplicate key \(JSON.string(shown).serialized())")
    }
}
