/// Thompson-style NFA simulation: each input scalar is looked at once and each instruction is
/// visited at most once per position, so time is O(input × program) whatever the pattern —
/// `^(a+)+$` cannot blow up. It only answers "is there a match", which is all `pattern` needs,
/// so greedy and lazy loops behave alike here. Used for every pattern without backreferences or
/// lookaround.
struct NFAMatcher {
    let program: RegexProgram

    func matches(_ input: String.UnicodeScalarView) -> Bool {
        let instructions = program.instructions
        let sets = program.sets
        var current = SparseSet(capacity: instructions.count)
        var next = SparseSet(capacity: instructions.count)
        var stack: [Int] = []
        stack.reserveCapacity(instructions.count)
        var iterator = input.makeIterator()
        var previous: UInt32? = nil
        var scalar = iterator.next()?.value
        let anchored = program.anchoredAtStart
        while true {
            if !anchored || previous == nil {
                let context = PositionContext(previous: previous, next: scalar)
                if addThread(0, instructions, to: &current, context: context, stack: &stack) { return true }
            }
            guard let c = scalar else { return false }
            if anchored, current.isEmpty { return false }
            let lookahead = iterator.next()?.value
            let context = PositionContext(previous: c, next: lookahead)
            next.removeAll()
            for pc in current.elements {
                let advances: Bool
                switch instructions[pc] {
                case .scalar(let value): advances = value == c
                case .set(let index): advances = sets[index].contains(c)
                default: advances = false
                }
                if advances, addThread(pc + 1, instructions, to: &next, context: context, stack: &stack) { return true }
            }
            swap(&current, &next)
            previous = c
            scalar = lookahead
        }
    }

    /// Follows every non-consuming instruction from `start`; true as soon as `match` is reached.
    private func addThread(_ start: Int, _ instructions: [RegexInstruction], to set: inout SparseSet,
                           context: PositionContext, stack: inout [Int]) -> Bool {
        stack.append(start)
        while let pc = stack.popLast() {
            if set.contains(pc) { continue }
            set.insert(pc)
            switch instructions[pc] {
            case .match:
                stack.removeAll(keepingCapacity: true)
                return true
            case .jump(let target):
                stack.append(target)
            case .split(let first, let second):
                stack.append(second)
                stack.append(first)
            case .assert(let assertion):
                if context.holds(assertion) { stack.append(pc + 1) }
            case .save, .clearCaptures, .mark, .checkProgress:
                stack.append(pc + 1)
            case .scalar, .set, .scalarBackward, .setBackward, .backreference, .backreferenceBackward, .look, .lookEnd:
                break
            }
        }
        return false
    }
}

/// The scalars on either side of a position, which is all `^ $ \b \B` need.
struct PositionContext {
    let previous: UInt32?
    let next: UInt32?

    func holds(_ assertion: RegexAssertion) -> Bool {
        switch assertion {
        case .start: return previous == nil
        case .end: return next == nil
        case .wordBoundary, .notWordBoundary:
            let before = previous.map(CharSet.isWordScalar) ?? false
            let after = next.map(CharSet.isWordScalar) ?? false
            return (before != after) == (assertion == .wordBoundary)
        }
    }
}

/// Constant-time insert, lookup and clear over `0..<capacity` (Briggs–Torczon).
struct SparseSet {
    private var dense: [Int]
    private var sparse: [Int]
    private(set) var count = 0

    init(capacity: Int) {
        dense = [Int](repeating: 0, count: capacity)
        sparse = [Int](repeating: 0, count: capacity)
    }

    var isEmpty: Bool { count == 0 }
    var elements: ArraySlice<Int> { dense[0..<count] }

    func contains(_ value: Int) -> Bool {
        let index = sparse[value]
        return index < count && dense[index] == value
    }

    mutating func insert(_ value: Int) {
        sparse[value] = count
        dense[count] = value
        count += 1
    }

    mutating func removeAll() { count = 0 }
}
