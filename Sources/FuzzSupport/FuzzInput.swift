#if canImport(Glibc)
import Glibc
#endif
import JSON

/// What the four fuzz targets share: handing libFuzzer's input to an oracle, and replaying files
/// through it in a plain build.
public enum FuzzInput {
    /// Runs `oracle` on libFuzzer's input; always 0 (a finding is a trap inside the oracle).
    public static func run(_ data: UnsafePointer<UInt8>, _ size: Int, _ oracle: (UnsafeRawBufferPointer) -> Void) -> CInt {
        oracle(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }

    /// Without libFuzzer (a plain `swift build`, where libFuzzer's `main` is absent) a target
    /// replays the files named on its command line, to reproduce a finding without sanitizers.
    public static func replay(_ oracle: (UnsafeRawBufferPointer) -> Void) {
        for path in CommandLine.arguments.dropFirst() {
            do {
                try FileBytes.read(path).withUnsafeBytes { oracle($0) }
            } catch {
                print("replay: \(error)")
                exit(2)
            }
            print("passed: \(path)")
        }
    }
}
