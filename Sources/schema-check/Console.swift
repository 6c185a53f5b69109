#if canImport(Glibc)
import Glibc
#endif

/// Where results and complaints go; a test of the core could collect lines instead.
protocol LineSink {
    /// Writes one line of results.
    mutating func result(_ line: String)
    /// Writes one line of diagnostics.
    mutating func diagnostic(_ line: String)
    /// Hands over whatever is still buffered.
    mutating func flush()
}

/// Standard output and standard error through `write(2)`. Results are buffered, so `--lines`
/// on a big file is not one system call per line; diagnostics flush the results first so the
/// two streams interleave in order on a terminal.
struct Console: LineSink {
    private var buffer: [UInt8] = []
    private static let bufferLimit = 1 << 16

    mutating func result(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= Self.bufferLimit { flush() }
    }

    mutating func diagnostic(_ line: String) {
        flush()
        Self.writeAll(Array(("schema-check: " + line + "\n").utf8), to: STDERR_FILENO)
    }

    mutating func flush() {
        Self.writeAll(buffer, to: STDOUT_FILENO)
        buffer.removeAll(keepingCapacity: true)
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                // A closed pipe (`| head`) ends the output; there is no one left to tell.
                if n <= 0 { return }
                offset += n
            }
        }
    }
}
