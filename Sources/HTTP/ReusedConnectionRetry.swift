import CCurl

/// What one failed `curl_easy_perform` left behind.
struct TransferFailure: Error, Equatable {
    /// The transfer's result.
    var curlCode: CURLcode
    /// True when the attempt ran over a connection that existed before it (NUM_CONNECTS == 0).
    var reusedConnection: Bool
    /// True when any status line, header or body byte arrived.
    var receivedResponseBytes: Bool
    /// libcurl's error buffer text.
    var detail: String
}

/// Decides whether a failed attempt is resent on a fresh connection, and runs the attempts.
///
/// Lambda freezes the process between invocations and peers drop idle connections meanwhile, so
/// a request on a reused connection may hit a socket that is already dead. Such a request never
/// got an answer (nothing came back), so sending it once more on a new connection is safe.
/// Anything that produced a response byte, or failed on a fresh connection, is reported.
/// libcurl 7.88 already retries most such cases itself (Curl_retry_request); this layer covers
/// whatever it gives up on, and keeps the rule explicit and tested.
struct ReusedConnectionRetry: Equatable {
    /// Attempts in total, including the first.
    var maxAttempts = 2

    /// True when failed attempt number `attempt` (1 for the first) should be repeated on a fresh
    /// connection.
    func shouldRetry(_ failure: TransferFailure, attempt: Int) -> Bool {
        guard attempt < maxAttempts, failure.reusedConnection, !failure.receivedResponseBytes else {
            return false
        }
        switch failure.curlCode {
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING:
            return true
        default:
            return false
        }
    }

    /// Calls `perform` (its argument: whether to force a fresh connection) until it succeeds or
    /// `shouldRetry` says stop. Returns the last result and how many retries ran.
    func run<T>(_ perform: (_ freshConnection: Bool) -> Result<T, TransferFailure>) -> (result: Result<T, TransferFailure>, retries: Int) {
        var attempt = 1
        while true {
            let result = perform(attempt > 1)
            guard case .failure(let failure) = result, shouldRetry(failure, attempt: attempt) else {
                return (result, attempt - 1)
            }
            attempt += 1
        }
    }
}
