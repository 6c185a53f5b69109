// TEMPORARY until branch `json` lands with `JSON.serializedBytes()`; delete on merge.
import JSON

extension JSON {
    func serializedBytes() -> [UInt8] {
        var out: [UInt8] = []
        write(&out)
        return out
    }

    private func write(_ out: inout [UInt8]) {
        switch self {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .number(let n): out += Array(n.literal.utf8)
        case .string(let s):
            out.append(0x22)
            for c in s.unicodeScalars {
                switch c {
                case "\"": out += Array("\\\"".utf8)
                case "\\": out += Array("\\\\".utf8)
                case "\n": out += Array("\\n".utf8)
                case _ where c.value < 0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    out += Array("\\u00".utf8)
                    out.append(hex[Int(c.value >> 4)]); out.append(hex[Int(c.value & 15)])
                default: out += Array(String(c).utf8)
                }
            }
            out.append(0x22)
        case .array(let a):
            out.append(0x5B)
            for (i, v) in a.enumerated() { if i > 0 { out.append(0x2C) }; v.write(&out) }
            out.append(0x5D)
        case .object(let o):
            out.append(0x7B)
            for (i, m) in o.members.enumerated() {
                if i > 0 { out.append(0x2C) }
                JSON.string(m.key).write(&out); out.append(0x3A); m.value.write(&out)
            }
            out.append(0x7D)
        }
    }
}
