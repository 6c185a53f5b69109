#if canImport(Glibc)
import Glibc
#endif
import JSON

/// libFuzzer's entry point; `scripts/fuzz` builds this target with `-sanitize=fuzzer,address`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    SchemaCompilation.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

#if !FUZZING
/// Without libFuzzer (a plain `swift build`, where libFuzzer's `main` is absent) the target
/// replays the files named on the command line, to reproduce a finding without sanitizers.
@main
enum Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            do {
                try FileBytes.read(path).withUnsafeBytes { SchemaCompilation.run($0) }
            } catch {
                print("replay: \(error)")
                exit(2)
            }
            print("passed: \(path)")
        }
    }
}
#endif
