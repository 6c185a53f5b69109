/// A JSON number kept exactly as written, with its value in normalised decimal form.
///
/// `literal` is the text from the document (re-serialised unchanged, so an integer above 2^53
/// or `1.10` survives a round trip). The value is `(-1)^negative × digits × 10^exponent`, with
/// `digits` free of leading and trailing zeros; zero has no digits. Equality and ordering are
/// exact decimal comparisons, never through `Double`.
public struct JSONNumber: Sendable {
    /// The number's text as it appeared in the document.
    public let literal: String
    /// Whether the value is below zero (never true for zero, so `-0 == 0`).
    public let negative: Bool
    /// Significant decimal digits, each 0...9, without leading or trailing zeros.
    public let digits: [UInt8]
    /// The power of ten that `digits` is scaled by.
    public let exponent: Int

    /// Exponents beyond this magnitude are refused: they have no use in documents and would make
    /// exact arithmetic unbounded.
    public static let maxExponentMagnitude = 100_000_000

    /// Parses `literal` as an RFC 8259 number; `nil` if it is not exactly one.
    public init?(_ literal: String) {
        guard let parts = Self.normalise(Array(literal.utf8)) else { return nil }
        self.literal = literal
        (negative, digits, exponent) = parts
    }

    /// A number whose parts the caller has already validated and normalised (the parser).
    init(literal: String, negative: Bool, digits: [UInt8], exponent: Int) {
        self.literal = literal
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
    }

    /// Makes a number from an integer.
    public init(_ value: Int) {
        self.init(String(value))!
    }

    /// True when the value has no fractional part (`1.0` and `1e3` are integers).
    public var isInteger: Bool { exponent >= 0 || digits.isEmpty }

    /// True for zero, however written.
    public var isZero: Bool { digits.isEmpty }

    /// The nearest `Double` (infinite when out of range).
    public var doubleValue: Double { Double(literal) ?? (negative ? -.infinity : .infinity) }

    /// The value as an `Int` when it is an integer that fits.
    public var intValue: Int? {
        guard isInteger else { return nil }
        if digits.isEmpty { return 0 }
        guard digits.count + exponent <= 19 else { return nil }
        var magnitude: UInt64 = 0
        for d in digits {
            let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            magnitude = s
        }
        for _ in 0..<exponent {
            let (m, o) = magnitude.multipliedReportingOverflow(by: 10)
            if o { return nil }
            magnitude = m
        }
        if negative {
            return magnitude <= UInt64(Int.max) + 1 ? Int(truncatingIfNeeded: 0 &- magnitude) : nil
        }
        return magnitude <= UInt64(Int.max) ? Int(magnitude) : nil
    }

    /// Validates the RFC 8259 grammar and returns the normalised parts.
    static func normalise(_ b: [UInt8]) -> (negative: Bool, digits: [UInt8], exponent: Int)? {
        var i = 0
        let n = b.count
        var negative = false
        if i < n, b[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        guard i < n, isDigit(b[i]) else { return nil }
        var digits: [UInt8] = []
        digits.reserveCapacity(n)
        if b[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < n, isDigit(b[i]) { digits.append(b[i] &- 48); i += 1 }
        }
        var exponent = 0
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            guard i < n, isDigit(b[i]) else { return nil }
            while i < n, isDigit(b[i]) { digits.append(b[i] &- 48); exponent -= 1; i += 1 }
        }
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                expNegative = b[i] == UInt8(ascii: "-"); i += 1
            }
            guard i < n, isDigit(b[i]) else { return nil }
            var e = 0
            while i < n, isDigit(b[i]) {
                e = e * 10 + Int(b[i] &- 48)
                guard e <= maxExponentMagnitude else { return nil }
                i += 1
            }
            exponent += expNegative ? -e : e
        }
        guard i == n else { return nil }
        // Strip leading zeros (from "0.00x") and trailing zeros (into the exponent).
        let first = digits.firstIndex { $0 != 0 }
        guard let first else { return (false, [], 0) }
        let last = digits.lastIndex { $0 != 0 }!
        exponent += digits.count - 1 - last
        return (negative, Array(digits[first...last]), exponent)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
}

extension JSONNumber: Comparable, Hashable {
    public static func == (a: JSONNumber, b: JSONNumber) -> Bool {
        a.negative == b.negative && a.exponent == b.exponent && a.digits == b.digits
    }

    public static func < (a: JSONNumber, b: JSONNumber) -> Bool {
        if a.negative != b.negative { return a.negative }
        let c = compareMagnitude(a, b)
        return a.negative ? c > 0 : c < 0
    }

    /// -1, 0 or 1 as |a| is below, equal to or above |b|.
    static func compareMagnitude(_ a: JSONNumber, _ b: JSONNumber) -> Int {
        if a.digits.isEmpty || b.digits.isEmpty {
            return a.digits.isEmpty ? (b.digits.isEmpty ? 0 : -1) : 1
        }
        // The position of the leading digit decides first.
        let ta = a.digits.count + a.exponent, tb = b.digits.count + b.exponent
        if ta != tb { return ta < tb ? -1 : 1 }
        for k in 0..<max(a.digits.count, b.digits.count) {
            let da = k < a.digits.count ? a.digits[k] : 0
            let db = k < b.digits.count ? b.digits[k] : 0
            if da != db { return da < db ? -1 : 1 }
        }
        return 0
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(negative)
        hasher.combine(exponent)
        hasher.combine(digits)
    }
}

extension JSONNumber: CustomStringConvertible {
    public var description: String { literal }
}
