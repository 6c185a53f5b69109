import JSON

/// `const`: the instance equals the value (JSON equality: `1 == 1.0`, objects in any order).
struct ConstKeyword: Assertion {
    let expected: JSON

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        ConstKeyword(expected: c.value)
    }

    func isValid(_ instance: JSON) -> Bool { instance == expected }
    func failure(for instance: JSON) -> ValidationError.Kind { .constant(expected: expected) }
}

/// `enum`: the instance equals one of the values.
struct EnumKeyword: Assertion {
    let options: [JSON]
    /// The string options by bytes (distinct), so a string instance is one set lookup rather
    /// than a JSON comparison per option.
    let strings: PropertyNameSet

    init(options: [JSON]) {
        self.options = options
        var strings: [String] = []
        for case .string(let s) in options where !strings.contains(where: { ExactKey.bytesEqual($0, s) }) { strings.append(s) }
        self.strings = PropertyNameSet(strings)
    }

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        guard case .array(let a) = c.value else { throw c.invalid("an array") }
        return EnumKeyword(options: a)
    }

    func isValid(_ instance: JSON) -> Bool {
        // JSON equality of strings is byte equality, and a string equals no other kind of value.
        if case .string(let s) = instance { return strings.contains(s) }
        return options.contains { $0 == instance }
    }
    func failure(for instance: JSON) -> ValidationError.Kind { .enumeration(options: options) }
}
