import CCrypto  // getrandom(2): Swift's Glibc module lacks it
#if canImport(Glibc)
import Glibc
#endif

/// The one source of randomness: document ids and backoff jitter. Injected, so tests can fix it.
protocol RandomSource: Sendable {
    /// Fills `bytes` with uniform random bytes.
    func fill(_ bytes: inout [UInt8])
}

extension RandomSource {
    /// A uniform random 64-bit word (backoff jitter).
    func word() -> UInt64 {
        var bytes = [UInt8](repeating: 0, count: 8)
        fill(&bytes)
        return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}

/// The kernel's CSPRNG.
struct SystemRandom: RandomSource {
    /// Fills `bytes` from `getrandom(2)`; the call blocks only before the pool is first seeded, and
    /// a failure here is unrecoverable (ids must never come from a weaker source).
    func fill(_ bytes: inout [UInt8]) {
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buf in
                getrandom(buf.baseAddress! + filled, buf.count - filled, 0)
            }
            if n < 0 {
                if errno == EINTR { continue }
                fatalError("getrandom failed: errno \(errno)")
            }
            filled += n
        }
    }
}
