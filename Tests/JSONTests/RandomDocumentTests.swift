import JSON
import XCTest

/// Seeded random documents: serialise → parse round trips, and mutated bytes never crash.
final class RandomDocumentTests: XCTestCase {
    /// A small deterministic generator (SplitMix64), so a failure can be replayed from its seed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    private func randomString(_ rng: inout SplitMix) -> String {
        let pool: [Unicode.Scalar] = ["a", "Z", " ", "\"", "\\", "/", "\u{0}", "\u{1F}", "\n", "\u{7F}", "é", "\u{301}",
                                      "中", "\u{FEFF}", "\u{FFFF}", "\u{1F600}", "\u{10FFFF}"]
        let count = Int.random(in: 0...12, using: &rng)
        return String(String.UnicodeScalarView((0..<count).map { _ in pool.randomElement(using: &rng)! }))
    }

    private func randomNumber(_ rng: inout SplitMix) -> JSONNumber {
        var text = Bool.random(using: &rng) ? "-" : ""
        text += Bool.random(using: &rng) ? "0" : String(UInt64.random(in: 1...UInt64.max, using: &rng))
        if Bool.random(using: &rng) { text += "." + String(UInt32.random(in: 0...99999, using: &rng)) }
        if Bool.random(using: &rng) { text += ["e", "E"].randomElement(using: &rng)! + ["", "+", "-"].randomElement(using: &rng)! + String(Int.random(in: 0...400, using: &rng)) }
        return JSONNumber(text)!
    }

    private func randomValue(_ rng: inout SplitMix, depth: Int) -> JSON {
        switch Int.random(in: 0..<(depth > 4 ? 4 : 6), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        case 2: return .number(randomNumber(&rng))
        case 3: return .string(randomString(&rng))
        case 4: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in randomValue(&rng, depth: depth + 1) })
        default:
            var o = JSONObject()
            for _ in 0..<Int.random(in: 0...5, using: &rng) { o[randomString(&rng)] = randomValue(&rng, depth: depth + 1) }
            return .object(o)
        }
    }

    func testRoundTrips() throws {
        var rng = SplitMix(state: 20261130)
        for _ in 0..<2000 {
            let value = randomValue(&rng, depth: 0)
            let text = value.serializedBytes()
            let parsed = try JSON(parsing: text)
            XCTAssertEqual(parsed, value, String(decoding: text, as: UTF8.self))
            // Compact output is canonical: a second round gives the same bytes.
            XCTAssertEqual(parsed.serializedBytes(), text)
        }
    }

    func testMutatedDocumentsFailCleanlyOrRoundTrip() {
        var rng = SplitMix(state: 42)
        let interesting: [UInt8] = [0x00, 0x1F, 0x22, 0x2C, 0x2D, 0x2E, 0x30, 0x3A, 0x5B, 0x5C, 0x5D, 0x65, 0x7B, 0x7D,
                                    0x80, 0xC0, 0xE0, 0xED, 0xF4, 0xFF]
        for _ in 0..<3000 {
            var bytes = randomValue(&rng, depth: 0).serializedBytes()
            guard !bytes.isEmpty else { continue }
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes[i] = interesting.randomElement(using: &rng)!
                case 1: bytes.remove(at: i)
                default: bytes.insert(interesting.randomElement(using: &rng)!, at: i)
                }
                if bytes.isEmpty { break }
            }
            do {
                let value = try JSON(parsing: bytes)
                XCTAssertEqual(try JSON(parsing: value.serializedBytes()), value)
            } catch {
                XCTAssertLessThanOrEqual(error.offset, bytes.count)
                XCTAssertGreaterThanOrEqual(error.line, 1)
                XCTAssertGreaterThanOrEqual(error.column, 1)
                XCTAssertTrue(error.message.hasSuffix("at line \(error.line), column \(error.column)"))
            }
        }
    }
}
