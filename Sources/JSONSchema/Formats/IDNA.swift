/// IDNA2008 label validation: RFC 5891 section 4.2.3 (hyphen and leading-mark rules), the
/// RFC 5892 derived property of every code point, its CONTEXTJ/CONTEXTO rules (appendix A), and
/// the RFC 5893 Bidi rule. Labels are compared in their lower-cased form.
enum IDNA {
    enum Property { case pvalid, contextJ, contextO, disallowed }

    /// RFC 5892 section 2.6 exceptions.
    private static let pvalidExceptions: Set<UInt32> = [0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007]
    private static let disallowedExceptions: Set<UInt32> = [0x0640, 0x07FA, 0x302E, 0x302F, 0x3031, 0x3032,
                                                            0x3033, 0x3034, 0x3035, 0x303B]

    /// RFC 5892 section 3: the derived property, in the RFC's order of tests.
    static func property(_ scalar: Unicode.Scalar) -> Property {
        let v = scalar.value
        if pvalidExceptions.contains(v) { return .pvalid }
        if disallowedExceptions.contains(v) { return .disallowed }
        if v == 0x00B7 || v == 0x0375 || v == 0x05F3 || v == 0x05F4 || v == 0x30FB
            || (0x0660...0x0669).contains(v) || (0x06F0...0x06F9).contains(v) { return .contextO }
        let p = scalar.properties
        if p.generalCategory == .unassigned { return .disallowed }
        if v == 0x2D || (0x30...0x39).contains(v) || (0x61...0x7A).contains(v) { return .pvalid }
        if v == 0x200C || v == 0x200D { return .contextJ }
        if p.changesWhenNFKCCaseFolded { return .disallowed } // Unstable
        if p.isDefaultIgnorableCodePoint || p.isWhitespace || p.isNoncharacterCodePoint { return .disallowed }
        if (0x20D0...0x20FF).contains(v) || (0x1D100...0x1D24F).contains(v) { return .disallowed } // IgnorableBlocks
        if (0x1100...0x11FF).contains(v) || (0xA960...0xA97F).contains(v) || (0xD7B0...0xD7FF).contains(v) {
            return .disallowed // OldHangulJamo
        }
        switch p.generalCategory {
        case .lowercaseLetter, .uppercaseLetter, .otherLetter, .decimalNumber, .modifierLetter,
             .nonspacingMark, .spacingMark:
            return .pvalid
        default:
            return .disallowed
        }
    }

    /// A U-label (or the decoding of an A-label) on its own, without the Bidi rule, which needs
    /// the whole domain name.
    static func isValidULabel(_ label: [Unicode.Scalar]) -> Bool {
        guard let first = label.first, let last = label.last else { return false }
        if label.count >= 4, label[2] == "-", label[3] == "-" { return false }
        if first == "-" || last == "-" { return false }
        switch first.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return false
        default: break
        }
        for index in label.indices {
            switch property(label[index]) {
            case .pvalid: continue
            case .disallowed: return false
            case .contextJ: if !contextJ(label, index) { return false }
            case .contextO: if !contextO(label, index) { return false }
            }
        }
        return true
    }

    /// The A-label form (`xn--` + Punycode) of a non-ASCII label, for length limits.
    static func aLabelLength(_ label: [Unicode.Scalar]) -> Int {
        guard label.contains(where: { !$0.isASCII }) else { return label.count }
        return 4 + Punycode.encode(label.map(\.value)).count
    }

    /// Decodes an `xn--` label (without the prefix); nil unless it is a canonical encoding of a
    /// label that really needs one (RFC 5891 section 5.3).
    static func decodeALabel(_ punycode: [UInt8]) -> [Unicode.Scalar]? {
        guard let decoded = Punycode.decode(punycode), decoded.contains(where: { $0 >= 0x80 }) else { return nil }
        let lowered = punycode.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        guard Punycode.encode(decoded) == lowered else { return nil }
        return decoded.compactMap(Unicode.Scalar.init)
    }
}
