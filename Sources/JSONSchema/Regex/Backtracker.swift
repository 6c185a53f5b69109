/// Backtracking matcher for patterns with backreferences or lookaround, which no linear-time
/// automaton can run. Every executed instruction costs one step from a fixed budget; when the
/// budget runs out the search stops and reports `budgetExceeded` (callers treat it as no match),
/// so a hostile input against an exponential pattern costs bounded time.
struct Backtracker {
    let program: RegexProgram
    let budget: Int

    func run(_ input: [UInt32]) -> ECMARegex.Outcome {
        var state = BacktrackState(program: program, input: input, budget: budget)
        let lastStart = program.anchoredAtStart ? 0 : input.count
        for start in 0...lastStart {
            if state.execute(pc: 0, position: start) != nil { return .match }
            if state.exceeded { return .budgetExceeded }
        }
        return .noMatch
    }
}

private struct BacktrackState {
    private enum Frame {
        case branch(pc: Int, position: Int)
        case restoreCapture(slot: Int, value: Int)
        case restoreRegister(register: Int, value: Int)
    }

    let instructions: [RegexInstruction]
    let sets: [CharSet]
    let input: [UInt32]
    let budget: Int
    private var captures: [Int]
    private var registers: [Int]
    private var stack: [Frame] = []
    private var steps = 0
    private(set) var exceeded = false

    init(program: RegexProgram, input: [UInt32], budget: Int) {
        instructions = program.instructions
        sets = program.sets
        self.input = input
        self.budget = budget
        captures = [Int](repeating: -1, count: program.captureSlots)
        registers = [Int](repeating: -1, count: program.registerCount)
    }

    /// Runs from `pc` until `match` or `lookEnd`; returns the end position, or nil on failure.
    /// On success the choice points it left are dropped (lookaround is atomic) but its capture
    /// undo records stay so that an outer backtrack still restores them; on failure everything it
    /// did has been undone.
    mutating func execute(pc startPC: Int, position startPosition: Int) -> Int? {
        let base = stack.count
        var pc = startPC
        var position = startPosition
        while true {
            steps += 1
            if steps > budget {
                exceeded = true
                unwind(to: base)
                return nil
            }
            var ok = true
            switch instructions[pc] {
            case .scalar(let value):
                if position < input.count, input[position] == value {
                    position += 1
                    pc += 1
                } else { ok = false }
            case .set(let index):
                if position < input.count, sets[index].contains(input[position]) {
                    position += 1
                    pc += 1
                } else { ok = false }
            case .scalarBackward(let value):
                if position > 0, input[position - 1] == value {
                    position -= 1
                    pc += 1
                } else { ok = false }
            case .setBackward(let index):
                if position > 0, sets[index].contains(input[position - 1]) {
                    position -= 1
                    pc += 1
                } else { ok = false }
            case .split(let first, let second):
                stack.append(.branch(pc: second, position: position))
                pc = first
            case .jump(let target):
                pc = target
            case .assert(let assertion):
                let context = PositionContext(previous: position > 0 ? input[position - 1] : nil,
                                              next: position < input.count ? input[position] : nil)
                if context.holds(assertion) { pc += 1 } else { ok = false }
            case .save(let slot):
                setCapture(slot, position)
                pc += 1
            case .clearCaptures(let lower, let upper):
                for slot in lower..<upper where captures[slot] != -1 { setCapture(slot, -1) }
                pc += 1
            case .backreference(let group):
                let begin = captures[2 * group], end = captures[2 * group + 1]
                if begin < 0 || end < 0 {
                    pc += 1 // an unset group matches the empty string
                } else if position + (end - begin) <= input.count,
                          input[begin..<end].elementsEqual(input[position..<position + (end - begin)]) {
                    position += end - begin
                    pc += 1
                } else { ok = false }
            case .backreferenceBackward(let group):
                let begin = captures[2 * group], end = captures[2 * group + 1]
                if begin < 0 || end < 0 {
                    pc += 1
                } else if position - (end - begin) >= 0,
                          input[begin..<end].elementsEqual(input[(position - (end - begin))..<position]) {
                    position -= end - begin
                    pc += 1
                } else { ok = false }
            case .mark(let register):
                stack.append(.restoreRegister(register: register, value: registers[register]))
                registers[register] = position
                pc += 1
            case .checkProgress(let register):
                if registers[register] == position { ok = false } else { pc += 1 }
            case .look(_, let negated, let next):
                let mark = stack.count
                // The body runs forward for lookahead and backward for lookbehind (compiled so).
                let found = execute(pc: pc + 1, position: position) != nil
                if exceeded {
                    unwind(to: base)
                    return nil
                }
                if negated, found { unwind(to: mark) }
                if found != negated { pc = next } else { ok = false }
            case .lookEnd, .match:
                return succeed(base: base, position: position)
            }
            if !ok {
                guard let resume = backtrack(to: base) else { return nil }
                (pc, position) = resume
            }
        }
    }

    private mutating func setCapture(_ slot: Int, _ value: Int) {
        stack.append(.restoreCapture(slot: slot, value: captures[slot]))
        captures[slot] = value
    }

    private mutating func succeed(base: Int, position: Int) -> Int {
        var kept = base
        for index in base..<stack.count {
            if case .branch = stack[index] { continue }
            stack[kept] = stack[index]
            kept += 1
        }
        stack.removeSubrange(kept...)
        return position
    }

    private mutating func backtrack(to base: Int) -> (Int, Int)? {
        while stack.count > base {
            switch stack.removeLast() {
            case .branch(let pc, let position): return (pc, position)
            case .restoreCapture(let slot, let value): captures[slot] = value
            case .restoreRegister(let register, let value): registers[register] = value
            }
        }
        return nil
    }

    private mutating func unwind(to base: Int) {
        while backtrack(to: base) != nil {}
    }
}
