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

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        guard case .array(let a) = c.value else { throw c.invalid("an array") }
        return EnumKeyword(options: a)
    }

    func isValid(_ instance: JSON) -> Bool { options.contains { $0 == instance } }
    func failure(for instance: JSON) -> ValidationError.Kind { .enumeration(options: options) }
}
