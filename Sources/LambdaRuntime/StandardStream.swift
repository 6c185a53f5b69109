#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Whole lines to stdout or stderr, written unbuffered so CloudWatch has each line before Lambda
/// freezes the process.
public enum StandardStream {
    /// Writes `line` and a newline to stdout (the function's log lines).
    @Sendable public static func writeOutput(_ line: String) { emit(line, to: 1) }
    /// Writes `line` and a newline to stderr (the runtime's own messages).
    @Sendable public static func writeError(_ line: String) { emit(line, to: 2) }

    static func emit(_ line: String, to fd: Int32) {
        var bytes = Array(line.utf8)
        bytes.append(10)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 {
                if n < 0 && errno == EINTR { continue }
                return
            }
            offset += n
        }
    }
}
