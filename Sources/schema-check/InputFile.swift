#if canImport(Glibc)
import Glibc
#endif

/// Whole-file reads with plain POSIX calls (no Foundation in shipped targets).
enum InputFile {
    /// The bytes of `path`, or of standard input for `-`.
    static func read(_ path: String) throws(CheckError) -> [UInt8] {
        let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path) }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var st = stat()
        // Reading a directory "succeeds" on some systems with EISDIR only at read time; say so up front.
        if fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFDIR {
            throw CheckError(.unreadableFile, "cannot read \(path): it is a directory")
        }
        var bytes: [UInt8] = []
        if st.st_mode & S_IFMT == S_IFREG, st.st_size > 0 { bytes.reserveCapacity(Int(st.st_size)) }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    private static func failure(_ path: String) -> CheckError {
        let reason = String(cString: strerror(errno))
        return CheckError(.unreadableFile, "cannot read \(path): \(reason)")
    }
}
