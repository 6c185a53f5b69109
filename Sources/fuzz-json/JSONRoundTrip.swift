import JSON

/// The parser oracle: arbitrary bytes must parse or throw, and whatever parses must survive a
/// serialize/re-parse round trip unchanged (a differential check of parser against serializer).
/// The streaming array reader that batches use must agree with the whole parse: the same
/// elements, or a refusal at the same place.
enum JSONRoundTrip {
    /// Runs the oracle; traps (a finding for libFuzzer) when the round trip changes the value.
    static func run(_ input: UnsafeRawBufferPointer) {
        guard let first = input.first else { return }
        // One control byte picks the options, so the fuzzer explores BOM handling and depth
        // limits on the same documents; the whole input is still parsed with the defaults.
        check(input, options: JSONParser.Options())
        let depth = Int(first & 0x0F) + 1
        let options = JSONParser.Options(maxDepth: depth, allowByteOrderMark: first & 0x10 != 0)
        check(UnsafeRawBufferPointer(rebasing: input.dropFirst()), options: options)
    }

    private static func check(_ bytes: UnsafeRawBufferPointer, options: JSONParser.Options) {
        let value: JSON
        do { value = try JSONParser.parse(bytes, options: options) } catch {
            if bytes.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) == UInt8(ascii: "[") {
                do {
                    _ = try JSONParser.forEachElement(ofArray: Array(bytes), options: options) { _ in true }
                    fatalError("the streaming array reader accepted what parse refused: \(error)")
                } catch let streamed {
                    guard streamed.offset == error.offset else {
                        fatalError("streaming refusal at \(streamed.offset), whole parse at \(error.offset)")
                    }
                }
            }
            // A refusal must point inside the input (or just past its end) and render.
            guard (0...bytes.count).contains(error.offset), error.line >= 1, error.column >= 1,
                  error.column <= error.offset + 1, !error.message.isEmpty else {
                fatalError("bad error position \(error.offset) (\(error.line):\(error.column)) in \(bytes.count) bytes")
            }
            return
        }
        if case .array(let elements) = value {
            var streamed: [JSON] = []
            do {
                _ = try JSONParser.forEachElement(ofArray: Array(bytes), options: options) { streamed.append($0); return true }
            } catch {
                fatalError("the streaming array reader refused what parse accepted: \(error)")
            }
            guard streamed == elements else { fatalError("the streaming array reader changed the elements") }
        }
        let text = value.serializedBytes()
        // The serializer writes no BOM and nests exactly as deep as the value, so the same depth
        // limit must accept it again.
        let again: JSON
        do {
            again = try JSONParser.parse(text, options: JSONParser.Options(maxDepth: options.maxDepth))
        } catch {
            fatalError("serialized output does not parse: \(error)")
        }
        guard again == value else { fatalError("round trip changed the value") }
        // Serialization is canonical: a second pass must give the same bytes.
        guard again.serializedBytes() == text else { fatalError("serialization is not stable") }
    }
}
