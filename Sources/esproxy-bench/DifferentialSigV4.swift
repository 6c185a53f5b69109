import JSON
import SigV4

/// `esproxy-bench differential-sigv4`: the Swift side of scripts/tests/test_differential_sigv4.py.
///
/// Reads JSON Lines from standard input, each a request to header-sign:
/// `{"method", "path" (as on the request line), "query" (raw, as on the request line),
/// "headers": [[name, value], …], "body_hex", "access_key", "secret_key", "token" (or null),
/// "region", "service", "time" (epoch seconds)}`, and answers each with one line:
/// `{"canonical_request", "string_to_sign", "signature", "authorization"}` or `{"error": "…"}`.
enum DifferentialSigV4 {
    static func run(_ arguments: [String]) -> Int32 {
        DifferentialInput.serve(arguments, usage: "esproxy-bench differential-sigv4 < requests.jsonl", answer: answer)
    }

    static func answer(_ document: JSON) -> JSON {
        guard let method = document["method"]?.stringValue, let path = document["path"]?.stringValue,
              let query = document["query"]?.stringValue, let headerList = document["headers"]?.arrayValue,
              let bodyHex = document["body_hex"]?.stringValue, let body = bytes(hex: bodyHex),
              let accessKey = document["access_key"]?.stringValue, let secretKey = document["secret_key"]?.stringValue,
              let region = document["region"]?.stringValue, let service = document["service"]?.stringValue,
              let time = document["time"]?.numberValue?.intValue
        else {
            return DifferentialInput.error("input: a request lacks a field or has one of the wrong type")
        }
        var headers: [(name: String, value: String)] = []
        for entry in headerList {
            guard let pair = entry.arrayValue, pair.count == 2, let name = pair[0].stringValue,
                  let value = pair[1].stringValue
            else { return DifferentialInput.error("input: a header must be [name, value]") }
            headers.append((name, value))
        }
        do {
            let signer = try Signer(
                credentials: Credentials(accessKeyId: accessKey, secretAccessKey: secretKey,
                                         sessionToken: document["token"]?.stringValue),
                region: region, service: service)
            let request = SigningRequest(method: method, path: path, query: .raw(query), headers: headers, body: body)
            let signed = try signer.sign(request, at: try AmzDate(epochSeconds: Int64(time)))
            return .object(JSONObject(uniqueMembers: [
                ("canonical_request", .string(signed.canonicalRequest.description)),
                ("string_to_sign", .string(signed.stringToSign.description)),
                ("signature", .string(signed.signature)),
                ("authorization", .string(signed.headerValues("Authorization").first ?? "")),
            ]))
        } catch {
            return DifferentialInput.error("sign: \(error)")
        }
    }

    /// The bytes of lower- or upper-case hex text; nil for odd length or a non-hex digit.
    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
