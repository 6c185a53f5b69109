import HTTP
import JSON

/// A batch's `_bulk` body, built once: per document a `create` action line that names no
/// `_index` (so nothing in the body can point at another index), with our `_id` unless the domain
/// assigns ids, then the document. Each document's lines are a range of the one buffer, so a retry
/// of some documents copies their lines and nothing is serialized twice.
struct BulkBatch: Sendable {
    private(set) var body: [UInt8] = []
    /// Per document: our id (`nil` with `DOC_ID=none`), its lines, and its source within them.
    private(set) var documents: [(id: String?, lines: Range<Int>, source: Range<Int>)] = []

    init(reservingCapacity bytes: Int = 0) {
        body.reserveCapacity(bytes)
    }

    /// Appends `{"create":{"_id":"…"}}` (or `{"create":{}}`) and `object` with `lastMember` (a
    /// serialized `"key":value` it does not have, or nothing) after its own members, each on its
    /// own line.
    /// Ids are canonical UUIDs (hex digits and dashes), which JSON writes as they are.
    mutating func append(id: String?, object: JSONObject, lastMember: [UInt8]) {
        let start = body.count
        if let id {
            body += #"{"create":{"_id":""#.utf8
            body += id.utf8
            body += "\"}}\n".utf8
        } else {
            body += "{\"create\":{}}\n".utf8
        }
        let sourceStart = body.count
        JSON.object(object).serialize(into: &body)
        if !lastMember.isEmpty {
            body.removeLast()  // the closing brace
            if !object.isEmpty { body.append(UInt8(ascii: ",")) }
            body += lastMember
            body.append(UInt8(ascii: "}"))
        }
        let sourceEnd = body.count
        body.append(0x0A)
        documents.append((id, start..<body.count, sourceStart..<sourceEnd))
    }

    /// The body for the documents at `indices` (all of them: the body itself).
    func body(of indices: [Int]) -> [UInt8] {
        guard indices.count < documents.count else { return body }
        var out: [UInt8] = []
        out.reserveCapacity(indices.reduce(0) { $0 + documents[$1].lines.count })
        for i in indices { out += body[documents[i].lines] }
        return out
    }
}

/// What became of one document of a `_bulk` write.
enum BulkOutcome: Sendable, Equatable {
    /// Stored under this id (ours or the domain's).
    case created(id: String)
    /// Our id was taken when the first attempt arrived: an earlier request stored it.
    case existed(id: String)
    /// Not stored; the client gets this error for the item.
    case failed(GatewayError)
}

/// What a `_bulk` write did: an outcome per document, in order, and the totals for the log.
struct BulkReport: Sendable {
    var outcomes: [BulkOutcome]
    var retries = 0
    var domainMilliseconds = 0.0
    var lastStatus = 0
}

extension DomainClient {
    /// Writes the batch to `index` with `POST /{index}/_bulk`. Items the domain throttled or failed (429, 5xx), and every pending item
    /// when the whole request failed in a retryable way, are sent again with the same ids, with the
    /// backoff and deadline of single writes. With `DOC_ID=none` nothing that may have arrived is
    /// sent again.
    func bulk(index: String, batch: BulkBatch, deadlineUnixMilliseconds: UInt64) -> BulkReport {
        let started = clock.monotonicNanoseconds()
        let deadline = writeDeadline(deadlineUnixMilliseconds)
        let documents = batch.documents
        let repeatable = documents.allSatisfy { $0.id != nil }
        var report = BulkReport(outcomes: Array(repeating: .failed(GatewayError(.domainTimeout, "the document store did not answer in time")),
                                                count: documents.count))
        var pending = Array(documents.indices)
        // The failure of the last attempt as a whole; nil when it was answered item by item.
        var wholeFailure: GatewayError? = GatewayError(.domainTimeout, "the document store did not answer in time")
        attempts: while !pending.isEmpty {
            guard let timeout = policy.attemptTimeout(nowMilliseconds: clock.unixMilliseconds(), deadlineMilliseconds: deadline) else {
                break
            }
            switch attempt(method: "POST", path: "/\(index)/_bulk", contentType: "application/x-ndjson", body: batch.body(of: pending),
                           repeatable: repeatable, timeoutMilliseconds: timeout) {
            case .failed(let error, let retryable):
                report.lastStatus = 0
                wholeFailure = error
                guard retryable else { break attempts }
            case .answered(let response):
                report.lastStatus = response.status
                guard response.status == 200 else {
                    switch DomainAnswer.classify(response) {
                    case .retryable(let error):
                        wholeFailure = error
                        guard repeatable else { break attempts }
                    case .refused(let error, let operatorHint):
                        if let operatorHint { log.message(.error, operatorHint) }
                        wholeFailure = error
                        break attempts
                    case .created, .conflict:
                        log.message(.error, "domain answered HTTP \(response.status) to _bulk")
                        wholeFailure = GatewayError(.domainUnavailable, "the document store is unavailable")
                        break attempts
                    }
                    break
                }
                guard let items = Self.results(response.body), items.count == pending.count else {
                    log.message(.error, "domain's _bulk answer does not list one item per document sent")
                    wholeFailure = GatewayError(.domainUnavailable, "the document store is unavailable")
                    break attempts
                }
                wholeFailure = nil
                var still: [Int] = []
                for (i, item) in zip(pending, items) {
                    switch DomainAnswer.classify(status: item.status, reason: item.reason ?? "no error details") {
                    case .created:
                        if let id = documents[i].id ?? item.id {
                            report.outcomes[i] = .created(id: id)
                        } else {
                            report.outcomes[i] = .failed(GatewayError(.domainUnavailable, "the document store assigned no id"))
                        }
                    case .conflict:
                        let id = documents[i].id ?? ""
                        report.outcomes[i] = report.retries == 0 ? .existed(id: id) : .created(id: id)
                    case .refused(let error, let operatorHint):
                        if let operatorHint { log.message(.error, operatorHint) }
                        report.outcomes[i] = .failed(error)
                    case .retryable(let error):
                        report.outcomes[i] = .failed(error)
                        if repeatable { still.append(i) }
                    }
                }
                pending = still
                if pending.isEmpty { break attempts }
            }
            let decision = policy.decide(retriesSoFar: report.retries, nowMilliseconds: clock.unixMilliseconds(),
                                         deadlineMilliseconds: deadline, random: random.word())
            guard case .retry(let delay) = decision else { break }
            clock.sleep(milliseconds: delay)
            report.retries += 1
        }
        // What is still pending keeps its own last failure when the last attempt was answered
        // item by item, else it gets the failure of the whole request.
        if let wholeFailure {
            for i in pending { report.outcomes[i] = .failed(wholeFailure) }
        }
        report.domainMilliseconds = clock.milliseconds(since: started)
        return report
    }

    /// One item of a `_bulk` answer, reduced to what decides its document's fate.
    struct ItemResult {
        let status: Int
        /// The domain's `_id` (wanted only when it assigned it).
        let id: String?
        /// `type: reason` of a failed item.
        let reason: String?
    }

    /// The per-item results of a `_bulk` answer, each item's `create` (or only) member, read item
    /// by item so that a large answer never exists as one tree.
    static func results(_ body: [UInt8]) -> [ItemResult]? {
        var out: [ItemResult] = []
        var wellFormed = true
        let count = try? JSONParser.forEachElement(ofArrayMember: "items", in: body) { item in
            guard case .object(let o) = item, o.count == 1, let action = o.keys.first, let result = o[action] else {
                wellFormed = false
                return false
            }
            let status = result["status"]?.numberValue?.intValue ?? 0
            out.append(ItemResult(status: status, id: status < 300 ? result["_id"]?.stringValue : nil,
                                  reason: status >= 300 ? DomainAnswer.reason(result) : nil))
            return true
        }
        guard wellFormed, let count, count == out.count else { return nil }
        return out
    }
}
