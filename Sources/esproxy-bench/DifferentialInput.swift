import JSON

/// Line parsing and error answers shared by the differential drivers.
enum DifferentialInput {
    /// One JSON document from one input line.
    static func parse(_ line: String) throws -> JSON {
        let bytes = Array(line.utf8)
        return try bytes.withUnsafeBytes { try JSONParser.parse($0) }
    }

    /// `{"error": message}`.
    static func error(_ message: String) -> JSON {
        .object(JSONObject(uniqueMembers: [("error", .string(message))]))
    }
}
