import CCurl
@testable import HTTP
import XCTest

final class HTTPErrorTests: XCTestCase {
    func testCurlCodesMapToCodesWithDestinationInMessage() {
        let cases: [(CURLcode, HTTPError.Code, String)] = [
            (CURLE_COULDNT_CONNECT, .connectionRefused, "connection refused by 127.0.0.1:9999"),
            (CURLE_COULDNT_RESOLVE_HOST, .dnsFailure, "DNS: cannot resolve host 127.0.0.1"),
            (CURLE_OPERATION_TIMEDOUT, .timeout, "timeout waiting for http://127.0.0.1:9999/p"),
            (CURLE_PEER_FAILED_VERIFICATION, .tls, "TLS: certificate verify failed for http://127.0.0.1:9999/p"),
            (CURLE_SSL_CONNECT_ERROR, .tls, "TLS: handshake failed with 127.0.0.1:9999"),
            (CURLE_RECV_ERROR, .connectionReset, "connection to 127.0.0.1:9999 closed"),
            (CURLE_GOT_NOTHING, .connectionReset, "connection to 127.0.0.1:9999 closed"),
            (CURLE_URL_MALFORMAT, .invalidURL, "invalid URL http://127.0.0.1:9999/p"),
            (CURLE_WEIRD_SERVER_REPLY, .other, "protocol error"),
            (CURLE_OUT_OF_MEMORY, .other, "request to http://127.0.0.1:9999/p failed"),
        ]
        for (curl, code, prefix) in cases {
            let error = HTTPError(curlCode: curl, url: "http://127.0.0.1:9999/p", detail: "detail text")
            XCTAssertEqual(error.code, code, "\(curl)")
            XCTAssertEqual(error.curlCode, Int(curl.rawValue))
            XCTAssertTrue(error.message.hasPrefix(prefix), error.message)
            XCTAssertTrue(error.message.hasSuffix("(detail text)"), error.message)
            XCTAssertTrue(error.description.contains("[curl error \(curl.rawValue)]"), error.description)
        }
        XCTAssertEqual(HTTPError(.timeout, "no curl").description, "no curl")
    }

    func testURLAuthority() {
        XCTAssertEqual(URLAuthority("https://search-x.eu-west-1.es.amazonaws.com/idx/_doc/1").description, "search-x.eu-west-1.es.amazonaws.com:443")
        XCTAssertEqual(URLAuthority("http://127.0.0.1:9001/2018-06-01/runtime/invocation/next").description, "127.0.0.1:9001")
        XCTAssertEqual(URLAuthority("HTTP://user:pw@host?q").description, "host:80")
        XCTAssertEqual(URLAuthority("http://[::1]:8080/").description, "[::1]:8080")
        XCTAssertEqual(URLAuthority("http://[::1]/").description, "[::1]:80")
        XCTAssertTrue(URLAuthority("HTTPS://h/").isHTTPS)
        XCTAssertEqual(URLAuthority("h/x").scheme, "")
    }
}
