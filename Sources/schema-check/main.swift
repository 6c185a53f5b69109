#if canImport(Glibc)
import Glibc
#endif

var command = SchemaCheck(sink: Console(), readFile: InputFile.read)
let status = command.run(Array(CommandLine.arguments.dropFirst()))
command.sink.flush()
exit(status.rawValue)
