/// A strict RFC 8259 parser from UTF-8 bytes to `JSON`.
///
/// Strict means every deviation is an error: trailing content, invalid UTF-8, unpaired surrogate
/// escapes, leading zeros, `NaN`, comments, trailing commas, raw control characters in strings,
/// empty input and duplicate object keys (a validator must never see one value of a key while the
/// data store keeps another). Nesting is tracked on an explicit stack, so no input can overflow
/// the call stack while parsing.
public struct JSONParser: ~Copyable {
    /// Limits and leniencies of a parse.
    public struct Options: Sendable, Equatable {
        /// The largest `maxDepth` that can be set (larger requests are clamped to it).
        ///
        /// The parser, serializer, `==` and hashing need no call stack for nesting, but Swift
        /// releases a nested `JSON` value recursively, at about 250 bytes of stack per level
        /// (measured). 10,000 levels need about 2.5 MiB: safe on the main thread and on default
        /// Linux threads (8 MiB), tested on a 4 MiB thread. On threads with small stacks (512 KiB)
        /// keep `maxDepth` at 1,000 or below. Recursive consumers (schema validation) must also
        /// fit their own frames per level into that budget.
        public static let maxDepthLimit = 10_000

        /// How deeply arrays and objects may nest (`[]` has depth 1); 1...`maxDepthLimit`.
        public var maxDepth: Int {
            didSet { maxDepth = Self.clampDepth(maxDepth) }
        }

        /// Whether one leading UTF-8 byte-order mark (EF BB BF) is skipped instead of refused.
        public var allowByteOrderMark: Bool

        /// Options with a depth limit (default 256, clamped to 1...`maxDepthLimit`) and BOM policy.
        public init(maxDepth: Int = 256, allowByteOrderMark: Bool = false) {
            self.maxDepth = Self.clampDepth(maxDepth)
            self.allowByteOrderMark = allowByteOrderMark
        }

        private static func clampDepth(_ d: Int) -> Int { min(max(d, 1), maxDepthLimit) }
    }

    let b: UnsafeBufferPointer<UInt8>
    var pos: Int
    let options: Options
    /// Reused buffer for strings with escapes, so each such string costs one String allocation.
    var scratch: [UInt8] = []
    /// Finished elements of all open containers, innermost last.
    var values = MoveStack<JSON>()
    /// Keys of all open objects, innermost last (one per member in `values`).
    var keys = MoveStack<String>()

    init(_ bytes: UnsafeBufferPointer<UInt8>, options: Options) {
        b = bytes
        pos = 0
        self.options = options
    }

    /// Parses one JSON document from raw bytes.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, options: Options = .init()
    ) throws(JSONParseError) -> JSON {
        var p = JSONParser(bytes.bindMemory(to: UInt8.self), options: options)
        return try p.document()
    }

    /// Parses one JSON document from a byte array.
    public static func parse(_ bytes: [UInt8], options: Options = .init()) throws(JSONParseError) -> JSON {
        let result: Result<JSON, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var p = JSONParser(buffer, options: options)
            do throws(JSONParseError) { return .success(try p.document()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Parses one JSON document from any byte collection (contiguous ones are not copied).
    public static func parse(
        _ bytes: some Collection<UInt8>, options: Options = .init()
    ) throws(JSONParseError) -> JSON {
        let direct: Result<JSON, JSONParseError>? = bytes.withContiguousStorageIfAvailable { buffer in
            var p = JSONParser(buffer, options: options)
            do throws(JSONParseError) { return .success(try p.document()) } catch { return .failure(error) }
        }
        if let direct { return try direct.get() }
        return try parse(Array(bytes), options: options)
    }

    /// Parses one JSON document from a string's UTF-8.
    public static func parse(_ text: String, options: Options = .init()) throws(JSONParseError) -> JSON {
        var text = text
        let result: Result<JSON, JSONParseError> = text.withUTF8 { buffer in
            var p = JSONParser(buffer, options: options)
            do throws(JSONParseError) { return .success(try p.document()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    func fail(_ code: JSONParseError.Code, at offset: Int, _ detail: String) -> JSONParseError {
        JSONParseError(code, at: offset, in: b, detail)
    }
}

extension JSON {
    /// Parses a strict JSON document from UTF-8 bytes (see `JSONParser`).
    public init(parsing bytes: [UInt8], options: JSONParser.Options = .init()) throws(JSONParseError) {
        self = try JSONParser.parse(bytes, options: options)
    }

    /// Parses a strict JSON document from a string (see `JSONParser`).
    public init(parsing text: String, options: JSONParser.Options = .init()) throws(JSONParseError) {
        self = try JSONParser.parse(text, options: options)
    }
}
