extension JSONParser {
    /// `text` as a number if it is exactly one RFC 8259 number (no whitespace, nothing else).
    static func number(exactly text: String) -> JSONNumber? {
        var text = text
        return text.withUTF8 { buffer -> JSONNumber? in
            guard let first = buffer.first, first == UInt8(ascii: "-") || first &- 48 < 10 else { return nil }
            var parser = JSONParser(buffer, options: Options())
            guard let number = try? parser.number(), parser.pos == buffer.count else { return nil }
            return number
        }
    }

    /// The number starting at `pos` (a `-` or a digit), validated and normalised in one pass.
    mutating func number() throws(JSONParseError) -> JSONNumber {
        let start = pos
        let n = b.count
        var i = pos
        let negative = b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < n, isDigit(b[i]) else {
            throw fail(.invalidNumber, at: i < n ? i : start, "expected a digit after '-'")
        }
        let intStart = i
        if b[i] == UInt8(ascii: "0") {
            i += 1
            if i < n, isDigit(b[i]) { throw fail(.invalidNumber, at: start, "leading zeros are not allowed in numbers") }
        } else {
            while i < n, isDigit(b[i]) { i += 1 }
        }
        let intEnd = i
        var fracStart = i, fracEnd = i
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            guard i < n, isDigit(b[i]) else {
                throw fail(.invalidNumber, at: start, "expected a digit after the decimal point")
            }
            fracStart = i
            while i < n, isDigit(b[i]) { i += 1 }
            fracEnd = i
        }
        var writtenExponent = 0
        if i < n, b[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                expNegative = b[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < n, isDigit(b[i]) else { throw fail(.invalidNumber, at: start, "expected a digit in the exponent") }
            while i < n, isDigit(b[i]) {
                writtenExponent = writtenExponent * 10 + Int(b[i] &- 48)
                guard writtenExponent <= JSONNumber.maxExponentMagnitude else {
                    throw fail(.numberOutOfRange, at: start,
                               "exponent beyond ±\(JSONNumber.maxExponentMagnitude) is not supported")
                }
                i += 1
            }
            if expNegative { writtenExponent = -writtenExponent }
        }
        pos = i
        let literal = Self.validatedString(UnsafeBufferPointer(rebasing: b[start..<i]), isASCII: true)

        // Significant digits: integer then fraction digits, without leading or trailing zeros.
        let total = (intEnd - intStart) + (fracEnd - fracStart)
        func digitAt(_ k: Int) -> UInt8 {
            let j = k < intEnd - intStart ? intStart + k : fracStart + (k - (intEnd - intStart))
            return b[j] &- 48
        }
        var first = 0
        while first < total, digitAt(first) == 0 { first += 1 }
        if first == total {
            return JSONNumber(literal: literal, negative: false, digits: [], exponent: 0)
        }
        var last = total - 1
        while digitAt(last) == 0 { last -= 1 }
        var digits = [UInt8]()
        digits.reserveCapacity(last - first + 1)
        for k in first...last { digits.append(digitAt(k)) }
        let exponent = writtenExponent - (fracEnd - fracStart) + (total - 1 - last)
        return JSONNumber(literal: literal, negative: negative, digits: digits, exponent: exponent)
    }

    @inline(__always)
    private func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }
}
