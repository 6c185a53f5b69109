import JSON

/// `minLength`/`maxLength`, counted in Unicode code points (so an emoji is one character).
struct LengthKeyword: Assertion {
    let limit: Int
    let isMinimum: Bool

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        LengthKeyword(limit: try c.nonNegativeInteger(), isMinimum: c.name == "minLength")
    }

    func isValid(_ instance: JSON) -> Bool {
        guard case .string(let s) = instance else { return true }
        // Byte count bounds the code point count from both sides; skip counting when it decides.
        let bytes = s.utf8.count
        if isMinimum {
            if bytes < limit { return false }
            if bytes / 4 >= limit { return true }
            return s.unicodeScalars.count >= limit
        }
        if bytes <= limit { return true }
        return s.unicodeScalars.count <= limit
    }

    func failure(for instance: JSON) -> ValidationError.Kind {
        isMinimum ? .minLength(limit) : .maxLength(limit)
    }
}

/// `pattern`: an ECMA-262 regular expression searched anywhere in the string.
struct PatternKeyword: Assertion {
    let source: String
    let regex: ECMARegex

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        guard case .string(let p) = c.value else { throw c.invalid("a regular expression string") }
        return PatternKeyword(source: p, regex: try compileRegex(p, c))
    }

    /// Compiles a pattern once, turning a syntax error into a `SchemaError` that names it.
    static func compileRegex(_ pattern: String, _ c: KeywordContext) throws(SchemaError) -> ECMARegex {
        do {
            return try ECMARegex(pattern)
        } catch {
            throw SchemaError(.invalidRegex, "\"\(c.name)\" has an invalid regular expression \(MessageRendering.render(.string(pattern))): \(error)",
                              location: c.compiler.absoluteLocation(of: c.location) + "/" + JSONPointer.escape(c.name))
        }
    }

    func isValid(_ instance: JSON) -> Bool {
        guard case .string(let s) = instance else { return true }
        return regex.matches(s)
    }

    func failure(for instance: JSON) -> ValidationError.Kind { .pattern(source) }
}

/// `format` as an assertion (when enabled); non-strings always pass, and so do unknown formats,
/// which strict mode refuses at compile time.
struct FormatKeyword: Assertion {
    let checker: FormatChecker

    static func compile(_ c: KeywordContext) throws(SchemaError) -> (any Keyword)? {
        guard case .string(let name) = c.value else { throw c.invalid("a string") }
        let checker = Formats.checker(named: name)
        if checker == nil, c.compiler.options.strict {
            throw Strictness.unknownFormat(name, location: c.compiler.absoluteLocation(of: c.location) + "/format")
        }
        guard c.formatAsserts, let checker else { return nil }
        return FormatKeyword(checker: checker)
    }

    func isValid(_ instance: JSON) -> Bool {
        guard case .string(let s) = instance else { return true }
        return checker.check(s)
    }

    func failure(for instance: JSON) -> ValidationError.Kind { .format(checker.name) }
}
