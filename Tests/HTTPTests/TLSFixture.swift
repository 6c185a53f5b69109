import Foundation
import XCTest

/// Self-signed certificates made with the openssl CLI in a temporary directory, removed on deinit.
final class TLSFixture {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("httptests-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Creates `<name>.crt` and `<name>.key`, a self-signed P-256 certificate (its own CA) for
    /// the given subjectAltName, e.g. `IP:127.0.0.1`. Returns (certificate path, key path).
    func makeCertificate(_ name: String, subjectAltName: String) throws -> (certificate: String, key: String) {
        let certificate = directory.appendingPathComponent("\(name).crt").path
        let key = directory.appendingPathComponent("\(name).key").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=\(name)",
            "-addext", "subjectAltName=\(subjectAltName)",
            "-addext", "basicConstraints=critical,CA:TRUE",
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ServerStartFailure(output: "openssl req failed: " + String(decoding: message, as: UTF8.self))
        }
        return (certificate, key)
    }
}
