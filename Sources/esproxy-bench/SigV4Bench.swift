#if canImport(Glibc)
import Glibc
#endif
import SigV4

/// `esproxy-bench sigv4 [N]`: header-signs N typical OpenSearch document PUTs
/// (`PUT /bigsurvey/_create/<uuid>`, host, content-type, ~100-byte JSON body, session token) and
/// prints signatures per second. Building the `SigningRequest` is inside the timed loop, as it is
/// in the gateway; generating the ids is not.
enum SigV4Bench {
    static let defaultCount = 200_000

    static func run(_ arguments: [String]) -> Int32 {
        let count = arguments.first.flatMap { Int($0) } ?? defaultCount
        guard count > 0 else {
            print("usage: esproxy-bench sigv4 [N]  (N > 0, default \(defaultCount))")
            return 2
        }
        do {
            let signer = try Signer(
                credentials: Credentials(
                    accessKeyId: "ASIAEXAMPLEEXAMPLE01", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                    sessionToken: String(repeating: "IQoJb3JpZ2luX2VjEXAMPLE", count: 40)),
                region: "eu-west-1", service: "es")
            let host = "search-esproxy-abcdefghijklmnopqrstuvwxyz.eu-west-1.es.amazonaws.com"
            let body = Array(#"{"name":"Ada Lovelace","answers":[3,1,4,1,5],"comment":"fine","@timestamp":"2026-11-30T23:00:00Z"}"#.utf8)
            var generator = SystemRandomNumberGenerator()
            let ids = (0..<1024).map { _ in uuid(using: &generator) }
            let time = try AmzDate.now()

            var checksum: UInt8 = 0
            let start = seconds(CLOCK_MONOTONIC)
            let startCPU = seconds(CLOCK_PROCESS_CPUTIME_ID)
            for index in 0..<count {
                let request = SigningRequest(
                    method: "PUT", path: "/bigsurvey/_create/" + ids[index & 1023],
                    headers: [("host", host), ("content-type", "application/json")], body: body)
                let signed = try signer.sign(request, at: time)
                checksum ^= signed.signature.utf8.first ?? 0
            }
            let elapsed = seconds(CLOCK_MONOTONIC) - start
            let cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - startCPU
            // The CPU-time rate is the steadier figure on a shared machine; both are printed.
            print("sigv4: \(count) signatures in \(format(elapsed)) s wall, \(format(cpu)) s CPU")
            print("signatures/s wall: \(Int(Double(count) / elapsed))")
            print("signatures/s cpu: \(Int(Double(count) / cpu))")
            if checksum == 0xff { print("") }  // keeps the signatures observable to the optimiser
            return 0
        } catch {
            print("sigv4: \(error)")
            return 1
        }
    }

    /// A random RFC 9562 version 4 UUID, lower-case.
    static func uuid(using generator: inout SystemRandomNumberGenerator) -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = bytes[6] & 0x0f | 0x40
        bytes[8] = bytes[8] & 0x3f | 0x80
        let hex = "0123456789abcdef".map { $0 }
        var text = ""
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text.append("-") }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0f)])
        }
        return text
    }

    static func seconds(_ clock: clockid_t) -> Double {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    static func format(_ seconds: Double) -> String {
        let millis = Int((seconds * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
