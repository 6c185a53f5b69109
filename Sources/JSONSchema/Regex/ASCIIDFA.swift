/// A deterministic automaton over ASCII bytes for patterns the NFA would run, built once at
/// compile time by subset construction over the NFA program: an all-ASCII input then costs one
/// table step per byte instead of a thread list per scalar. Inputs with any other scalar (and
/// the empty input) go to the NFA, so the answer is always the NFA's.
///
/// Only `^` and `$` are supported among assertions (`\b`/`\B` look at both neighbours, which a
/// state does not know); a pattern whose automaton would exceed `maxStates` gets none.
///
/// A state is the set of instructions reached after a byte, before following the non-consuming
/// ones (its kernel), plus whether it is the start position. Following them differs only in
/// `$`: in the middle of the input it fails, after the last byte it holds. So each state keeps
/// two answers: a match already reached mid-input (the search stops: `matches` is a search) and
/// a match reached if the input ends here.
struct ASCIIDFA: Sendable {
    static let maxStates = 256
    /// No state: the search cannot match any more (anchored patterns only).
    private static let dead: UInt16 = .max

    /// `transitions[state << 7 | byte]`.
    private let transitions: [UInt16]
    private let matchesMid: [Bool]
    private let matchesAtEnd: [Bool]

    init?(_ program: RegexProgram) {
        let instructions = program.instructions
        for instruction in instructions {
            switch instruction {
            case .scalar, .set, .split, .jump, .save, .clearCaptures, .mark, .checkProgress, .match,
                 .assert(.start), .assert(.end):
                continue
            default:
                return nil
            }
        }
        // Which ASCII bytes each consuming instruction accepts.
        var accepts = [[Bool]](repeating: [], count: instructions.count)
        for (pc, instruction) in instructions.enumerated() {
            switch instruction {
            case .scalar(let value): accepts[pc] = (0..<128).map { UInt32($0) == value }
            case .set(let index): accepts[pc] = (0..<128).map { program.sets[index].contains(UInt32($0)) }
            default: break
            }
        }
        let anchored = program.anchoredAtStart

        /// The consuming instructions reached from `kernel`, and whether `match` is.
        func closure(_ kernel: [Int], atStart: Bool, atEnd: Bool) -> (consuming: [Int], match: Bool) {
            var seen = [Bool](repeating: false, count: instructions.count)
            var stack = kernel.reversed() as [Int]
            var consuming: [Int] = []
            var match = false
            while let pc = stack.popLast() {
                if seen[pc] { continue }
                seen[pc] = true
                switch instructions[pc] {
                case .match: match = true
                case .jump(let target): stack.append(target)
                case .split(let first, let second):
                    stack.append(second)
                    stack.append(first)
                case .assert(.start): if atStart { stack.append(pc + 1) }
                case .assert(.end): if atEnd { stack.append(pc + 1) }
                case .save, .clearCaptures, .mark, .checkProgress: stack.append(pc + 1)
                case .scalar, .set: consuming.append(pc)
                default: break
                }
            }
            return (consuming, match)
        }

        struct Key: Hashable {
            let kernel: [Int]
            let atStart: Bool
        }
        var keys: [Key] = [Key(kernel: [0], atStart: true)]
        var index: [Key: Int] = [keys[0]: 0]
        var transitions: [UInt16] = []
        var matchesMid: [Bool] = [], matchesAtEnd: [Bool] = []
        var next = 0
        while next < keys.count {
            let key = keys[next]
            next += 1
            let mid = closure(key.kernel, atStart: key.atStart, atEnd: false)
            matchesMid.append(mid.match)
            matchesAtEnd.append(closure(key.kernel, atStart: key.atStart, atEnd: true).match)
            for byte in 0..<128 {
                var kernel: [Int] = []
                for pc in mid.consuming where accepts[pc][byte] { kernel.append(pc + 1) }
                // A search not anchored at the start may begin at every position.
                if !anchored { kernel.append(0) }
                if kernel.isEmpty {
                    transitions.append(Self.dead)
                    continue
                }
                kernel = Array(Set(kernel)).sorted()
                let successor = Key(kernel: kernel, atStart: false)
                if let known = index[successor] {
                    transitions.append(UInt16(known))
                } else {
                    guard keys.count < Self.maxStates else { return nil }
                    index[successor] = keys.count
                    transitions.append(UInt16(keys.count))
                    keys.append(successor)
                }
            }
        }
        self.transitions = transitions
        self.matchesMid = matchesMid
        self.matchesAtEnd = matchesAtEnd
    }

    /// The NFA's answer for a non-empty all-ASCII input; nil for any other input.
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard !bytes.isEmpty else { return nil }
        for byte in bytes where byte >= 0x80 { return nil }
        return transitions.withUnsafeBufferPointer { table in
            var state = 0
            if matchesMid[0] { return true }
            let last = bytes.count - 1
            for i in 0..<last {
                let s = table[state &<< 7 | Int(bytes[i])]
                if s == Self.dead { return false }
                state = Int(s)
                if matchesMid[state] { return true }
            }
            let s = table[state &<< 7 | Int(bytes[last])]
            return s != Self.dead && matchesAtEnd[Int(s)]
        }
    }
}
