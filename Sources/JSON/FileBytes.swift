#if canImport(Glibc)
import Glibc
#endif

/// Reads whole files (schemas, routes, documents) without Foundation.
public enum FileBytes {
    /// A file that could not be read: its path and the system's reason.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot read \(path): \(reason)" }
    }

    /// The file's bytes.
    public static func read(_ path: String) throws(ReadError) -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw ReadError(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count {
                if ferror(file) != 0 { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
                return bytes
            }
        }
    }
}
