/// An ECMA-262 regular expression with the `u` flag, as JSON Schema's `pattern`,
/// `patternProperties` and `format: "regex"` require. Compiled once; `matches` is an unanchored
/// search like `RegExp.prototype.test`, over Unicode scalars.
///
/// Patterns without backreferences or lookaround run on a linear-time NFA simulation. The others
/// run on a backtracker with a step budget of `backtrackBudget + backtrackStepsPerScalar × input
/// length` (so long but harmless inputs are not cut off, while exponential blow-up is); when it
/// is exhausted the answer is "no match" and `evaluate` says `budgetExceeded`.
///
/// Rejected although some engine might accept them: `\p{Script=..}` / `\p{Script_Extensions=..}`
/// (the standard library has no script table), ES2025 duplicate group names and modifier groups
/// `(?i:..)`, and patterns that expand beyond `RegexProgram.maxInstructions` or nest groups deeper
/// than `RegexParser.maxDepth` (`patternTooLarge`).
struct ECMARegex: Sendable, CustomStringConvertible {
    /// The result of one search.
    enum Outcome: Sendable, Equatable {
        case match
        case noMatch
        /// The backtracker gave up; `matches` reports this as no match.
        case budgetExceeded
    }

    /// Steps (executed instructions) one backtracking search may take before giving up, plus
    /// `defaultBacktrackStepsPerScalar` for every scalar of the input.
    static let defaultBacktrackBudget = 1_000_000
    static let defaultBacktrackStepsPerScalar = 100

    let pattern: String
    let program: RegexProgram
    let usesBacktracking: Bool
    let backtrackBudget: Int
    let backtrackStepsPerScalar: Int
    /// Set for plain anchored sequences of ASCII classes, which need neither engine.
    let atomSequence: AtomSequenceMatcher?
    /// For the other NFA patterns that fit: answers all-ASCII inputs one table step per byte.
    let dfa: ASCIIDFA?

    init(_ pattern: String, backtrackBudget: Int = ECMARegex.defaultBacktrackBudget,
         backtrackStepsPerScalar: Int = ECMARegex.defaultBacktrackStepsPerScalar) throws(RegexError) {
        var parser = RegexParser(pattern)
        let (node, groupCount) = try parser.parse()
        self.pattern = pattern
        self.program = try RegexProgram(node, groupCount: groupCount)
        self.usesBacktracking = node.needsBacktracking
        self.atomSequence = AtomSequenceMatcher(node)
        self.dfa = atomSequence == nil && !usesBacktracking ? ASCIIDFA(program) : nil
        self.backtrackBudget = backtrackBudget
        self.backtrackStepsPerScalar = backtrackStepsPerScalar
    }

    /// True when the pattern matches somewhere in `string` (false when the budget ran out).
    func matches(_ string: String) -> Bool {
        evaluate(string) == .match
    }

    /// Like `matches`, but tells a real "no match" from an exhausted backtracking budget.
    func evaluate(_ string: String) -> Outcome {
        if let atomSequence { return atomSequence.matches(string) ? .match : .noMatch }
        if usesBacktracking {
            let input = string.unicodeScalars.map(\.value)
            let budget = backtrackBudget &+ backtrackStepsPerScalar &* input.count
            return Backtracker(program: program, budget: budget).run(input)
        }
        if let dfa, let answer = string.utf8.withContiguousStorageIfAvailable({ dfa.matches($0) }) ?? nil {
            return answer ? .match : .noMatch
        }
        return NFAMatcher(program: program).matches(string.unicodeScalars) ? .match : .noMatch
    }

    var description: String { "/\(pattern)/u" }
}
