import HTTP
import JSON

/// What the domain's answer to a document write means for the client.
enum DomainAnswer {
    case created
    /// `409` on `_create`: the id is taken (see `DomainClient` for what that proves).
    case conflict
    /// Final: the client gets `error`; `operatorHint` goes to the log.
    case refused(GatewayError, operatorHint: String?)
    /// Worth another attempt with the same id.
    case retryable(GatewayError)

    static func classify(_ response: HTTPResponse) -> DomainAnswer {
        classify(status: response.status, reason: reason(response.body))
    }

    /// The meaning of `status` (a whole answer's or one `_bulk` item's), `reason` the domain's
    /// `type: reason` text.
    static func classify(status: Int, reason: @autoclosure () -> String) -> DomainAnswer {
        switch status {
        case 200, 201:
            return .created
        case 409:
            return .conflict
        case 400:
            return .refused(GatewayError(.rejectedByDomain, "the document store rejected the document: \(reason())"),
                            operatorHint: nil)
        case 401, 403:
            return .refused(GatewayError(.domainUnavailable, "the document store is unavailable"),
                            operatorHint: "domain refused our signature (HTTP \(status)): check the function role's es:ESHttpPut (es:ESHttpPost with DOC_ID=none) permission on the index, the domain access policy, AWS_REGION and ES_SIGNING (es for managed domains, aoss for serverless); domain said: \(reason())")
        case 413:
            return .refused(GatewayError(.payloadTooLarge, "the document is larger than the document store accepts"),
                            operatorHint: nil)
        case 504:
            return .retryable(GatewayError(.domainTimeout, "the document store did not answer in time"))
        case let s where DomainWriteRetry.isRetryable(status: s):
            return .retryable(GatewayError(.domainUnavailable, "the document store is unavailable"))
        default:
            return .refused(GatewayError(.domainUnavailable, "the document store is unavailable"),
                            operatorHint: "domain answered HTTP \(status): \(reason())")
        }
    }

    /// The `_id` of an index response (`POST /{index}/_doc`).
    static func assignedID(_ body: [UInt8]) -> String? {
        (try? JSONParser.parse(body))?["_id"]?.stringValue
    }

    /// `type: reason` from an OpenSearch error body, shortened; the raw status when there is none.
    static func reason(_ body: [UInt8]) -> String {
        guard let json = try? JSONParser.parse(body) else { return "no error details" }
        return reason(json)
    }

    /// `type: reason` from a parsed error body or `_bulk` item (`{"error": {"type", "reason"}}`).
    static func reason(_ json: JSON) -> String {
        let error = json["error"]
        let type = error?["type"]?.stringValue ?? error?.stringValue
        let why = error?["reason"]?.stringValue ?? json["message"]?.stringValue
        let text = [type, why].compactMap { $0 }.joined(separator: ": ")
        if text.isEmpty { return "no error details" }
        return text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}
