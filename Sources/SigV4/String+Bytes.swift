extension StringProtocol {
    /// Runs `body` on the UTF-8 bytes without copying when the string is native (the usual case);
    /// the signer's hot loops scan bytes, and indexing `utf8` one element at a time is several
    /// times slower.
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws(SigV4Error) -> R) throws(SigV4Error) -> R {
        let result: Result<R, SigV4Error>? = utf8.withContiguousStorageIfAvailable { bytes in
            Result { () throws(SigV4Error) in try body(bytes) }
        }
        if let result { return try result.get() }
        return try Array(utf8).withUnsafeBufferPointer { bytes in
            Result { () throws(SigV4Error) in try body(bytes) }
        }.get()
    }
}
