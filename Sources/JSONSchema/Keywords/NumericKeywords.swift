import JSON

/// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, compared exactly in decimal.
/// draft-04's Boolean `exclusiveMinimum`/`exclusiveMaximum` fold into the bound they modify.
struct BoundKeyword: Assertion {
    enum Bound: Sendable { case minimum, maximum, exclusiveMinimum, exclusiveMaximum }
    let bound: Bound
    let limit: JSONNumber

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        let bound: Bound
        switch c.name {
        case "minimum":
            bound = c.dialect.release == .draft4 && c.schema["exclusiveMinimum"] == .bool(true) ? .exclusiveMinimum : .minimum
        case "maximum":
            bound = c.dialect.release == .draft4 && c.schema["exclusiveMaximum"] == .bool(true) ? .exclusiveMaximum : .maximum
        case "exclusiveMinimum":
            bound = .exclusiveMinimum
        default:
            bound = .exclusiveMaximum
        }
        return BoundKeyword(bound: bound, limit: try c.number())
    }

    /// draft-04's `exclusiveMinimum`/`exclusiveMaximum`: a Boolean read by its bound.
    static func compileDraft4Flag(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        guard case .bool = c.value else { throw c.invalid("a Boolean") }
        return nil
    }

    func isValid(_ instance: JSON) -> Bool {
        guard case .number(let n) = instance else { return true }
        switch bound {
        case .minimum: return !(n < limit)
        case .maximum: return !(limit < n)
        case .exclusiveMinimum: return limit < n
        case .exclusiveMaximum: return n < limit
        }
    }

    func failure(for instance: JSON) -> ValidationError.Kind {
        switch bound {
        case .minimum: .minimum(limit)
        case .maximum: .maximum(limit)
        case .exclusiveMinimum: .exclusiveMinimum(limit)
        case .exclusiveMaximum: .exclusiveMaximum(limit)
        }
    }
}

/// `multipleOf`: exact decimal divisibility, so `0.0075` is a multiple of `0.0001`.
struct MultipleOfKeyword: Assertion {
    let divisor: JSONNumber

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        let n = try c.number()
        guard !n.negative, !n.isZero else { throw c.invalid("a number greater than 0") }
        return MultipleOfKeyword(divisor: n)
    }

    func isValid(_ instance: JSON) -> Bool {
        guard case .number(let n) = instance else { return true }
        return n.isMultiple(of: divisor)
    }

    func failure(for instance: JSON) -> ValidationError.Kind { .multipleOf(divisor) }
}
