import JSON

/// What a keyword's compile function sees: its value, its sibling keywords, and a way to
/// compile subschemas (which only reserves their index, so cycles are fine).
struct KeywordContext {
    let compiler: Compiler
    /// The keyword's name and value.
    let name: String
    let value: JSON
    /// The schema object the keyword is in.
    let schema: JSONObject
    /// The index of the schema being compiled.
    let node: Int
    let dialect: Dialect
    let location: SchemaLocation

    /// The index of the subschema at `steps` below this keyword (`properties`, `foo`).
    func subschema(_ steps: String...) throws(SchemaError) -> Int {
        try compiler.nodeIndex(for: location.appending([name] + steps))
    }

    /// A compile error naming this keyword and what its value should have been.
    func invalid(_ expectation: String) -> SchemaError {
        SchemaError(.invalidKeyword, "\"\(name)\" must be \(expectation), not \(MessageRendering.render(value))",
                    location: compiler.absoluteLocation(of: location) + "/" + JSONPointer.escape(name))
    }

    /// Whether `format` asserts: the metaschema demands it (format-assertion vocabulary), or
    /// the option is on and the dialect has a format vocabulary.
    var formatAsserts: Bool {
        dialect.vocabularies.contains(.formatAssertion)
            || (compiler.options.formatAssertion && dialect.vocabularies.contains(.format))
    }

    /// The value as a non-negative integer (`1.0` counts), or a compile error.
    func nonNegativeInteger() throws(SchemaError) -> Int {
        guard case .number(let n) = value, !n.negative, n.isInteger else { throw invalid("a non-negative integer") }
        return n.intValue ?? Int.max
    }

    /// The value as a number, or a compile error.
    func number() throws(SchemaError) -> JSONNumber {
        guard case .number(let n) = value else { throw invalid("a number") }
        return n
    }

    /// The value as an array of strings, or a compile error.
    func strings() throws(SchemaError) -> [String] {
        guard case .array(let a) = value else { throw invalid("an array of strings") }
        var out: [String] = []
        for v in a {
            guard case .string(let s) = v else { throw invalid("an array of strings") }
            out.append(s)
        }
        return out
    }

    /// The value as a non-empty array of subschemas (`allOf`, `anyOf`, `oneOf`, `prefixItems`).
    func subschemaArray() throws(SchemaError) -> [Int] {
        guard case .array(let a) = value, !a.isEmpty || name == "prefixItems" || name == "items" else {
            throw invalid("a non-empty array of schemas")
        }
        var out: [Int] = []
        for i in a.indices { out.append(try subschema(String(i))) }
        return out
    }

    /// The value as an object whose values are subschemas (`properties`, `dependentSchemas`).
    func subschemaMap() throws(SchemaError) -> [(String, Int)] {
        guard case .object(let o) = value else { throw invalid("an object of schemas") }
        var out: [(String, Int)] = []
        for m in o.members { out.append((m.key, try subschema(m.key))) }
        return out
    }
}
