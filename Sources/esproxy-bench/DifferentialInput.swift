import JSON

/// The JSON Lines loop and error answers shared by the differential drivers.
enum DifferentialInput {
    /// Answers each line of standard input with one line: `answer` of the line's document, or an
    /// error when the line is not JSON. Exits 2 (after printing `usage`) when given arguments.
    static func serve(_ arguments: [String], usage: String, answer: (JSON) -> JSON) -> Int32 {
        guard arguments.isEmpty else {
            print("usage: \(usage)")
            return 2
        }
        while let line = readLine(strippingNewline: true) {
            do {
                let bytes = Array(line.utf8)
                print(answer(try bytes.withUnsafeBytes { try JSONParser.parse($0) }).serialized())
            } catch {
                print(Self.error("input: \(error)").serialized())
            }
        }
        return 0
    }

    /// `{"error": message}`.
    static func error(_ message: String) -> JSON {
        .object(JSONObject(uniqueMembers: [("error", .string(message))]))
    }
}
