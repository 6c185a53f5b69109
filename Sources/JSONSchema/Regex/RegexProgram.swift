/// One step of a compiled pattern. Both matchers run the same instruction list: the NFA
/// simulation ignores capture bookkeeping, the backtracker honours it.
enum RegexInstruction: Sendable {
    case scalar(UInt32)
    case set(Int)
    /// Lookbehind bodies match right to left (ECMA-262 direction -1): these consume the scalar
    /// before the position.
    case scalarBackward(UInt32)
    case setBackward(Int)
    case backreferenceBackward(Int)
    /// Try the first target, then the second (the order gives greedy or lazy behaviour).
    case split(Int, Int)
    case jump(Int)
    case assert(RegexAssertion)
    case save(Int)
    /// Resets capture slots `lower..<upper`: captures inside a quantified group restart on
    /// every iteration (ECMA-262 RepeatMatcher).
    case clearCaptures(Int, Int)
    case backreference(Int)
    /// `mark`/`checkProgress` stop an iteration of `*`-style loops that matched the empty string.
    case mark(Int)
    case checkProgress(Int)
    /// Lookaround; its body starts at the next instruction and ends with `lookEnd`, and matching
    /// continues at `next`.
    case look(ahead: Bool, negated: Bool, next: Int)
    case lookEnd
    case match
}

/// A compiled pattern: the instruction list and the character sets it refers to.
struct RegexProgram: Sendable {
    /// Guards against patterns such as `(a{1000}){1000}` whose expansion would be huge.
    static let maxInstructions = 100_000

    private(set) var instructions: [RegexInstruction] = []
    private(set) var sets: [CharSet] = []
    private(set) var registerCount = 0
    let captureSlots: Int

    /// True when every match must begin at input start, so only position 0 is tried.
    var anchoredAtStart: Bool {
        if case .assert(.start) = instructions.first { return true }
        return false
    }

    init(_ node: RegexNode, groupCount: Int) throws(RegexError) {
        captureSlots = 2 * (groupCount + 1)
        try emit(node, backward: false)
        instructions.append(.match)
    }

    private mutating func append(_ instruction: RegexInstruction) throws(RegexError) {
        guard instructions.count < Self.maxInstructions else {
            throw RegexError(code: .patternTooLarge, offset: 0,
                             detail: "pattern expands to more than \(Self.maxInstructions) instructions")
        }
        instructions.append(instruction)
    }

    private mutating func emit(_ node: RegexNode, backward: Bool) throws(RegexError) {
        switch node {
        case .empty:
            break
        case .scalar(let value):
            try append(backward ? .scalarBackward(value) : .scalar(value))
        case .set(let set):
            sets.append(set.normalized())
            try append(backward ? .setBackward(sets.count - 1) : .set(sets.count - 1))
        case .concat(let nodes):
            for node in backward ? nodes.reversed() : nodes { try emit(node, backward: backward) }
        case .alternation(let nodes):
            var exits: [Int] = []
            for (index, alternative) in nodes.enumerated() {
                if index < nodes.count - 1 {
                    let split = instructions.count
                    try append(.split(split + 1, -1))
                    try emit(alternative, backward: backward)
                    exits.append(instructions.count)
                    try append(.jump(-1))
                    instructions[split] = .split(split + 1, instructions.count)
                } else {
                    try emit(alternative, backward: backward)
                }
            }
            for exit in exits { instructions[exit] = .jump(instructions.count) }
        case .group(let inner, let capture):
            // Going backward the end of the group is reached first.
            if let capture { try append(.save(2 * capture + (backward ? 1 : 0))) }
            try emit(inner, backward: backward)
            if let capture { try append(.save(2 * capture + (backward ? 0 : 1))) }
        case .quantified(let inner, let min, let max, let greedy):
            try emitQuantified(inner, min: min, max: max, greedy: greedy, backward: backward)
        case .assertion(let assertion):
            try append(.assert(assertion))
        case .backreference(let number):
            try append(backward ? .backreferenceBackward(number) : .backreference(number))
        case .look(let inner, let ahead, let negated):
            let start = instructions.count
            try append(.lookEnd) // placeholder
            try emit(inner, backward: !ahead)
            try append(.lookEnd)
            instructions[start] = .look(ahead: ahead, negated: negated, next: instructions.count)
        }
    }

    private mutating func emitQuantified(_ inner: RegexNode, min: Int, max: Int?, greedy: Bool,
                                         backward: Bool) throws(RegexError) {
        let clear: RegexInstruction? = inner.captureRange.map { .clearCaptures(2 * $0.lowerBound, 2 * $0.upperBound + 2) }
        for _ in 0..<min {
            if let clear { try append(clear) }
            try emit(inner, backward: backward)
        }
        guard let max else {
            // Loop: split(body, exit); mark; body; check; jump back.
            let register = registerCount
            registerCount += 1
            let loop = instructions.count
            try append(.split(-1, -1))
            try append(.mark(register))
            if let clear { try append(clear) }
            try emit(inner, backward: backward)
            try append(.checkProgress(register))
            try append(.jump(loop))
            let exit = instructions.count
            instructions[loop] = greedy ? .split(loop + 1, exit) : .split(exit, loop + 1)
            return
        }
        // Nested optionals x(x(x)?)?)? with one shared exit.
        var splits: [Int] = []
        for _ in min..<max {
            splits.append(instructions.count)
            try append(.split(-1, -1))
            if let clear { try append(clear) }
            try emit(inner, backward: backward)
        }
        let exit = instructions.count
        for split in splits {
            instructions[split] = greedy ? .split(split + 1, exit) : .split(exit, split + 1)
        }
    }
}
