import CCurl

/// Decides whether a failed attempt is resent on a fresh connection.
///
/// Lambda freezes the process between invocations and peers drop idle connections meanwhile, so
/// a request on a reused connection may hit a socket that is already dead. Such a request never
/// reached the application (nothing came back), so sending it once more on a new connection is
/// safe. Anything that produced a response byte, or failed on a fresh connection, is reported.
/// (libcurl retries some of these cases itself; this covers the ones it gives up on.)
struct RetryPolicy: Equatable {
    /// The failed attempt, as seen after `curl_easy_perform`.
    struct Attempt: Equatable {
        /// The transfer's result.
        var curlCode: CURLcode
        /// True when the attempt ran over a connection that existed before it (NUM_CONNECTS == 0).
        var reusedConnection: Bool
        /// True when any status line, header or body byte arrived.
        var receivedResponseBytes: Bool
        /// 1 for the first try.
        var number: Int
    }

    /// Attempts in total, including the first.
    var maxAttempts = 2

    /// True when the attempt should be repeated with `CURLOPT_FRESH_CONNECT`.
    func shouldRetry(_ attempt: Attempt) -> Bool {
        guard attempt.number < maxAttempts, attempt.reusedConnection, !attempt.receivedResponseBytes else {
            return false
        }
        switch attempt.curlCode {
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING:
            return true
        default:
            return false
        }
    }
}
