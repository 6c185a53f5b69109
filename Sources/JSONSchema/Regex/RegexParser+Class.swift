extension RegexParser {
    /// `[...]` / `[^...]`, with ranges; class escapes (`\d`, `\p{..}`) may not be range ends.
    mutating func parseClass() throws(RegexError) -> CharSet {
        let open = position
        position += 1
        var set = CharSet()
        set.negated = consume("^")
        while true {
            guard let c = peek() else {
                throw RegexError(code: .unterminatedClass, offset: open, detail: "unterminated character class")
            }
            if c == 0x5D { // ]
                position += 1
                return set.normalized()
            }
            let first = try parseClassAtom()
            if peek() == 0x2D, let next = peek(1), next != 0x5D { // a range a-b
                let dash = position
                position += 1
                let second = try parseClassAtom()
                guard case .scalar(let low) = first, case .scalar(let high) = second else {
                    throw RegexError(code: .invalidRange, offset: dash, detail: "a class escape cannot be a range end")
                }
                guard low <= high else {
                    throw RegexError(code: .invalidRange, offset: dash, detail: "range out of order in character class")
                }
                set.insert(low...high)
                continue
            }
            switch first {
            case .scalar(let value): set.insert(value...value)
            case .set(let escape): set.formUnion(escape)
            }
        }
    }

    private enum ClassAtom {
        case scalar(UInt32)
        case set(CharSet)
    }

    private mutating func parseClassAtom() throws(RegexError) -> ClassAtom {
        guard let c = peek() else {
            throw fail(.unterminatedClass, "unterminated character class")
        }
        guard c == 0x5C else {
            position += 1
            return .scalar(c)
        }
        let start = position
        position += 1
        if consume("b") { return .scalar(0x08) } // backspace inside a class
        if let set = try parseClassEscape() { return .set(set) }
        return .scalar(try parseCharacterEscape(inClass: true, escapeOffset: start))
    }
}
