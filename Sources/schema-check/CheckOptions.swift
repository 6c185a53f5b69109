import JSONSchema

/// The parsed command line.
struct CheckOptions {
    /// One thing to validate, in command-line order.
    enum Input: Equatable {
        /// A whole JSON document (`-` is standard input).
        case document(String)
        /// A JSON Lines file: every line is validated on its own.
        case lines(String)

        var path: String {
            switch self {
            case .document(let p), .lines(let p): p
            }
        }
    }

    /// How results are printed.
    enum Output: Equatable {
        /// `FILE: valid` or one `FILE: /pointer: message` line per error (`true`/`false` per line for `--lines`).
        case text
        /// The 2020-12 "basic" output unit, one compact JSON object per line.
        case basic
    }

    var schemaPath = ""
    var inputs: [Input] = []
    var output = Output.text
    var repeatCount = 1
    var showHelp = false
    var schemaOptions = SchemaOptions()
    /// `--opensearch-template`: print an index template for this index pattern instead of validating.
    var templatePattern: String?

    /// Reads `arguments` (without the program name). Flags may come anywhere before `--`.
    static func parse(_ arguments: [String]) throws(CheckError) -> CheckOptions {
        var options = CheckOptions()
        var schemaPath: String?
        var rest = arguments[...]
        var flagsEnded = false

        func value(for flag: String) throws(CheckError) -> String {
            guard let v = rest.popFirst() else { throw CheckError(.usage, "\(flag) needs a value") }
            return v
        }

        while let argument = rest.popFirst() {
            if flagsEnded || argument == "-" || !argument.hasPrefix("-") {
                // The first operand is the schema, every later one an instance.
                if schemaPath == nil { schemaPath = argument } else { options.inputs.append(.document(argument)) }
                continue
            }
            switch argument {
            case "--":
                flagsEnded = true
            case "-h", "--help":
                options.showHelp = true
            case "--lines":
                options.inputs.append(.lines(try value(for: argument)))
            case "--draft":
                options.schemaOptions.draft = try draft(try value(for: argument))
            case "--no-format-assertion":
                options.schemaOptions.formatAssertion = false
            case "--no-strict":
                options.schemaOptions.strict = false
            case "--remote":
                let mapping = try value(for: argument)
                guard let eq = mapping.firstIndex(of: "="), eq != mapping.startIndex,
                      mapping.index(after: eq) != mapping.endIndex else {
                    throw CheckError(.usage, "--remote wants BASEURL=DIR, not \"\(mapping)\"")
                }
                options.schemaOptions.registry.addMapping(
                    baseURL: String(mapping[..<eq]), directory: String(mapping[mapping.index(after: eq)...]))
            case "--output":
                let format = try value(for: argument)
                guard format == "basic" else { throw CheckError(.usage, "--output supports only \"basic\", not \"\(format)\"") }
                options.output = .basic
            case "--opensearch-template":
                options.templatePattern = try value(for: argument)
            case "--repeat":
                let text = try value(for: argument)
                guard let n = Int(text), n >= 1 else { throw CheckError(.usage, "--repeat wants a positive integer, not \"\(text)\"") }
                options.repeatCount = n
            default:
                throw CheckError(.usage, "unknown option \(argument)")
            }
        }
        if options.showHelp { return options }
        guard let schemaPath else { throw CheckError(.usage, "no schema given") }
        options.schemaPath = schemaPath
        return options
    }

    private static func draft(_ text: String) throws(CheckError) -> Draft {
        switch text {
        case "4": return .draft4
        case "7": return .draft7
        case "2020-12": return .draft2020_12
        default: throw CheckError(.usage, "--draft wants 4, 7 or 2020-12, not \"\(text)\"")
        }
    }
}
