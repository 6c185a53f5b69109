/// An ECMA-262 regular expression with the `u` flag, as JSON Schema's `pattern`,
/// `patternProperties` and `format: "regex"` require. Compiled once; `matches` is an unanchored
/// search like `RegExp.prototype.test`, over Unicode scalars.
///
/// Patterns without backreferences or lookaround run on a linear-time NFA simulation. The others
/// run on a backtracker with a step budget (`backtrackBudget`); when it is exhausted the answer is
/// "no match" and `evaluate` says `budgetExceeded`.
struct ECMARegex: Sendable, CustomStringConvertible {
    /// The result of one search.
    enum Outcome: Sendable, Equatable {
        case match
        case noMatch
        /// The backtracker gave up; `matches` reports this as no match.
        case budgetExceeded
    }

    /// Steps (executed instructions) one backtracking search may take before giving up.
    static let defaultBacktrackBudget = 1_000_000

    let pattern: String
    let program: RegexProgram
    let usesBacktracking: Bool
    let backtrackBudget: Int

    init(_ pattern: String, backtrackBudget: Int = ECMARegex.defaultBacktrackBudget) throws(RegexError) {
        var parser = RegexParser(pattern)
        let (node, groupCount) = try parser.parse()
        self.pattern = pattern
        self.program = try RegexProgram(node, groupCount: groupCount)
        self.usesBacktracking = node.needsBacktracking
        self.backtrackBudget = backtrackBudget
    }

    func matches(_ string: String) -> Bool {
        evaluate(string) == .match
    }

    func evaluate(_ string: String) -> Outcome {
        if usesBacktracking {
            return Backtracker(program: program, budget: backtrackBudget).run(string.unicodeScalars.map(\.value))
        }
        return NFAMatcher(program: program).matches(string.unicodeScalars) ? .match : .noMatch
    }

    var description: String { "/\(pattern)/u" }
}
