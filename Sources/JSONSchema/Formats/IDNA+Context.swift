extension IDNA {
    /// RFC 5892 appendix A.1 and A.2: ZERO WIDTH NON-JOINER and ZERO WIDTH JOINER.
    static func contextJ(_ label: [Unicode.Scalar], _ index: Int) -> Bool {
        if index > 0, label[index - 1].properties.canonicalCombiningClass.rawValue == 9 { return true } // Virama
        guard label[index].value == 0x200C else { return false }
        // (Joining_Type:{L,D})(Joining_Type:T)*\u200C(Joining_Type:T)*(Joining_Type:{R,D})
        var before = index - 1
        while before >= 0, IDNATables.joiningType(label[before]) == .transparent { before -= 1 }
        guard before >= 0 else { return false }
        let left = IDNATables.joiningType(label[before])
        guard left == .left || left == .dual else { return false }
        var after = index + 1
        while after < label.count, IDNATables.joiningType(label[after]) == .transparent { after += 1 }
        guard after < label.count else { return false }
        let right = IDNATables.joiningType(label[after])
        return right == .right || right == .dual
    }

    /// RFC 5892 appendix A.3 to A.9.
    static func contextO(_ label: [Unicode.Scalar], _ index: Int) -> Bool {
        let v = label[index].value
        switch v {
        case 0x00B7: // MIDDLE DOT: between two 'l'
            return index > 0 && index + 1 < label.count && label[index - 1] == "l" && label[index + 1] == "l"
        case 0x0375: // GREEK LOWER NUMERAL SIGN (KERAIA): followed by Greek
            return index + 1 < label.count && IDNATables.script(label[index + 1]) == .greek
        case 0x05F3, 0x05F4: // HEBREW GERESH / GERSHAYIM: preceded by Hebrew
            return index > 0 && IDNATables.script(label[index - 1]) == .hebrew
        case 0x30FB: // KATAKANA MIDDLE DOT: some Hiragana, Katakana or Han in the label
            return label.contains { [.hiragana, .katakana, .han].contains(IDNATables.script($0)) }
        case 0x0660...0x0669: // ARABIC-INDIC DIGITS: no extended digits
            return !label.contains { (0x06F0...0x06F9).contains($0.value) }
        case 0x06F0...0x06F9: // EXTENDED ARABIC-INDIC DIGITS: no Arabic-Indic digits
            return !label.contains { (0x0660...0x0669).contains($0.value) }
        default:
            return false
        }
    }
}
