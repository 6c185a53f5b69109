extension JSON {
    /// Compact JSON text as UTF-8: no whitespace, members in order, numbers as written, strings
    /// with minimal escaping (`\"`, `\\`, `\b \f \n \r \t`, other controls as `\u00xx`; everything
    /// else, non-ASCII included, as raw UTF-8).
    ///
    /// Nesting is walked with an explicit stack, so any depth the parser accepts is safe here.
    public func serializedBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        JSON.write(self, to: &out)
        return out
    }

    /// Appends the compact text (see `serializedBytes()`) to `out`, e.g. one buffer for many values.
    public func serialize(into out: inout [UInt8]) {
        JSON.write(self, to: &out)
    }

    /// Compact JSON text (see `serializedBytes()`).
    public func serialized() -> String {
        String(decoding: serializedBytes(), as: UTF8.self)
    }

    /// A container being written, with the position of the next element.
    private enum Frame {
        case array([JSON], Int)
        case object(JSONObject, Int)
    }

    /// Appends the compact text of `value` to `out`.
    static func write(_ value: JSON, to out: inout [UInt8]) {
        var stack: [Frame] = []
        var next: JSON? = value
        while true {
            if let v = next {
                next = nil
                switch v {
                case .null: out.append(contentsOf: "null".utf8)
                case .bool(let x): out.append(contentsOf: (x ? "true" : "false").utf8)
                case .number(let x): out.append(contentsOf: x.literal.utf8)
                case .string(let s): writeString(s, to: &out)
                case .array(let a):
                    out.append(UInt8(ascii: "["))
                    stack.append(.array(a, 0))
                case .object(let o):
                    out.append(UInt8(ascii: "{"))
                    stack.append(.object(o, 0))
                }
            }
            guard let top = stack.popLast() else { return }
            switch top {
            case .array(let a, let i):
                if i == a.count {
                    out.append(UInt8(ascii: "]"))
                    continue
                }
                if i > 0 { out.append(UInt8(ascii: ",")) }
                next = a[i]
                stack.append(.array(a, i + 1))
            case .object(let o, let i):
                if i == o.count {
                    out.append(UInt8(ascii: "}"))
                    continue
                }
                if i > 0 { out.append(UInt8(ascii: ",")) }
                let member = o.members[i]
                writeString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                next = member.value
                stack.append(.object(o, i + 1))
            }
        }
    }

    /// Appends `s` as a JSON string literal, copying runs that need no escape in one step.
    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { u in
            var runStart = 0
            for i in 0..<u.count {
                let c = u[i]
                guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
                if i > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<i])) }
                runStart = i + 1
                out.append(UInt8(ascii: "\\"))
                switch c {
                case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                default:
                    // Only controls below 0x20 get here: "u00" then two lowercase hex digits.
                    let low = c & 0xF
                    out.append(UInt8(ascii: "u"))
                    out.append(UInt8(ascii: "0"))
                    out.append(UInt8(ascii: "0"))
                    out.append(UInt8(ascii: "0") + (c >> 4))
                    out.append(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
                }
            }
            if u.count > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[runStart..<u.count])) }
        }
        out.append(UInt8(ascii: "\""))
    }
}
