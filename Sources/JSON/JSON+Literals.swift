// Literal conformances, so tests and code can write `let v: JSON = ["a": [1, true, nil]]`.
// Float literals are deliberately absent: `0.1` would pass through `Double` and lose exactness;
// write `.number(JSONNumber("0.1")!)` instead.

extension JSON: ExpressibleByNilLiteral {
    /// `nil` is JSON `null`.
    public init(nilLiteral: ()) { self = .null }
}

extension JSON: ExpressibleByBooleanLiteral {
    /// A JSON Boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSON: ExpressibleByIntegerLiteral {
    /// A JSON number written as the integer's decimal digits.
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
}

extension JSON: ExpressibleByStringLiteral {
    /// A JSON string.
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSON: ExpressibleByArrayLiteral {
    /// A JSON array.
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
}

extension JSON: ExpressibleByDictionaryLiteral {
    /// A JSON object with the members in the order written; a repeated key (by code points) traps.
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(JSONObject(literalMembers: elements))
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object with the members in the order written; a repeated key (by code points) traps.
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self.init(literalMembers: elements)
    }

    init(literalMembers elements: [(String, JSON)]) {
        var seen = Set<ExactKey>(minimumCapacity: elements.count)
        for (key, _) in elements {
            precondition(seen.insert(ExactKey(key)).inserted, "duplicate key \"\(key)\" in a JSON object literal")
        }
        self.init(uniqueMembers: elements.map { (key: $0.0, value: $0.1) })
    }
}
