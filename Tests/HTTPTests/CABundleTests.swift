import Foundation
import HTTP
import XCTest

/// `CABundle.resolve` over a fake filesystem, plus one run against real files.
final class CABundleTests: XCTestCase {
    private let systemAL2 = "/etc/pki/tls/certs/ca-bundle.crt"
    private let systemDebian = "/etc/ssl/certs/ca-certificates.crt"

    private func resolve(_ environment: [String: String], exe: String? = "/var/task", existing: Set<String>) throws -> String {
        try CABundle.resolve(environment: environment, executableDirectory: exe, fileExists: { existing.contains($0) })
    }

    func testOrderIsVariablesThenSystemThenBesideTheBinary() throws {
        let all: Set<String> = ["/a.pem", "/b.pem", systemAL2, systemDebian, "/var/task/ca-bundle.crt"]
        let both = ["SSL_CERT_FILE": "/a.pem", "AWS_CA_BUNDLE": "/b.pem"]
        XCTAssertEqual(try resolve(both, existing: all), "/a.pem")
        XCTAssertEqual(try resolve(["AWS_CA_BUNDLE": "/b.pem"], existing: all), "/b.pem")
        XCTAssertEqual(try resolve([:], existing: all), systemAL2)
        XCTAssertEqual(try resolve([:], existing: all.subtracting([systemAL2])), systemDebian)
        XCTAssertEqual(try resolve([:], existing: ["/var/task/ca-bundle.crt"]), "/var/task/ca-bundle.crt")
        XCTAssertEqual(try resolve([:], exe: "/opt/bin/", existing: ["/opt/bin/ca-bundle.crt"]), "/opt/bin/ca-bundle.crt")
    }

    func testEmptyVariableCountsAsUnset() throws {
        XCTAssertEqual(try resolve(["SSL_CERT_FILE": "", "AWS_CA_BUNDLE": "/b.pem"], existing: ["/b.pem"]), "/b.pem")
        XCTAssertEqual(try resolve(["SSL_CERT_FILE": ""], existing: [systemDebian]), systemDebian)
    }

    func testVariableNamingMissingFileIsAnErrorNotAFallThrough() {
        let error = assertHTTPError(.caBundleNotFound) { try self.resolve(["SSL_CERT_FILE": "/typo.pem"], existing: [self.systemDebian]) }
        XCTAssertEqual(error?.message.contains("SSL_CERT_FILE names /typo.pem"), true, error?.message ?? "")
        let aws = assertHTTPError(.caBundleNotFound) { try self.resolve(["AWS_CA_BUNDLE": "/gone.pem"], existing: [self.systemAL2]) }
        XCTAssertEqual(aws?.message.contains("AWS_CA_BUNDLE names /gone.pem"), true, aws?.message ?? "")
    }

    func testNothingFoundListsWhatWasTried() {
        let error = assertHTTPError(.caBundleNotFound) { try self.resolve([:], exe: "/var/task", existing: []) }
        let message = error?.message ?? ""
        for tried in ["$SSL_CERT_FILE", "$AWS_CA_BUNDLE", systemAL2, systemDebian, "/var/task/ca-bundle.crt"] {
            XCTAssertTrue(message.contains(tried), "\(tried) missing from: \(message)")
        }
        let noExe = assertHTTPError(.caBundleNotFound) { try self.resolve([:], exe: nil, existing: []) }
        XCTAssertEqual(noExe?.message.hasSuffix(systemDebian), true, "nothing is tried beside an unknown executable")
    }

    func testRealFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cabundle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("mine.pem").path
        try Data("not really a certificate".utf8).write(to: URL(fileURLWithPath: file))
        XCTAssertEqual(try CABundle.resolve(environment: ["SSL_CERT_FILE": file], executableDirectory: nil), file)
        XCTAssertTrue(CABundle.isReadableFile(file))
        XCTAssertFalse(CABundle.isReadableFile(directory.path), "a directory is not a bundle")
        XCTAssertFalse(CABundle.isReadableFile(directory.appendingPathComponent("absent.pem").path))
        // Beside the binary, found through the real filesystem.
        let bundled = directory.appendingPathComponent("ca-bundle.crt").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: bundled))
        let found = try CABundle.resolve(environment: [:], executableDirectory: directory.path, fileExists: { path in
            // Hide the machine's system bundles so the test does not depend on them.
            path.hasPrefix(directory.path) && CABundle.isReadableFile(path)
        })
        XCTAssertEqual(found, bundled)
    }
}
