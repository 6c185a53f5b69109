/// The parsed form of a pattern, before compilation to instructions.
indirect enum RegexNode: Sendable {
    case empty
    case scalar(UInt32)
    case set(CharSet)
    case concat([RegexNode])
    case alternation([RegexNode])
    /// `capture` is the 1-based group number, nil for `(?:`.
    case group(RegexNode, capture: Int?)
    /// `max == nil` means unbounded.
    case quantified(RegexNode, min: Int, max: Int?, greedy: Bool)
    case assertion(RegexAssertion)
    case backreference(Int)
    case look(RegexNode, ahead: Bool, negated: Bool)

    /// Backreferences and lookaround need the backtracking engine; everything else runs on the
    /// linear-time NFA simulation.
    var needsBacktracking: Bool {
        switch self {
        case .empty, .scalar, .set, .assertion: return false
        case .backreference, .look: return true
        case .concat(let nodes), .alternation(let nodes): return nodes.contains { $0.needsBacktracking }
        case .group(let node, _), .quantified(let node, _, _, _): return node.needsBacktracking
        }
    }

    /// Capture groups inside this node, as a closed range of group numbers (nil when none).
    var captureRange: ClosedRange<Int>? {
        switch self {
        case .empty, .scalar, .set, .assertion, .backreference: return nil
        case .group(let node, let capture):
            let inner = node.captureRange
            guard let capture else { return inner }
            return capture...(inner?.upperBound ?? capture)
        case .quantified(let node, _, _, _), .look(let node, _, _): return node.captureRange
        case .concat(let nodes), .alternation(let nodes):
            let ranges = nodes.compactMap(\.captureRange)
            guard let first = ranges.first, let last = ranges.last else { return nil }
            return first.lowerBound...last.upperBound
        }
    }
}

/// Zero-width tests on the position (no multiline mode: `^`/`$` are input start and end).
enum RegexAssertion: Sendable, Equatable {
    case start, end, wordBoundary, notWordBoundary
}
