/// A growable stack whose top elements can be moved out into an exactly sized array.
///
/// The parser pushes the elements of every open container here and moves them out when the
/// container closes, so each array or object is allocated once at its final size and no element
/// is retained and released on the way (as it would be with `Array` slicing).
struct MoveStack<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// The number of elements on the stack.
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// The element at `i` (0 is the bottom).
    subscript(i: Int) -> Element {
        precondition(i >= 0 && i < count)
        return base[i]
    }

    /// Moves the elements from `start` to the top out, in order, and removes them.
    mutating func popAll(from start: Int) -> [Element] {
        let n = count - start
        guard n > 0 else { return [] }
        let from = base + start
        count = start
        return Array(unsafeUninitializedCapacity: n) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: from, count: n)
            initialized = n
        }
    }

    /// Moves pairs out of two stacks: elements from `start` of `self` with those from
    /// `otherStart` of `other` (which must hold as many).
    mutating func popAll<Other>(
        from start: Int, pairedWith other: inout MoveStack<Other>, from otherStart: Int
    ) -> [(key: Element, value: Other)] {
        let n = count - start
        precondition(other.count - otherStart == n)
        guard n > 0 else { return [] }
        let from = base + start, otherFrom = other.base + otherStart
        count = start
        other.count = otherStart
        return Array(unsafeUninitializedCapacity: n) { buffer, initialized in
            for i in 0..<n {
                (buffer.baseAddress! + i).initialize(to: ((from + i).move(), (otherFrom + i).move()))
            }
            initialized = n
        }
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }
}
