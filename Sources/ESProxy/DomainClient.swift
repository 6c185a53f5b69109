import HTTP
import LambdaRuntime
import SigV4

/// Sends one HTTP request to the domain; `HTTPClient` in production, a scripted fake in tests.
protocol DomainTransport: AnyObject {
    func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse
}

extension HTTPClient: DomainTransport {}

/// Writes documents to the domain with `PUT /{index}/_create/{id}`, or `POST /{index}/_doc` when
/// the domain assigns ids.
///
/// `_create` rather than `_doc/{id}`: `_create` never overwrites, so a retry after a lost answer
/// meets a 409 for the id we chose instead of writing a second version, and no id, however it
/// came about, can replace another document. A random id (122 bits from the CSPRNG, told to nobody
/// before the write succeeds) can only have been taken by an earlier transmission of this very
/// request, so a 409 on it means "stored once". A key-derived id meeting 409 on the first attempt
/// was stored by an earlier request with that key (`WriteReport.existed`), or by this request's
/// own first transmission when libcurl resent it unseen after its reused connection died
/// unanswered; either way it is stored once under that id.
///
/// `_doc` without an id cannot be deduplicated: it is retried only when the request provably never
/// left (connection refused, DNS failure), and it goes out on a fresh connection, where neither
/// libcurl nor our HTTP layer ever resends it. Each attempt is signed anew (fresh `X-Amz-Date`); all of them fit before the deadline.
final class DomainClient: DocumentStore {
    let endpoint: Endpoint
    let transport: any DomainTransport
    let signer: DomainSigner?
    let policy: DomainWriteRetry
    let budgetMilliseconds: Int
    let log: InvocationLogger
    let clock: any LambdaClock
    let random: any RandomSource

    /// A client for `endpoint`; `signer` is nil when `ES_SIGNING=none`. Backoff pauses sleep on
    /// `clock`, and their jitter comes from `random`.
    init(endpoint: Endpoint, transport: any DomainTransport, signer: DomainSigner?, budgetMilliseconds: Int,
         log: InvocationLogger, clock: any LambdaClock, random: any RandomSource,
         policy: DomainWriteRetry = DomainWriteRetry()) {
        self.endpoint = endpoint
        self.transport = transport
        self.signer = signer
        self.policy = policy
        self.budgetMilliseconds = budgetMilliseconds
        self.log = log
        self.clock = clock
        self.random = random
    }

    func create(index: String, id: String, document: [UInt8], deadlineUnixMilliseconds: UInt64) -> WriteReport {
        write(.create, path: "/\(index)/_create/\(id)", document: document, deadline: deadlineUnixMilliseconds)
    }

    func add(index: String, document: [UInt8], deadlineUnixMilliseconds: UInt64) -> WriteReport {
        write(.add, path: "/\(index)/_doc", document: document, deadline: deadlineUnixMilliseconds)
    }

    enum Write {
        /// `PUT _create/{id}`: repeatable, a repeat meets 409.
        case create
        /// `POST _doc`: not repeatable once sent.
        case add

        var method: String { self == .create ? "PUT" : "POST" }
    }

    /// The write's own deadline: its budget, within Lambda's. The policy keeps its answer margin
    /// before the deadline it is given; that margin guards Lambda's deadline, so the write budget
    /// is extended by it to stay whole.
    func writeDeadline(_ lambdaDeadline: UInt64) -> UInt64 {
        min(lambdaDeadline, clock.unixMilliseconds() + UInt64(budgetMilliseconds + policy.answerMarginMilliseconds))
    }

    /// Attempts until stored, refused, or out of time.
    private func write(_ kind: Write, path: String, document: [UInt8], deadline lambdaDeadline: UInt64) -> WriteReport {
        let started = clock.monotonicNanoseconds()
        var report = attempts(kind, path: path, document: document, deadline: writeDeadline(lambdaDeadline))
        report.domainMilliseconds = clock.milliseconds(since: started)
        return report
    }

    private func attempts(_ kind: Write, path: String, document: [UInt8], deadline: UInt64) -> WriteReport {
        var report = WriteReport()
        while true {
            guard let timeout = policy.attemptTimeout(nowMilliseconds: clock.unixMilliseconds(), deadlineMilliseconds: deadline) else {
                report.error = report.error ?? GatewayError(.domainTimeout, "the document store did not answer in time")
                return report
            }
            switch attempt(method: kind.method, path: path, contentType: "application/json", body: document,
                           repeatable: kind == .create, timeoutMilliseconds: timeout) {
            case .answered(let response):
                report.lastStatus = response.status
                switch DomainAnswer.classify(response) {
                case .created:
                    report.error = nil
                    if kind == .add {
                        report.assignedID = DomainAnswer.assignedID(response.body)
                        if report.assignedID == nil {
                            log.message(.error, "domain answered \(response.status) to POST _doc without an _id")
                            report.error = GatewayError(.domainUnavailable, "the document store is unavailable")
                        }
                    }
                    return report
                case .conflict:
                    report.error = nil
                    report.existed = report.retries == 0
                    return report
                case .refused(let error, let operatorHint):
                    if let operatorHint { log.message(.error, operatorHint) }
                    report.error = error
                    return report
                case .retryable(let error):
                    report.error = error
                    if kind == .add { return report }  // it arrived: a repeat could store it twice
                }
            case .failed(let error, let retryable):
                report.lastStatus = 0
                report.error = error
                if !retryable { return report }
            }
            let decision = policy.decide(retriesSoFar: report.retries, nowMilliseconds: clock.unixMilliseconds(),
                                         deadlineMilliseconds: deadline, random: random.word())
            guard case .retry(let delay) = decision else { return report }
            clock.sleep(milliseconds: delay)
            report.retries += 1
        }
    }

    enum Attempt {
        case answered(HTTPResponse)
        case failed(GatewayError, retryable: Bool)
    }

    /// One signed request. `repeatable`: whether it may arrive twice (ids of ours), which decides
    /// the HTTP layer's resend and which failures are worth another attempt.
    func attempt(method: String, path: String, contentType: String, body document: [UInt8], repeatable: Bool,
                 timeoutMilliseconds: Int) -> Attempt {
        var headers: [(name: String, value: String)] = [
            ("Host", endpoint.hostHeader), ("Content-Type", contentType),
        ]
        if let signer {
            do {
                headers = try signer.sign(method: method, path: path, headers: headers, body: document,
                                          unixSeconds: clock.unixMilliseconds() / 1000)
            } catch {
                log.message(.error, "could not sign the domain request: \(error)")
                return .failed(GatewayError(.internalError, "the gateway could not sign the request"), retryable: false)
            }
        }
        let request = HTTPRequest(method: method, url: endpoint.baseURL + path, headers: headers, body: document,
                                  timeoutMilliseconds: timeoutMilliseconds, repeatable: repeatable)
        do {
            return .answered(try transport.send(request))
        } catch {
            switch error.code {
            case .timeout:
                return .failed(GatewayError(.domainTimeout, "the document store did not answer in time"), retryable: repeatable)
            case .tls:
                log.message(.error, "TLS to the domain failed (\(error.message)); check ES_ENDPOINT and the CA bundle")
                return .failed(GatewayError(.domainUnavailable, "the document store is unavailable"), retryable: false)
            default:
                log.message(.warn, "domain connection failed: \(error.message)")
                let neverSent = error.code == .connectionRefused || error.code == .dnsFailure
                return .failed(GatewayError(.domainUnavailable, "the document store is unavailable"),
                               retryable: repeatable || neverSent)
            }
        }
    }
}
