#if canImport(Glibc)
import Glibc
#endif

// `esproxy-bench NAME [ARGS…]`: one micro-benchmark per subcommand, each in its own file as an
// enum with `static func run(_ arguments: [String]) -> Int32`. Register new ones in this table.
let subcommands: [(name: String, run: ([String]) -> Int32)] = [
    ("sigv4", SigV4Bench.run),
    ("differential-schema", DifferentialSchema.run),
    ("differential-sigv4", DifferentialSigV4.run),
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let subcommand = subcommands.first(where: { $0.name == name }) else {
    print("usage: esproxy-bench NAME [ARGS…]; NAME is one of: \(subcommands.map(\.name).joined(separator: ", "))")
    exit(2)
}
exit(subcommand.run(Array(arguments.dropFirst())))
