import HTTP
import JSON

extension HTTPEventResponse {
    /// The response as the integration that sent `request` expects it:
    /// - REST API (1.0): `statusCode`, `headers` for single-valued names and `multiValueHeaders`
    ///   for repeated ones, or only `multiValueHeaders` when the request carried them;
    /// - HTTP API (2.0) and Function URL: `statusCode`, `headers` (repeated names joined with
    ///   ", "), `cookies` from the `Set-Cookie` fields;
    /// - ALB: `statusCode`, `statusDescription`, and only `multiValueHeaders` when the target
    ///   group has them enabled (the request carried them), else only `headers` (joined);
    /// - always `body` (text, or base64 when forced or not UTF-8) and `isBase64Encoded`.
    public func encoded(for request: HTTPEventRequest) -> [UInt8] {
        encodedJSON(kind: request.kind, multiValueHeaders: request.usedMultiValueHeaders).serializedBytes()
    }

    func encodedJSON(kind: HTTPEventRequest.Kind, multiValueHeaders: Bool) -> JSON {
        var out = JSONObject()
        out["statusCode"] = .number(JSONNumber(status))
        var groups = headers.grouped()
        switch kind {
        case .restAPI:
            if multiValueHeaders {
                out["multiValueHeaders"] = Self.multiMap(groups)
            } else {
                out["headers"] = Self.singleMap(groups.filter { $0.values.count == 1 })
                let repeated = groups.filter { $0.values.count > 1 }
                if !repeated.isEmpty { out["multiValueHeaders"] = Self.multiMap(repeated) }
            }
        case .httpAPI, .functionURL:
            let cookies = groups.filter { $0.name.asciiLowercased == "set-cookie" }.flatMap(\.values)
            groups.removeAll { $0.name.asciiLowercased == "set-cookie" }
            out["headers"] = Self.singleMap(groups)
            if !cookies.isEmpty { out["cookies"] = .array(cookies.map { .string($0) }) }
        case .applicationLoadBalancer:
            out["statusDescription"] = .string(statusDescription)
            out[multiValueHeaders ? "multiValueHeaders" : "headers"] =
                multiValueHeaders ? Self.multiMap(groups) : Self.singleMap(groups)
        }
        let utf8 = String(validating: body, as: UTF8.self)
        if let text = utf8, !forceBase64 {
            out["body"] = .string(text)
            out["isBase64Encoded"] = .bool(false)
        } else {
            out["body"] = .string(Base64.encode(body))
            out["isBase64Encoded"] = .bool(true)
        }
        return .object(out)
    }

    private static func singleMap(_ groups: [(name: String, values: [String])]) -> JSON {
        .object(JSONObject(uniqueMembers: groups.map { ($0.name, .string($0.values.joined(separator: ", "))) }))
    }

    private static func multiMap(_ groups: [(name: String, values: [String])]) -> JSON {
        .object(JSONObject(uniqueMembers: groups.map { ($0.name, .array($0.values.map { .string($0) })) }))
    }
}
