/// Where accepted documents go. The domain client is the production conformance; tests use an
/// in-memory store, so the gateway's logic is tested without sockets.
protocol DocumentStore {
    /// Creates document `id` in `index` with the serialized `document` (`_create`: never
    /// overwrites), finishing (retries included) before `deadlineUnixMilliseconds`.
    func create(index: String, id: String, document: [UInt8], deadlineUnixMilliseconds: UInt64) -> WriteReport
    /// Stores `document` in `index` under an id the domain assigns (`DOC_ID=none`).
    func add(index: String, document: [UInt8], deadlineUnixMilliseconds: UInt64) -> WriteReport
    /// Writes a batch with one `_bulk` request (retries included), an outcome per document.
    func bulk(index: String, batch: BulkBatch, deadlineUnixMilliseconds: UInt64) -> BulkReport
}

/// What a write did, for the answer and for the log.
struct WriteReport: Sendable {
    /// `nil` when the document is stored; else the refusal the client gets.
    var error: GatewayError?
    /// Attempts after the first.
    var retries: Int
    /// Time spent talking to the domain.
    var domainMilliseconds: Double
    /// The domain's last HTTP status (0 when no answer came).
    var lastStatus: Int
    /// The id already existed when the first attempt arrived (`409` on it): an earlier request
    /// stored it. A 409 after an unanswered attempt of our own counts as created.
    var existed = false
    /// The id the domain assigned (`add`).
    var assignedID: String?

    init(error: GatewayError? = nil, retries: Int = 0, domainMilliseconds: Double = 0, lastStatus: Int = 0,
         existed: Bool = false, assignedID: String? = nil) {
        self.error = error
        self.retries = retries
        self.domainMilliseconds = domainMilliseconds
        self.lastStatus = lastStatus
        self.existed = existed
        self.assignedID = assignedID
    }
}
