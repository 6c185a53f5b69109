/// Recursive-descent parser for the ECMA-262 pattern grammar with the `u` flag (no Annex B
/// leniency): a lone `{`, `}` or `]`, an unknown identity escape such as `\a`, or a quantified
/// lookaround is a syntax error.
struct RegexParser {
    let scalars: [UInt32]
    var position = 0
    var groupCount = 0
    var groupNames: [String: Int] = [:]
    /// Named backreferences seen before their group may be defined; resolved after parsing.
    var pendingNames: [(name: String, offset: Int)] = []
    var numberedReferences: [(number: Int, offset: Int)] = []
    /// Parenthesis nesting; bounded because the parser and compiler recurse on it and `format:
    /// "regex"` compiles strings from untrusted request bodies.
    var depth = 0
    static let maxDepth = 250

    init(_ pattern: String) {
        scalars = pattern.unicodeScalars.map(\.value)
    }

    /// Parses the whole pattern and resolves backreferences.
    mutating func parse() throws(RegexError) -> (node: RegexNode, groupCount: Int) {
        let node = try parseDisjunction()
        if position < scalars.count {
            // Only an unmatched `)` stops a top-level disjunction early.
            throw fail(.unbalancedParenthesis, "unmatched ')'")
        }
        for reference in numberedReferences where reference.number > groupCount {
            throw RegexError(code: .invalidBackreference, offset: reference.offset,
                             detail: "backreference \\\(reference.number) but the pattern has \(groupCount) group(s)")
        }
        var resolved: [Int] = []
        for pending in pendingNames {
            guard let number = groupNames[pending.name] else {
                throw RegexError(code: .unknownGroupName, offset: pending.offset,
                                 detail: "no group named '\(pending.name)'")
            }
            resolved.append(number)
        }
        return (resolve(node, resolved), groupCount)
    }

    func fail(_ code: RegexError.Code, _ detail: String) -> RegexError {
        RegexError(code: code, offset: position, detail: detail)
    }

    var atEnd: Bool { position >= scalars.count }

    func peek(_ offset: Int = 0) -> UInt32? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    mutating func consume(_ ascii: Character) -> Bool {
        if peek() == ascii.unicodeScalars.first!.value {
            position += 1
            return true
        }
        return false
    }

    private mutating func parseDisjunction() throws(RegexError) -> RegexNode {
        var alternatives = [try parseAlternative()]
        while consume("|") {
            alternatives.append(try parseAlternative())
        }
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    private mutating func parseAlternative() throws(RegexError) -> RegexNode {
        var terms: [RegexNode] = []
        while let c = peek(), c != 0x7C /* | */, c != 0x29 /* ) */ {
            terms.append(try parseTerm())
        }
        switch terms.count {
        case 0: return .empty
        case 1: return terms[0]
        default: return .concat(terms)
        }
    }

    private mutating func parseTerm() throws(RegexError) -> RegexNode {
        let start = position
        let c = scalars[position]
        let atom: RegexNode
        var quantifiable = true
        switch c {
        case 0x5E: // ^
            position += 1
            atom = .assertion(.start)
            quantifiable = false
        case 0x24: // $
            position += 1
            atom = .assertion(.end)
            quantifiable = false
        case 0x2E: // .
            position += 1
            atom = .set(CharSet.dot)
        case 0x28: // (
            (atom, quantifiable) = try parseGroup()
        case 0x5B: // [
            atom = .set(try parseClass())
        case 0x5C: // backslash
            if peek(1) == 0x62 || peek(1) == 0x42 { // \b \B
                atom = .assertion(peek(1) == 0x62 ? .wordBoundary : .notWordBoundary)
                position += 2
                quantifiable = false
            } else {
                atom = try parseAtomEscape()
            }
        case 0x2A, 0x2B, 0x3F: // * + ?
            throw fail(.nothingToRepeat, "nothing to repeat before '\(Character(Unicode.Scalar(c)!))'")
        case 0x7B: // {
            if (try? quantifierBraces()) != nil {
                throw fail(.nothingToRepeat, "nothing to repeat before '{'")
            }
            throw fail(.loneBracket, "lone '{' (write '\\{' for a literal brace)")
        case 0x7D, 0x5D: // } ]
            throw fail(.loneBracket, "lone '\(Character(Unicode.Scalar(c)!))' (escape it with a backslash)")
        default:
            position += 1
            atom = .scalar(c)
        }
        guard let quantifier = try parseQuantifier() else { return atom }
        guard quantifiable else {
            throw RegexError(code: .nothingToRepeat, offset: start, detail: "an assertion cannot be quantified")
        }
        return .quantified(atom, min: quantifier.min, max: quantifier.max, greedy: quantifier.greedy)
    }

    private mutating func parseQuantifier() throws(RegexError) -> (min: Int, max: Int?, greedy: Bool)? {
        guard let c = peek() else { return nil }
        var bounds: (min: Int, max: Int?)
        switch c {
        case 0x2A: bounds = (0, nil); position += 1
        case 0x2B: bounds = (1, nil); position += 1
        case 0x3F: bounds = (0, 1); position += 1
        case 0x7B:
            guard let braces = try quantifierBraces() else {
                throw fail(.loneBracket, "incomplete quantifier (write '\\{' for a literal brace)")
            }
            bounds = (braces.min, braces.max)
            position = braces.end
        default:
            return nil
        }
        let greedy = !consume("?")
        if let c = peek(), c == 0x2A || c == 0x2B || c == 0x3F || c == 0x7B {
            if c != 0x7B || (try? quantifierBraces()) != nil {
                throw fail(.nothingToRepeat, "nothing to repeat (a quantifier follows a quantifier)")
            }
        }
        return (bounds.min, bounds.max, greedy)
    }

    /// Reads `{n}`, `{n,}` or `{n,m}` at the current position without consuming it; nil when the
    /// text is not a complete quantifier. Counts saturate so that huge numbers cannot overflow.
    func quantifierBraces() throws(RegexError) -> (min: Int, max: Int?, end: Int)? {
        var index = position + 1
        func number() -> Int? {
            let begin = index
            var value = 0
            while index < scalars.count, scalars[index] >= 0x30, scalars[index] <= 0x39 {
                value = min(value * 10 + Int(scalars[index] - 0x30), Int(Int32.max))
                index += 1
            }
            return index > begin ? value : nil
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if index < scalars.count, scalars[index] == 0x2C {
            index += 1
            high = number()
        }
        guard index < scalars.count, scalars[index] == 0x7D else { return nil }
        if let high, high < low {
            throw fail(.invalidQuantifier, "numbers out of order in {\(low),\(high)} quantifier")
        }
        return (low, high, index + 1)
    }

    private mutating func parseGroup() throws(RegexError) -> (RegexNode, quantifiable: Bool) {
        let open = position
        position += 1
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else {
            throw fail(.patternTooLarge, "groups nested deeper than \(Self.maxDepth)")
        }
        var node: RegexNode
        var quantifiable = true
        if consume("?") {
            if consume(":") {
                node = .group(try parseDisjunction(), capture: nil)
            } else if consume("=") || consume("!") {
                let negated = scalars[position - 1] == 0x21
                node = .look(try parseDisjunction(), ahead: true, negated: negated)
                quantifiable = false
            } else if peek() == 0x3C, peek(1) == 0x3D || peek(1) == 0x21 { // (?<= (?<!
                let negated = peek(1) == 0x21
                position += 2
                node = .look(try parseDisjunction(), ahead: false, negated: negated)
                quantifiable = false
            } else if consume("<") {
                let nameOffset = position
                let name = try parseGroupName()
                if groupNames[name] != nil {
                    throw RegexError(code: .duplicateGroupName, offset: nameOffset, detail: "duplicate group name '\(name)'")
                }
                groupCount += 1
                let number = groupCount
                groupNames[name] = number
                node = .group(try parseDisjunction(), capture: number)
            } else {
                throw fail(.invalidGroup, "invalid group: '(?' must be followed by ':', '=', '!', '<=', '<!' or '<name>'")
            }
        } else {
            groupCount += 1
            let number = groupCount
            node = .group(try parseDisjunction(), capture: number)
        }
        guard consume(")") else {
            throw RegexError(code: .unbalancedParenthesis, offset: open, detail: "unterminated group")
        }
        return (node, quantifiable)
    }

    /// Reads a RegExpIdentifierName up to and including the closing `>`.
    mutating func parseGroupName() throws(RegexError) -> String {
        var name = String.UnicodeScalarView()
        while true {
            guard var c = peek() else { throw fail(.invalidGroupName, "unterminated group name") }
            if c == 0x3E { // >
                position += 1
                break
            }
            if c == 0x5C { // \u escapes are allowed in names
                position += 1
                guard consume("u"), let escaped = try parseUnicodeEscapeBody() else {
                    throw fail(.invalidGroupName, "invalid escape in group name")
                }
                c = escaped
            } else {
                position += 1
            }
            guard let scalar = Unicode.Scalar(c) else { throw fail(.invalidGroupName, "invalid group name") }
            let valid = name.isEmpty
                ? (scalar.properties.isIDStart || c == 0x24 || c == 0x5F)
                : (scalar.properties.isIDContinue || c == 0x24 || c == 0x200C || c == 0x200D)
            guard valid else { throw fail(.invalidGroupName, "invalid character in group name") }
            name.append(scalar)
        }
        guard !name.isEmpty else { throw fail(.invalidGroupName, "empty group name") }
        return String(name)
    }

    private func resolve(_ node: RegexNode, _ names: [Int]) -> RegexNode {
        switch node {
        case .backreference(let n) where n < 0: return .backreference(names[-n - 1])
        case .empty, .scalar, .set, .assertion, .backreference: return node
        case .concat(let nodes): return .concat(nodes.map { resolve($0, names) })
        case .alternation(let nodes): return .alternation(nodes.map { resolve($0, names) })
        case .group(let inner, let capture): return .group(resolve(inner, names), capture: capture)
        case .quantified(let inner, let min, let max, let greedy):
            return .quantified(resolve(inner, names), min: min, max: max, greedy: greedy)
        case .look(let inner, let ahead, let negated):
            return .look(resolve(inner, names), ahead: ahead, negated: negated)
        }
    }
}
