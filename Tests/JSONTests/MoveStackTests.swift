@testable import JSON
import XCTest

final class MoveStackTests: XCTestCase {
    /// Counts live instances, to prove that elements are moved, not leaked or released twice.
    final class Token {
        let id: Int
        let counter: Counter
        init(_ id: Int, _ counter: Counter) { self.id = id; self.counter = counter; counter.live += 1 }
        deinit { counter.live -= 1 }
    }

    final class Counter { var live = 0 }

    func testPopAllMovesElementsInOrderAcrossGrowth() {
        let counter = Counter()
        do {
            var stack = MoveStack<Token>(capacity: 2)
            for i in 0..<100 { stack.push(Token(i, counter)) }
            XCTAssertEqual(stack.count, 100)
            XCTAssertEqual(stack[42].id, 42)
            let top = stack.popAll(from: 60)
            XCTAssertEqual(top.map(\.id), Array(60..<100))
            XCTAssertEqual(stack.count, 60)
            XCTAssertEqual(stack.popAll(from: 60).count, 0)
            XCTAssertEqual(counter.live, 100)
            // Leftovers are released with the stack.
        }
        XCTAssertEqual(counter.live, 0)
    }

    func testPairedPop() {
        let counter = Counter()
        do {
            var keys = MoveStack<String>()
            var values = MoveStack<Token>()
            values.push(Token(-1, counter))
            for i in 0..<5 {
                keys.push("k\(i)")
                values.push(Token(i, counter))
            }
            let pairs = keys.popAll(from: 0, pairedWith: &values, from: 1)
            XCTAssertEqual(pairs.map(\.key), ["k0", "k1", "k2", "k3", "k4"])
            XCTAssertEqual(pairs.map(\.value.id), [0, 1, 2, 3, 4])
            XCTAssertEqual(keys.count, 0)
            XCTAssertEqual(values.count, 1)
            XCTAssertEqual(counter.live, 6)
        }
        XCTAssertEqual(counter.live, 0)
    }
}
