/// Where accepted documents go. The domain client is the production conformance; tests use an
/// in-memory store, so the gateway's logic is tested without sockets.
public protocol DocumentStore {
    /// Creates document `id` in `index` with the serialized `document`, finishing (retries
    /// included) before `deadlineUnixMilliseconds`.
    func create(index: String, id: String, document: [UInt8], deadlineUnixMilliseconds: UInt64) -> WriteReport
}

/// What a write did, for the answer and for the log.
public struct WriteReport: Sendable {
    /// `nil` when the document is stored; else the refusal the client gets.
    public var error: GatewayError?
    /// Attempts after the first.
    public var retries: Int
    /// Time spent talking to the domain.
    public var domainMilliseconds: Double
    /// The domain's last HTTP status (0 when no answer came).
    public var lastStatus: Int

    public init(error: GatewayError? = nil, retries: Int = 0, domainMilliseconds: Double = 0, lastStatus: Int = 0) {
        self.error = error
        self.retries = retries
        self.domainMilliseconds = domainMilliseconds
        self.lastStatus = lastStatus
    }
}
