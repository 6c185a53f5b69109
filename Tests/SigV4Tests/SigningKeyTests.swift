import Foundation
@testable import SigV4
import Synchronization
import XCTest

/// Signing-key derivation and the per-signer cache.
final class SigningKeyTests: XCTestCase {
    private let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    private func scope(_ seconds: Int64, region: String = "us-east-1", service: String = "iam") throws -> CredentialScope {
        try CredentialScope(time: AmzDate(epochSeconds: seconds), region: region, service: service)
    }

    func testDerivationMatchesTheAWSDocumentationExample() throws {
        // "Derive a signing key for SigV4" example: 20120215 / us-east-1 / iam.
        let key = try SigningKey(secretAccessKey: secret, scope: scope(1_329_264_000))
        XCTAssertEqual(key.scope.description, "20120215/us-east-1/iam/aws4_request")
        XCTAssertEqual(hex(key.bytes), "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d")
    }

    func testCacheReturnsTheSameKeyForTheSameScope() throws {
        let cache = SigningKeyCache()
        let first = try cache.key(for: scope(1_440_938_160), secretAccessKey: secret)
        let again = try cache.key(for: scope(1_440_938_160 + 3600), secretAccessKey: secret)  // same day
        XCTAssertTrue(first === again)
        XCTAssertEqual(first.bytes, again.bytes)
        XCTAssertEqual(cache.count, 1)
    }

    func testCacheDerivesANewKeyForANewDateRegionOrService() throws {
        let cache = SigningKeyCache()
        let day1 = try cache.key(for: scope(1_440_938_160), secretAccessKey: secret)
        let day2 = try cache.key(for: scope(1_440_938_160 + 86_400), secretAccessKey: secret)
        let region = try cache.key(for: scope(1_440_938_160, region: "eu-west-1"), secretAccessKey: secret)
        let service = try cache.key(for: scope(1_440_938_160, service: "es"), secretAccessKey: secret)
        XCTAssertFalse(day1 === day2)
        XCTAssertNotEqual(day1.bytes, day2.bytes)
        XCTAssertNotEqual(day1.bytes, region.bytes)
        XCTAssertNotEqual(day1.bytes, service.bytes)
        XCTAssertEqual(cache.count, 4)
        // Returning to an older scope still finds its key.
        XCTAssertTrue(try cache.key(for: scope(1_440_938_160), secretAccessKey: secret) === day1)
    }

    func testCacheStaysBounded() throws {
        let cache = SigningKeyCache()
        for day in 0..<(SigningKeyCache.capacity * 3) {
            _ = try cache.key(for: scope(1_440_938_160 + Int64(day) * 86_400), secretAccessKey: secret)
            XCTAssertLessThanOrEqual(cache.count, SigningKeyCache.capacity)
        }
    }

    func testSignerReusesItsKeyAcrossSignatures() throws {
        let signer = try Signer(
            credentials: Credentials(accessKeyId: "AKID", secretAccessKey: secret), region: "us-east-1", service: "es")
        let request = SigningRequest(method: "GET", path: "/", headers: [("host", "example.com")])
        _ = try signer.sign(request, at: AmzDate(epochSeconds: 1_440_938_160))
        _ = try signer.sign(request, at: AmzDate(epochSeconds: 1_440_938_161))
        XCTAssertEqual(signer.keyCache.count, 1)
        _ = try signer.sign(request, at: AmzDate(epochSeconds: 1_440_938_160 + 86_400))
        XCTAssertEqual(signer.keyCache.count, 2)
    }

    func testConcurrentSigningAgreesWithSerialSigning() throws {
        let signer = try Signer(
            credentials: Credentials(accessKeyId: "AKID", secretAccessKey: secret, sessionToken: "token"),
            region: "us-east-1", service: "es")
        let time = try AmzDate(epochSeconds: 1_440_938_160)
        let requests = (0..<64).map { index in
            SigningRequest(method: "PUT", path: "/index/_doc/\(index)", headers: [("host", "example.com")],
                           body: Array("{\"n\":\(index)}".utf8))
        }
        let serial = try requests.map { try signer.sign($0, at: time).signature }
        XCTAssertEqual(Set(serial).count, requests.count, "different requests, different signatures")
        let total = requests.count * 8
        let results = Mutex([String?](repeating: nil, count: total))
        DispatchQueue.concurrentPerform(iterations: total) { index in
            let signature = try? signer.sign(requests[index % requests.count], at: time).signature
            results.withLock { $0[index] = signature }
        }
        let collected = results.withLock { $0 }
        for index in 0..<total {
            XCTAssertEqual(collected[index], serial[index % requests.count])
        }
    }
}
