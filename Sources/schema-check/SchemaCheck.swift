import JSON
import JSONSchema

/// The whole command: compile the schema once, then judge every input.
///
/// Exit status: 0 when every input is valid; 1 when any document or line is invalid or not JSON;
/// 2 when there is no answer to give: bad usage, an unreadable schema, a schema that is not JSON
/// or does not compile, or an unreadable instance file (the other inputs are still checked).
struct SchemaCheck<Sink: LineSink> {
    /// Process exit statuses, worst last.
    enum Status: Int32, Comparable {
        case valid = 0, invalid = 1, failure = 2
        static func < (a: Status, b: Status) -> Bool { a.rawValue < b.rawValue }
    }

    var sink: Sink
    let readFile: (String) throws(CheckError) -> [UInt8]

    /// Runs with `arguments` (without the program name) and returns the exit status.
    mutating func run(_ arguments: [String]) -> Status {
        let options: CheckOptions
        do {
            options = try CheckOptions.parse(arguments)
        } catch {
            sink.diagnostic(error.message)
            sink.diagnostic("try --help")
            return .failure
        }
        if options.showHelp {
            sink.result(Usage.text)
            return .valid
        }
        if let pattern = options.templatePattern { return printTemplate(pattern: pattern, options) }
        let schema: Schema
        do {
            schema = try loadSchema(options)
        } catch {
            sink.diagnostic(error.message)
            return .failure
        }
        if options.inputs.isEmpty {
            sink.result("\(options.schemaPath): schema is valid")
            return .valid
        }
        var status = Status.valid
        for input in options.inputs {
            let bytes: [UInt8]
            do {
                bytes = try readFile(input.path)
            } catch {
                sink.diagnostic(error.message)
                status = max(status, .failure)
                continue
            }
            switch input {
            case .document(let path): status = max(status, check(document: bytes, path: path, schema, options))
            case .lines: status = max(status, check(lines: bytes, schema, options))
            }
        }
        return status
    }

    private func loadSchema(_ options: CheckOptions) throws(CheckError) -> Schema {
        let bytes = try readFile(options.schemaPath)
        let json: JSON
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            throw CheckError(.schemaNotJSON, "\(options.schemaPath): schema is not JSON: \(error.message)")
        }
        do {
            return try Schema(json, options: options.schemaOptions)
        } catch {
            throw CheckError(.invalidSchema, "\(options.schemaPath): invalid schema: \(error.description)")
        }
    }

    /// One document, judged `repeatCount` times from its bytes; the last verdict is printed.
    private mutating func check(document bytes: [UInt8], path: String, _ schema: Schema, _ options: CheckOptions) -> Status {
        var verdict = Verdict.judge(bytes, schema: schema, output: options.output)
        var validCount = verdict.valid ? 1 : 0
        for _ in 1..<options.repeatCount {
            verdict = Verdict.judge(bytes, schema: schema, output: options.output)
            validCount += verdict.valid ? 1 : 0
        }
        // Using every verdict also keeps the optimizer from dropping the repeated work.
        if validCount != 0 && validCount != options.repeatCount {
            sink.diagnostic("\(path): repeated validations disagree")
        }
        let prefix = options.output == .text ? path + ": " : ""
        for line in verdict.lines { sink.result(prefix + line) }
        return verdict.valid ? .valid : .invalid
    }

    /// A JSON Lines file: one verdict per line (`true`/`false`, or a basic output unit).
    private mutating func check(lines bytes: [UInt8], _ schema: Schema, _ options: CheckOptions) -> Status {
        let lines = JSONLines.split(bytes)
        var status = Status.valid
        var results: [Bool] = []
        var units: [String] = []
        for round in 0..<options.repeatCount {
            let last = round == options.repeatCount - 1
            for line in lines {
                switch options.output {
                case .text:
                    let ok = Verdict.isValid(bytes[line], schema: schema)
                    if last { results.append(ok) }
                case .basic:
                    let verdict = Verdict.judge(bytes[line], schema: schema, output: .basic)
                    if last {
                        results.append(verdict.valid)
                        units.append(verdict.lines[0])
                    }
                }
            }
        }
        for (i, ok) in results.enumerated() {
            sink.result(options.output == .text ? (ok ? "true" : "false") : units[i])
            if !ok { status = .invalid }
        }
        return status
    }
}
