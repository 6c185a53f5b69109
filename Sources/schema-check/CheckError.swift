/// Why `schema-check` could not give an answer (as opposed to answering "invalid").
struct CheckError: Error, CustomStringConvertible {
    /// What went wrong; every code ends the run or the input with exit status 2.
    enum Code {
        /// The command line is malformed (unknown flag, missing value, no schema).
        case usage
        /// A file could not be opened or read.
        case unreadableFile
        /// The schema file is not JSON.
        case schemaNotJSON
        /// The schema is JSON but does not compile (bad keyword, regex, unresolvable `$ref`, or,
        /// when strict, an unknown keyword or format).
        case invalidSchema
    }

    let code: Code
    let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { message }
}
