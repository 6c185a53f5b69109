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
        // One grammar for documents and for this initializer: the parser's.
        guard let number = JSONParser.number(exactly: literal) else { return nil }
        self = number
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
}

extension JSONNumber: Comparable, Hashable {
    /// Equal in value, however written (`1 == 1.0 == 10e-1`, `-0 == 0`).
    public static func == (a: JSONNumber, b: JSONNumber) -> Bool {
        a.negative == b.negative && a.exponent == b.exponent && a.digits == b.digits
    }

    /// Exact decimal order.
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

    /// Hashes the value (consistent with `==`), not the literal.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(negative)
        hasher.combine(exponent)
        hasher.combine(digits)
    }
}

extension JSONNumber: CustomStringConvertible {
    /// The literal, as written.
    public var description: String { literal }
}
