import Glibc

/// Finds the CA certificates file used to verify `https` peers.
///
/// Order: `SSL_CERT_FILE`, `AWS_CA_BUNDLE`, `/etc/pki/tls/certs/ca-bundle.crt` (Amazon Linux,
/// the `provided.al2` runtime), `/etc/ssl/certs/ca-certificates.crt` (Debian/Ubuntu), then
/// `ca-bundle.crt` beside the executable (for a deployment package that ships its own).
///
/// A variable that is set (non-empty) but names a missing file is an error, not a fall-through:
/// someone asked for that bundle on purpose, and verifying against a different one would hide the
/// mistake until a certificate unexpectedly fails (or passes). An empty variable counts as unset.
public enum CABundle {
    /// The environment variables consulted, in order.
    public static let environmentVariables = ["SSL_CERT_FILE", "AWS_CA_BUNDLE"]
    /// The well-known system locations consulted after the variables, in order.
    public static let systemPaths = ["/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/certs/ca-certificates.crt"]
    /// The file name looked for beside the executable.
    public static let bundledFileName = "ca-bundle.crt"

    /// The path of the first bundle found. Pure over `fileExists`, so tests need no real files.
    public static func resolve(
        environment: [String: String],
        executableDirectory: String?,
        fileExists: (String) -> Bool = CABundle.isReadableFile
    ) throws(HTTPError) -> String {
        for name in environmentVariables {
            guard let path = environment[name], !path.isEmpty else { continue }
            if fileExists(path) { return path }
            throw HTTPError(.caBundleNotFound, "CA bundle: \(name) names \(path), which does not exist or is not readable")
        }
        var tried = environmentVariables.map { "$\($0) (unset)" }
        var candidates = systemPaths
        if let dir = executableDirectory, !dir.isEmpty {
            candidates.append(dir.hasSuffix("/") ? dir + bundledFileName : dir + "/" + bundledFileName)
        }
        for path in candidates {
            if fileExists(path) { return path }
            tried.append(path)
        }
        throw HTTPError(.caBundleNotFound, "CA bundle: none found; tried " + tried.joined(separator: ", "))
    }

    /// `resolve` over this process: its environment and the directory of `/proc/self/exe`.
    public static func resolveForCurrentProcess() throws(HTTPError) -> String {
        var environment: [String: String] = [:]
        for name in environmentVariables {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        return try resolve(environment: environment, executableDirectory: currentExecutableDirectory())
    }

    /// True when `path` names a file this process may read.
    public static func isReadableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, R_OK) == 0
    }

    /// The directory holding the running executable, or nil when `/proc` is unavailable.
    static func currentExecutableDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let path = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
