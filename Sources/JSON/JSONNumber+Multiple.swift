extension JSONNumber {
    /// Whether `self / divisor` is an integer, decided exactly in decimal (never through `Double`):
    /// `0.0075` is a multiple of `0.0001`, `1e308` of `0.5`, and `4.5` is not a multiple of `2`.
    /// Zero is a multiple of everything; the sign of `self` does not matter.
    ///
    /// Work is bounded by the number of digits of both numbers, not by their exponents, so
    /// `1e100000000` costs no more than `1`.
    ///
    /// - Precondition: `divisor` is above zero (JSON Schema's `multipleOf` requires it; check
    ///   this when the schema is compiled).
    public func isMultiple(of divisor: JSONNumber) -> Bool {
        precondition(!divisor.isZero && !divisor.negative, "isMultiple(of:) needs a divisor above zero")
        if isZero { return true }
        // self = a × 10^ea and divisor = d × 10^ed with integers a, d (`digits`).
        // self / divisor = (a × 10^(ea-ed)) / d.
        let shift = exponent - divisor.exponent
        // For shift < 0 it would take d × 10^-shift dividing a, but a has no trailing zero, so
        // 10 does not divide it.
        guard shift >= 0 else { return false }
        // d | a × 10^shift. Write d = 2^p × 5^q × r with r coprime to 10: the condition is r | a,
        // plus 2^p and 5^q dividing a × 10^shift. Once shift ≥ max(p, q) the latter always hold,
        // so any shift beyond that gives the same answer; p and q are below 3.33 × digit count.
        let zeros = min(shift, 4 * divisor.digits.count + 4)
        if divisor.digits.count <= 19 {
            return Self.remainder(of: digits, zeros: zeros, modulo: Self.uint64(divisor.digits)) == 0
        }
        return Self.isDivisibleBig(digits, zeros: zeros, by: divisor.digits)
    }

    /// The decimal digits as an integer (at most 19 digits, so it fits).
    static func uint64(_ digits: [UInt8]) -> UInt64 {
        var v: UInt64 = 0
        for d in digits { v = v * 10 + UInt64(d) }
        return v
    }

    /// (digits followed by `zeros` zeros) mod m, for m > 0.
    static func remainder(of digits: [UInt8], zeros: Int, modulo m: UInt64) -> UInt64 {
        var r: UInt64 = 0
        if m <= UInt64.max / 10 - 9 {
            // r × 10 + 9 cannot overflow.
            for d in digits { r = (r &* 10 &+ UInt64(d)) % m }
            for _ in 0..<zeros { r = (r &* 10) % m }
        } else {
            let wide = UInt128(m)
            for d in digits { r = UInt64((UInt128(r) * 10 + UInt128(d)) % wide) }
            for _ in 0..<zeros { r = UInt64((UInt128(r) * 10) % wide) }
        }
        return r
    }

    /// Whether the divisor's digits divide (digits followed by `zeros` zeros), for divisors too
    /// long for 64 bits: long division one decimal digit at a time on base-2^32 limbs.
    static func isDivisibleBig(_ digits: [UInt8], zeros: Int, by divisorDigits: [UInt8]) -> Bool {
        var d = Limbs(count: divisorDigits.count / 9 + 2)
        for x in divisorDigits { d.multiplyAdd(10, UInt64(x)) }
        var r = Limbs(count: d.limbs.count)
        func step(_ x: UInt64) {
            // r < d, so r × 10 + x < 10 × d: at most nine subtractions bring it below d again.
            r.multiplyAdd(10, x)
            while !r.isBelow(d) { r.subtract(d) }
        }
        for x in digits { step(UInt64(x)) }
        for _ in 0..<zeros { step(0) }
        return r.isZero
    }
}

/// A fixed-width unsigned integer in base 2^32 (little-endian), enough for exact remainders.
struct Limbs {
    var limbs: [UInt64]

    init(count: Int) { limbs = Array(repeating: 0, count: count) }

    var isZero: Bool { limbs.allSatisfy { $0 == 0 } }

    mutating func multiplyAdd(_ m: UInt64, _ a: UInt64) {
        var carry = a
        for i in limbs.indices {
            let v = limbs[i] * m + carry
            limbs[i] = v & 0xFFFF_FFFF
            carry = v >> 32
        }
        precondition(carry == 0, "Limbs overflow")
    }

    func isBelow(_ other: Limbs) -> Bool {
        for i in limbs.indices.reversed() where limbs[i] != other.limbs[i] {
            return limbs[i] < other.limbs[i]
        }
        return false
    }

    /// self -= other, for other <= self.
    mutating func subtract(_ other: Limbs) {
        var borrow: UInt64 = 0
        for i in limbs.indices {
            let sub = other.limbs[i] + borrow
            if limbs[i] >= sub {
                limbs[i] -= sub
                borrow = 0
            } else {
                limbs[i] = limbs[i] + (1 << 32) - sub
                borrow = 1
            }
        }
    }
}
