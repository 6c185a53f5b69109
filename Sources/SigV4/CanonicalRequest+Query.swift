extension CanonicalRequest {
    /// The decoded parameters of a query: a raw query is split on `&` and at the first `=` of each
    /// piece and percent-decoded (empty pieces are skipped, a piece without `=` has an empty value);
    /// pairs are taken as they are.
    static func parameters(of query: SigningRequest.Query) -> [Parameter] {
        switch query {
        case .pairs(let pairs):
            return pairs.map { (Array($0.name.utf8), Array($0.value.utf8)) }
        case .raw(let raw):
            if raw.isEmpty { return [] }
            var result: [Parameter] = []
            for piece in raw.utf8.split(separator: UInt8(ascii: "&")) {
                let text = Substring(piece)
                if let equals = text.firstIndex(of: "=") {
                    result.append((URIEncoding.decode(text[..<equals]),
                                   URIEncoding.decode(text[text.index(after: equals)...])))
                } else {
                    result.append((URIEncoding.decode(text), []))
                }
            }
            return result
        }
    }

    /// The canonical query string: each name and value SigV4-encoded, pairs sorted by encoded name
    /// and then encoded value (byte order), joined as `name=value` with `&`; an empty value still
    /// gets its `=`.
    static func canonicalQuery(_ parameters: [Parameter]) -> String {
        if parameters.isEmpty { return "" }
        var encoded: [(name: [UInt8], value: [UInt8])] = parameters.map { parameter in
            var name: [UInt8] = []
            var value: [UInt8] = []
            URIEncoding.encode(parameter.name, into: &name)
            URIEncoding.encode(parameter.value, into: &value)
            return (name, value)
        }
        encoded.sort { left, right in
            left.name == right.name
                ? left.value.lexicographicallyPrecedes(right.value)
                : left.name.lexicographicallyPrecedes(right.name)
        }
        var out: [UInt8] = []
        out.reserveCapacity(encoded.reduce(0) { $0 + $1.name.count + $1.value.count + 2 })
        for (index, parameter) in encoded.enumerated() {
            if index > 0 { out.append(UInt8(ascii: "&")) }
            out.append(contentsOf: parameter.name)
            out.append(UInt8(ascii: "="))
            out.append(contentsOf: parameter.value)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `parameters` encoded for the request line, in their given order.
    static func encodedQuery(_ parameters: [Parameter]) -> String {
        var out: [UInt8] = []
        for (index, parameter) in parameters.enumerated() {
            if index > 0 { out.append(UInt8(ascii: "&")) }
            URIEncoding.encode(parameter.name, into: &out)
            out.append(UInt8(ascii: "="))
            URIEncoding.encode(parameter.value, into: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
