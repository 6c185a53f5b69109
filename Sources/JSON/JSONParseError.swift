/// Why a document is not strict RFC 8259 JSON, and where.
///
/// `offset` is the 0-based byte offset of the offending byte (the input's length when the input
/// ends too early). `line` and `column` are 1-based; a line ends at `\n`, and the column counts
/// Unicode scalars (UTF-8 lead bytes) from the start of the line, so it matches what an editor shows.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of fault, one flat list so callers can switch on it.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        /// The input holds no value at all (empty or only whitespace).
        case emptyInput
        /// The input ends inside a value.
        case unexpectedEnd
        /// A byte that cannot start or continue the value here (includes comments and `'`).
        case unexpectedCharacter
        /// A complete value is followed by more than whitespace.
        case trailingContent
        /// A `,` directly before `]` or `}`.
        case trailingComma
        /// A bare word that is not `true`, `false` or `null` (for example `NaN`, `Infinity`).
        case invalidLiteral
        /// A number outside the grammar: leading zeros, `+1`, `.5`, `1.`, `1e`, `-`.
        case invalidNumber
        /// A number whose written exponent exceeds `JSONNumber.maxExponentMagnitude`.
        case numberOutOfRange
        /// Bytes that are not well-formed UTF-8 (overlong, encoded surrogate, above U+10FFFF, truncated).
        case invalidUTF8
        /// A raw control character (below U+0020) inside a string.
        case controlCharacterInString
        /// A backslash escape other than `\" \\ \/ \b \f \n \r \t \uXXXX`.
        case invalidEscape
        /// A `\u` escape of a surrogate that is not part of a high-low pair.
        case unpairedSurrogate
        /// An object has the same key twice (compared by code points).
        case duplicateKey
        /// Arrays and objects are nested deeper than `Options.maxDepth`.
        case depthLimitExceeded
        /// The input starts with a UTF-8 byte-order mark and `Options.allowByteOrderMark` is off.
        case byteOrderMark
    }

    /// The kind of fault.
    public let code: Code
    /// 0-based byte offset of the fault.
    public let offset: Int
    /// 1-based line of the fault.
    public let line: Int
    /// 1-based column (in Unicode scalars) of the fault.
    public let column: Int
    /// What is wrong, without the position (for example `duplicate key "a"`).
    public let detail: String

    /// Makes an error; `line` and `column` are derived from `offset` in `bytes`.
    init(_ code: Code, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>, _ detail: String) {
        self.code = code
        self.offset = offset
        self.detail = detail
        var line = 1
        var column = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let c = bytes[i]
            if c == 0x0A {
                line += 1
                column = 1
            } else if c & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        self.line = line
        self.column = column
    }

    /// The detail with its position, for example `duplicate key "a" at line 1, column 12`.
    public var message: String { "\(detail) at line \(line), column \(column)" }

    /// Same as `message`.
    public var description: String { message }
}
