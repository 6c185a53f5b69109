import CCurl

extension HTTPError {
    /// Maps a failed transfer to an error. Pure: `detail` is libcurl's error buffer text.
    init(curlCode: CURLcode, url: String, detail: String) {
        let raw = Int(curlCode.rawValue)
        let suffix = detail.isEmpty ? "" : " (\(detail))"
        let authority = URLAuthority(url)
        switch curlCode {
        case CURLE_COULDNT_CONNECT:
            self.init(.connectionRefused, "connection refused by \(authority)\(suffix)", curlCode: raw)
        case CURLE_COULDNT_RESOLVE_HOST:
            self.init(.dnsFailure, "DNS: cannot resolve host \(authority.host)\(suffix)", curlCode: raw)
        case CURLE_COULDNT_RESOLVE_PROXY:
            self.init(.dnsFailure, "DNS: cannot resolve the proxy for \(url)\(suffix)", curlCode: raw)
        case CURLE_OPERATION_TIMEDOUT:
            self.init(.timeout, "timeout waiting for \(url)\(suffix)", curlCode: raw)
        case CURLE_PEER_FAILED_VERIFICATION:
            self.init(.tls, "TLS: certificate verify failed for \(url)\(suffix)", curlCode: raw)
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED,
            CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_USE_SSL_FAILED,
            CURLE_SSL_CLIENTCERT:
            self.init(.tls, "TLS: handshake failed with \(authority)\(suffix)", curlCode: raw)
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            self.init(.connectionReset, "connection to \(authority) closed before the full response arrived\(suffix)", curlCode: raw)
        case CURLE_URL_MALFORMAT:
            self.init(.invalidURL, "invalid URL \(url)\(suffix)", curlCode: raw)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_WEIRD_SERVER_REPLY:
            // send() only lets http and https through, so these mean a malformed response.
            self.init(.other, "protocol error: \(authority) sent a malformed HTTP response\(suffix)", curlCode: raw)
        default:
            let name = String(cString: curl_easy_strerror(curlCode))
            self.init(.other, "request to \(url) failed: \(name)\(suffix)", curlCode: raw)
        }
    }
}
