import JSON
import JSONSchema

/// A request body that is a batch: a JSON array (`application/json`) or NDJSON
/// (`application/x-ndjson`, one JSON value per line).
enum BatchForm {
    case array
    case ndjson

    /// The body's batch form; `nil` for a single document (a JSON body whose top level is not an array).
    init?(contentType: String?, body: [UInt8]) {
        if MediaType.isNDJSON(contentType) {
            self = .ndjson
            return
        }
        guard let first = body.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }),
              first == UInt8(ascii: "[") else { return nil }
        self = .array
    }
}

/// A batch's counts, for the answer and the log.
struct BatchCounts: Sendable {
    var items = 0
    var created = 0
    var existing = 0
    var failed = 0
    /// Of the failed: refused by the gateway, and failed at the domain.
    var rejected = 0
    var domainFailed = 0
    var validationFailures = 0
    var write: BulkReport?
}

extension Gateway {
    /// The answer's details, across all items, stay within this many bytes, so no batch can make
    /// an answer near Lambda's 6 MB response limit; items past it say `detailsOmitted`.
    static let batchDetailsBudgetBytes = 1 << 20

    /// Judges each item alone, writes the valid ones with one `_bulk`, answers for every item.
    /// Frees `request.body` once every item is read, before the `_bulk` goes out.
    func processBatch(_ request: inout GatewayRequest, _ form: BatchForm, on route: Route, key: String?) -> Outcome {
        // `"@timestamp":"…"`, serialized once for the batch and appended to each document's members;
        // the batch goes to the one index of that moment.
        let now = clock.unixMilliseconds()
        let index = route.indexPattern.resolve(unixMilliseconds: now)
        let timestamp = Array("\"@timestamp\":".utf8) + JSON.string(Timestamp.iso8601(unixMilliseconds: now)).serializedBytes()
        var refusals: [GatewayError?] = []
        // The valid documents go straight into the `_bulk` body, each with its id.
        // Per valid item the body gains its action line, `@timestamp` and newlines (about 90
        // bytes): room for documents of 540 bytes and more, one growth for smaller ones.
        var batch = BulkBatch(reservingCapacity: request.body.count + request.body.count / 6 + 4096)
        var randomIDs = ids.pool()
        var positions: [Int] = []  // the input position of each valid document
        var counts = BatchCounts()
        var tooMany = false

        // One item at a time, as it is parsed: no batch exists as one tree.
        func judge(_ parsed: Result<JSON, GatewayError>) -> Bool {
            let position = counts.items
            guard position < maxBatchItems else {
                tooMany = true
                return false
            }
            counts.items += 1
            let verdict: Verdict
            switch parsed {
            case .failure(let error): verdict = .refused(error, .invalidJSON, errors: 0)
            case .success(let document): verdict = check(document: document, against: route)
            }
            switch verdict {
            case .refused(let error, let validation, _):
                refusals.append(error)
                if validation == .failed { counts.validationFailures += 1 }
            case .valid(let object):
                let id: String? = switch (ids.scheme, key) {
                case (.none, _): nil
                case (_, let key?): DocumentIDGenerator.nameBased(index: route.index, key: key, position: position)
                default: randomIDs.next()
                }
                batch.append(id: id, object: object, lastMember: timestamp)
                positions.append(position)
                refusals.append(nil)
            }
            return true
        }

        switch form {
        case .array:
            do {
                _ = try JSONParser.forEachElement(ofArray: request.body, options: parserOptions) { judge(.success($0)) }
            } catch {
                if !tooMany {
                    return Outcome(route: route, validation: .invalidJSON,
                                   result: .failure(GatewayError(.invalidJSON, "the body is not valid JSON: \(error)")))
                }
            }
        case .ndjson:
            for (number, line) in Self.lines(request.body).enumerated() {
                let parsed: Result<JSON, GatewayError>
                do {
                    parsed = .success(try JSONParser.parse(line, options: parserOptions))
                } catch {
                    parsed = .failure(GatewayError(.invalidJSON, "line \(number + 1) is not valid JSON: \(error)"))
                }
                guard judge(parsed) else { break }
            }
        }
        request.body = []
        if tooMany {
            return Outcome(route: route, result: .failure(GatewayError(
                .tooManyItems, "the batch has more than \(maxBatchItems) items (MAX_BATCH_ITEMS)")))
        }
        guard counts.items > 0 else {
            return Outcome(route: route, result: .failure(GatewayError(.emptyBatch, "the batch has no items")))
        }

        var outcomes = [BulkOutcome?](repeating: nil, count: counts.items)
        if !positions.isEmpty {
            let report = store.bulk(index: index, batch: batch, deadlineUnixMilliseconds: request.deadlineUnixMilliseconds)
            for (position, outcome) in zip(positions, report.outcomes) { outcomes[position] = outcome }
            counts.write = report
        }

        // The answer is written as bytes, entry by entry: a large batch builds no tree of it.
        var items: [UInt8] = [UInt8(ascii: "[")]
        items.reserveCapacity(counts.items * 32)
        var budget = Self.batchDetailsBudgetBytes
        var truncated = false
        for position in 0..<counts.items {
            if position > 0 { items.append(UInt8(ascii: ",")) }
            switch outcomes[position] {
            case .created(let id)?:
                counts.created += 1
                Self.writeStored(201, id, exists: false, into: &items)
            case .existed(let id)? where key != nil:
                counts.existing += 1
                Self.writeStored(200, id, exists: true, into: &items)
            case .existed(let id)?:
                // A random id taken: only an earlier transmission of this batch can have stored it.
                counts.created += 1
                Self.writeStored(201, id, exists: false, into: &items)
            case .failed(let error)?:
                counts.failed += 1
                counts.domainFailed += 1
                Self.describe(error, into: &items, budget: &budget, truncated: &truncated)
            case nil:
                counts.failed += 1
                counts.rejected += 1
                Self.describe(refusals[position]!, into: &items, budget: &budget, truncated: &truncated)
            }
        }
        items.append(UInt8(ascii: "]"))
        var body: [UInt8] = []
        body.reserveCapacity(items.count + 256)
        body += #"{"index":"#.utf8
        JSON.string(index).serialize(into: &body)
        body += #","created":\#(counts.created),"existing":\#(counts.existing),"failed":\#(counts.failed)"#.utf8
        if truncated { body += #","detailsTruncated":true"#.utf8 }
        body += #","items":"#.utf8
        body += items
        items = []
        body += #","requestId":"#.utf8
        JSON.string(request.requestID).serialize(into: &body)
        body.append(UInt8(ascii: "}"))
        return Outcome(route: route, validation: .batch, keyed: key != nil, batch: counts, result: .success(GatewayResponse(
            status: counts.failed == 0 ? 201 : 207, headers: [("Content-Type", "application/json")], body: body)))
    }

    /// `{"status":201,"id":"…"}`, or `{"status":200,"id":"…","result":"exists"}`.
    static func writeStored(_ status: Int, _ id: String, exists: Bool, into out: inout [UInt8]) {
        out += #"{"status":\#(status),"id":"#.utf8
        JSON.string(id).serialize(into: &out)
        if exists { out += #","result":"exists""#.utf8 }
        out.append(UInt8(ascii: "}"))
    }

    /// An item's refusal in the one error shape, its details while the budget lasts.
    static func describe(_ error: GatewayError, into out: inout [UInt8], budget: inout Int, truncated: inout Bool) {
        var entry = JSONObject()
        defer { JSON.object(entry).serialize(into: &out) }
        entry["status"] = .number(JSONNumber(error.code.status))
        entry["error"] = .string(error.code.rawValue)
        entry["message"] = .string(error.message)
        guard !error.details.isEmpty else { return }
        let details = error.body(requestID: "")["details"]!
        let size = details.serializedBytes().count
        if size <= budget {
            budget -= size
            entry["details"] = details
        } else {
            truncated = true
            entry["detailsOmitted"] = true
        }
    }

    /// NDJSON lines: split at `\n`, a `\r` before it dropped, the final newline optional.
    static func lines(_ body: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines = body.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0.last == 0x0D ? $0.dropLast() : $0 }
    }
}
