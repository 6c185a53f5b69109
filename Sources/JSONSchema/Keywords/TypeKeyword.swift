import JSON

/// `type`: one JSON type name or an array of them. `integer` is a number without a fractional
/// part, however written (`1.0` and `1e2` count).
struct TypeKeyword: Assertion {
    struct Types: OptionSet, Sendable {
        let rawValue: UInt8
        static let null = Types(rawValue: 1)
        static let boolean = Types(rawValue: 2)
        static let integer = Types(rawValue: 4)
        static let number = Types(rawValue: 8)
        static let string = Types(rawValue: 16)
        static let array = Types(rawValue: 32)
        static let object = Types(rawValue: 64)

        static let byName: [(String, Types)] = [
            ("null", .null), ("boolean", .boolean), ("integer", .integer), ("number", .number),
            ("string", .string), ("array", .array), ("object", .object),
        ]
    }

    let types: Types
    let names: [String]

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        var names: [String] = []
        switch c.value {
        case .string(let s): names = [s]
        case .array(let a):
            for v in a {
                guard case .string(let s) = v else { throw c.invalid("a type name or an array of type names") }
                names.append(s)
            }
        default: throw c.invalid("a type name or an array of type names")
        }
        var types: Types = []
        for n in names {
            guard let t = Types.byName.first(where: { $0.0 == n })?.1 else {
                throw c.invalid("one of null, boolean, integer, number, string, array, object")
            }
            types.insert(t)
        }
        return TypeKeyword(types: types, names: names)
    }

    func isValid(_ instance: JSON) -> Bool {
        switch instance {
        case .null: types.contains(.null)
        case .bool: types.contains(.boolean)
        case .number(let n): types.contains(.number) || (types.contains(.integer) && n.isInteger)
        case .string: types.contains(.string)
        case .array: types.contains(.array)
        case .object: types.contains(.object)
        }
    }

    func failure(for instance: JSON) -> ValidationError.Kind { .type(expected: names) }
}

/// The `false` schema: nothing is valid.
struct FalseSchema: Assertion {
    func isValid(_ instance: JSON) -> Bool { false }
    func failure(for instance: JSON) -> ValidationError.Kind { .falseSchema }
}
