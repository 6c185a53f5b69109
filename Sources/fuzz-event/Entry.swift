import FuzzSupport

/// libFuzzer's entry point; `scripts/fuzz` builds this target with `-sanitize=fuzzer,address`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt { FuzzInput.run(data, size, EventRoundTrip.run) }

#if !FUZZING
@main enum Replay { static func main() { FuzzInput.replay(EventRoundTrip.run) } }
#endif
