import Foundation
import SigV4

/// A request as the SigV4 vector files write it: `METHOD target HTTP/1.1`, `Name:value` lines
/// (a line starting with whitespace continues the previous value), a blank line, then the body.
/// The files have no trailing newline and the target may contain raw spaces and UTF-8.
struct RawHTTPRequest {
    var method: String
    var path: String
    var query: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    init(file url: URL) throws {
        try self.init(text: String(decoding: try Data(contentsOf: url), as: UTF8.self), origin: url.lastPathComponent)
    }

    init(text: String, origin: String = "request") throws {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        let head: Substring
        if let blank = normalized.range(of: "\n\n") {
            head = normalized[..<blank.lowerBound]
            body = Array(normalized[blank.upperBound...].utf8)
        } else {
            head = normalized[...]
            body = []
        }
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let requestLine = lines.first,
              let firstSpace = requestLine.firstIndex(of: " "),
              let lastSpace = requestLine.lastIndex(of: " "), firstSpace < lastSpace
        else { throw ParseError(description: "\(origin): bad request line") }
        method = String(requestLine[..<firstSpace])
        let target = requestLine[requestLine.index(after: firstSpace)..<lastSpace]
        if let question = target.firstIndex(of: "?") {
            path = String(target[..<question])
            query = String(target[target.index(after: question)...])
        } else {
            path = String(target)
            query = ""
        }
        headers = []
        for line in lines.dropFirst() {
            if line.first == " " || line.first == "\t" {
                guard !headers.isEmpty else { throw ParseError(description: "\(origin): continuation before any header") }
                headers[headers.count - 1].value += "\n" + line
            } else {
                guard let colon = line.firstIndex(of: ":") else {
                    throw ParseError(description: "\(origin): header line without colon: \(line)")
                }
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
    }

    func signingRequest(options: SigningOptions) -> SigningRequest {
        SigningRequest(method: method, path: path, query: .raw(query), headers: headers, body: body, options: options)
    }

    /// Headers as comparable, order-free pairs: lower-case name, value without leading whitespace.
    static func headerMultiset(_ headers: [(name: String, value: String)]) -> [String] {
        headers.map { "\($0.name.lowercased()):\($0.value.drop { $0 == " " || $0 == "\t" })" }.sorted()
    }
}

/// Reads a vector text file exactly (the files carry no trailing newline).
func readVector(_ url: URL) throws -> String {
    String(decoding: try Data(contentsOf: url), as: UTF8.self)
}
