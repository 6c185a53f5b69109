#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Keeps `_X_AMZN_TRACE_ID` equal to the current invocation's trace id without growing memory.
///
/// glibc's `setenv` allocates a new `NAME=value` string for every new value and never frees the
/// old ones (a pointer to them may have been handed out), so calling it per invocation grows the
/// process by the length of each trace id: ~150 MB over a million invocations. Instead, this owns
/// one `NAME=value` buffer, installs it with `putenv` (which keeps our pointer), and rewrites it in
/// place; it grows, by doubling, only for a longer id.
final class TraceIDVariable {
    private let name: [UInt8]
    private var buffer: UnsafeMutablePointer<CChar>?
    private var capacity = 0
    private var installed = false

    init(name: String = RuntimeAPI.traceIDVariable) {
        self.name = Array(name.utf8) + [UInt8(ascii: "=")]
    }

    /// Sets the variable to `value`, or removes it for `nil`.
    func set(_ value: String?) {
        guard let value else {
            if installed { unsetenv(String(decoding: name.dropLast(), as: UTF8.self)) }
            installed = false
            return
        }
        let bytes = Array(value.utf8.prefix { $0 != 0 })
        let needed = name.count + bytes.count + 1
        if needed > capacity {
            let old = buffer
            capacity = max(needed, 2 * capacity, 256)
            buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
            write(bytes)
            putenv(buffer!)
            installed = true
            // The environment no longer points at the old buffer.
            old?.deallocate()
            return
        }
        write(bytes)
        if !installed {
            putenv(buffer!)
            installed = true
        }
    }

    private func write(_ value: [UInt8]) {
        let b = UnsafeMutableRawPointer(buffer!).assumingMemoryBound(to: UInt8.self)
        name.withUnsafeBufferPointer { b.update(from: $0.baseAddress!, count: $0.count) }
        value.withUnsafeBufferPointer { if let p = $0.baseAddress { (b + name.count).update(from: p, count: $0.count) } }
        b[name.count + value.count] = 0
    }

    deinit {
        if installed { unsetenv(String(decoding: name.dropLast(), as: UTF8.self)) }
        buffer?.deallocate()
    }
}
