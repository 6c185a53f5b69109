@testable import SigV4
import XCTest

/// Signer behaviour beyond the suites: which headers are added, replaced, signed or left unsigned,
/// the options, presigning limits, and input errors.
final class SignerTests: XCTestCase {
    private let time = try! AmzDate(epochSeconds: 1_440_938_160)
    private let token = "session-token"

    private func signer(token: String? = nil) throws -> Signer {
        try Signer(
            credentials: Credentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                     sessionToken: token),
            region: "eu-west-1", service: "es")
    }

    private func openSearchPut(options: SigningOptions = SigningOptions()) -> SigningRequest {
        SigningRequest(
            method: "PUT", path: "/bigsurvey/_create/0b9c4c1e-2f6a-4c39-9d0e-4d3c3c6f9a11",
            headers: [("host", "search-x.eu-west-1.es.amazonaws.com"), ("content-type", "application/json")],
            body: Array(#"{"a":1}"#.utf8), options: options)
    }

    func testHeaderSigningAddsDateTokenAndAuthorization() throws {
        let signed = try signer(token: token).sign(openSearchPut(), at: time)
        XCTAssertEqual(signed.headers.map(\.name), ["host", "content-type", "X-Amz-Date", "X-Amz-Security-Token", "Authorization"])
        XCTAssertEqual(signed.headerValues("x-amz-date"), ["20150830T123600Z"])
        XCTAssertEqual(signed.headerValues("X-AMZ-SECURITY-TOKEN"), [token])
        XCTAssertEqual(signed.canonicalRequest.signedHeaders, "content-type;host;x-amz-date;x-amz-security-token")
        // Computed by botocore 1.43.11 (SigV4Auth, the same request, key, token and time):
        // python3 -c "import datetime,unittest.mock as m,botocore.auth as a,botocore.awsrequest as r,botocore.credentials as c; q=r.AWSRequest('PUT','https://search-x.eu-west-1.es.amazonaws.com/bigsurvey/_create/0b9c4c1e-2f6a-4c39-9d0e-4d3c3c6f9a11',headers={'Content-Type':'application/json'},data=b'{\"a\":1}'); m.patch('botocore.auth.get_current_datetime',lambda:datetime.datetime(2015,8,30,12,36)).start(); a.SigV4Auth(c.Credentials('AKIDEXAMPLE','wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY','session-token'),'es','eu-west-1').add_auth(q); print(q.headers['Authorization'])"
        XCTAssertEqual(
            signed.headerValues("authorization"),
            ["AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/eu-west-1/es/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "
                + "Signature=c444d3a0c6edc9e9a2b8253d28a056cc3e1bd4b61207a94d0b6e4e254e1586c7"])
        XCTAssertEqual(signed.target, "/bigsurvey/_create/0b9c4c1e-2f6a-4c39-9d0e-4d3c3c6f9a11")
        // The payload hash is the body's SHA-256 (this one's known value).
        XCTAssertEqual(signed.canonicalRequest.payloadHash, "015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862")
    }

    func testPublicBuildingBlocksReproduceTheSignersValues() throws {
        let signed = try signer(token: token).sign(openSearchPut(), at: time)
        let canonical = try CanonicalRequest(
            method: "PUT", path: signed.path, headers: signed.headers.filter { $0.name != "Authorization" },
            payloadHash: signed.canonicalRequest.payloadHash)
        XCTAssertEqual(canonical.description, signed.canonicalRequest.description)
        let stringToSign = try StringToSign(
            canonicalRequest: canonical, time: time, scope: CredentialScope(time: time, region: "eu-west-1", service: "es"))
        XCTAssertEqual(stringToSign.description, signed.stringToSign.description)
        XCTAssertEqual(stringToSign.description.split(separator: "\n").count, 4)
    }

    func testSignatureDependsOnEverySignedPart() throws {
        let signer = try signer(token: token)
        let base = try signer.sign(openSearchPut(), at: time).signature
        var changed = openSearchPut()
        changed.body = Array(#"{"a":2}"#.utf8)
        XCTAssertNotEqual(try signer.sign(changed, at: time).signature, base)
        changed = openSearchPut()
        changed.headers[1].value = "text/plain"
        XCTAssertNotEqual(try signer.sign(changed, at: time).signature, base)
        XCTAssertNotEqual(try signer.sign(openSearchPut(), at: AmzDate(epochSeconds: time.epochSeconds + 1)).signature, base)
        // Header name case and value padding are not signed parts.
        changed = openSearchPut()
        changed.headers[1] = ("Content-Type", "  application/json ")
        XCTAssertEqual(try signer.sign(changed, at: time).signature, base)
    }

    func testExistingSigningHeadersAreReplacedNotDuplicated() throws {
        var request = openSearchPut(options: SigningOptions(signBody: true))
        request.headers += [
            ("Authorization", "stale"), ("X-Amz-Date", "19990101T000000Z"), ("x-amz-security-token", "old"),
            ("X-Amz-Content-Sha256", "old"),
        ]
        let signed = try signer(token: token).sign(request, at: time)
        XCTAssertEqual(signed.headerValues("authorization").count, 1)
        XCTAssertNotEqual(signed.headerValues("authorization"), ["stale"])
        XCTAssertEqual(signed.headerValues("x-amz-date"), ["20150830T123600Z"])
        XCTAssertEqual(signed.headerValues("x-amz-security-token"), [token])
        XCTAssertEqual(signed.headerValues("x-amz-content-sha256"), [signed.canonicalRequest.payloadHash])
    }

    func testSignBodyAddsASignedContentHashHeader() throws {
        let signed = try signer().sign(openSearchPut(options: SigningOptions(signBody: true)), at: time)
        XCTAssertEqual(signed.headerValues("x-amz-content-sha256"), [signed.canonicalRequest.payloadHash])
        XCTAssertTrue(signed.canonicalRequest.signedHeaders.contains("x-amz-content-sha256"))
        let plain = try signer().sign(openSearchPut(), at: time)
        XCTAssertEqual(plain.headerValues("x-amz-content-sha256"), [])
    }

    func testPayloadHashOverrideReplacesTheBodyHash() throws {
        let signed = try signer().sign(
            openSearchPut(options: SigningOptions(signBody: true, payloadHash: SigningOptions.unsignedPayload)), at: time)
        XCTAssertEqual(signed.canonicalRequest.payloadHash, "UNSIGNED-PAYLOAD")
        XCTAssertTrue(signed.canonicalRequest.description.hasSuffix("\nUNSIGNED-PAYLOAD"))
        XCTAssertEqual(signed.headerValues("x-amz-content-sha256"), ["UNSIGNED-PAYLOAD"])
    }

    func testOmitSessionTokenSendsTheTokenUnsigned() throws {
        let signed = try signer(token: token).sign(openSearchPut(options: SigningOptions(omitSessionToken: true)), at: time)
        XCTAssertEqual(signed.headerValues("x-amz-security-token"), [token])
        XCTAssertEqual(signed.headers.last?.name, "X-Amz-Security-Token", "added after signing")
        XCTAssertFalse(signed.canonicalRequest.signedHeaders.contains("x-amz-security-token"))
        // Without a token there is nothing to add either way.
        let none = try signer().sign(openSearchPut(options: SigningOptions(omitSessionToken: true)), at: time)
        XCTAssertEqual(none.headerValues("x-amz-security-token"), [])
    }

    func testVolatileHeadersAreSentButNotSigned() throws {
        var request = openSearchPut()
        request.headers += [("User-Agent", "esproxy/1"), ("Expect", "100-continue"), ("X-Amzn-Trace-Id", "Root=1-x")]
        let signed = try signer().sign(request, at: time)
        XCTAssertEqual(signed.canonicalRequest.signedHeaders, "content-type;host;x-amz-date")
        XCTAssertEqual(signed.headerValues("user-agent"), ["esproxy/1"])
        XCTAssertEqual(signed.headerValues("expect"), ["100-continue"])
    }

    func testEveryListedUnsignedHeaderIsLeftUnsigned() throws {
        for name in Signer.unsignedHeaderNames where name != "authorization" {
            var request = openSearchPut()
            request.headers.append((name.uppercased(), "x"))
            let signed = try signer().sign(request, at: time)
            XCTAssertFalse(signed.canonicalRequest.signedHeaders.contains(name), name)
            XCTAssertEqual(signed.headerValues(name), ["x"], name)
        }
    }

    func testRawAndPairQueriesSignAlike() throws {
        let signer = try signer()
        var raw = openSearchPut()
        raw.query = .raw("refresh=wait_for&routing=a%20b")
        var pairs = openSearchPut()
        pairs.query = .pairs([("routing", "a b"), ("refresh", "wait_for")])
        let rawSigned = try signer.sign(raw, at: time)
        let pairSigned = try signer.sign(pairs, at: time)
        XCTAssertEqual(rawSigned.canonicalRequest.query, "refresh=wait_for&routing=a%20b")
        XCTAssertEqual(rawSigned.signature, pairSigned.signature)
        XCTAssertEqual(rawSigned.query, "refresh=wait_for&routing=a%20b", "a raw query is sent unchanged")
        XCTAssertEqual(pairSigned.query, "routing=a%20b&refresh=wait_for", "pairs are sent encoded, in order")
    }

    func testPresignPutsEverythingInTheQuery() throws {
        var request = openSearchPut()
        request.query = .raw("x=1")
        let signed = try signer(token: token).presign(request, at: time, expiresIn: 900)
        XCTAssertEqual(signed.headers.map(\.name), ["host", "content-type"], "headers untouched")
        let names = signed.query.split(separator: "&").map { String($0.prefix { $0 != "=" }) }
        XCTAssertEqual(names, [
            "x", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders",
            "X-Amz-Security-Token", "X-Amz-Signature",
        ])
        XCTAssertTrue(signed.query.contains("X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Feu-west-1%2Fes%2Faws4_request"))
        XCTAssertTrue(signed.query.contains("X-Amz-SignedHeaders=content-type%3Bhost"))
        XCTAssertTrue(signed.query.hasSuffix("X-Amz-Signature=" + signed.signature))
        XCTAssertTrue(signed.canonicalRequest.query.contains("X-Amz-Security-Token=session-token"))
    }

    func testPresignLifetimeMustBeOneSecondToSevenDays() throws {
        let signer = try signer()
        for seconds in [0, -1, 604_801] {
            XCTAssertThrowsError(try signer.presign(openSearchPut(), at: time, expiresIn: seconds)) { error in
                XCTAssertEqual((error as? SigV4Error)?.code, .invalidExpiry)
            }
        }
        XCTAssertNoThrow(try signer.presign(openSearchPut(), at: time, expiresIn: 1))
        XCTAssertNoThrow(try signer.presign(openSearchPut(), at: time, expiresIn: 604_800))
    }

    func testBadRegionOrServiceIsRefusedUpFront() {
        let credentials = Credentials(accessKeyId: "AKID", secretAccessKey: "secret")
        for (region, service) in [("", "es"), ("eu-west-1", ""), ("eu/west", "es"), ("eu-west-1", "e s")] {
            XCTAssertThrowsError(try Signer(credentials: credentials, region: region, service: service)) { error in
                XCTAssertEqual((error as? SigV4Error)?.code, .invalidScope)
            }
        }
    }

    func testBadRequestsAreRefusedWithTheirCode() throws {
        let signer = try signer()
        var request = openSearchPut()
        request.method = "P UT"
        XCTAssertThrowsError(try signer.sign(request, at: time)) { XCTAssertEqual(($0 as? SigV4Error)?.code, .invalidMethod) }
        request = openSearchPut()
        request.path = "bigsurvey"
        XCTAssertThrowsError(try signer.sign(request, at: time)) { XCTAssertEqual(($0 as? SigV4Error)?.code, .invalidPath) }
        request = openSearchPut()
        request.headers.append(("bad header", "x"))
        XCTAssertThrowsError(try signer.sign(request, at: time)) {
            XCTAssertEqual(($0 as? SigV4Error)?.code, .invalidHeaderName)
        }
        XCTAssertThrowsError(try signer.presign(request, at: time, expiresIn: 60)) {
            XCTAssertEqual(($0 as? SigV4Error)?.code, .invalidHeaderName)
        }
    }
}
