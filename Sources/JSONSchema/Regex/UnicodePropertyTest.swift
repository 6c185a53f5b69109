/// One `\p{...}` test. Only what the standard library can answer without tables: General_Category
/// (every long name, short name and alias) and a set of binary properties. `Script=` and
/// `Script_Extensions=` need the Unicode script table, which the standard library does not expose,
/// so those patterns are rejected as unsupported rather than matched wrongly.
indirect enum UnicodePropertyTest: Sendable {
    case generalCategories(UInt32)
    case binary(BinaryProperty)
    case complement(CharSet)

    enum BinaryProperty: Sendable {
        case any, ascii, assigned, alphabetic, lowercase, uppercase, whiteSpace, hexDigit, asciiHexDigit
        case idStart, idContinue, xidStart, xidContinue, math, dash, diacritic, extender
        case noncharacter, defaultIgnorable, emoji, emojiPresentation, emojiModifier
        case emojiModifierBase, emojiComponent, extendedPictographic, ideographic, joinControl
        case patternSyntax, patternWhiteSpace, quotationMark, radical, regionalIndicator
        case sentenceTerminal, softDotted, terminalPunctuation, unifiedIdeograph, variationSelector
        case bidiControl, bidiMirrored, cased, caseIgnorable, changesWhenCasefolded
        case changesWhenCasemapped, changesWhenLowercased, changesWhenUppercased
        case changesWhenTitlecased, changesWhenNFKCCasefolded, deprecated, graphemeBase
        case graphemeExtend, idsBinaryOperator, idsTrinaryOperator, logicalOrderException
    }

    func matches(_ scalar: Unicode.Scalar) -> Bool {
        switch self {
        case .generalCategories(let mask):
            return mask & (1 << UnicodePropertyTest.bit(scalar.properties.generalCategory)) != 0
        case .binary(let property):
            return property.matches(scalar)
        case .complement(let set):
            return !set.contains(scalar.value)
        }
    }

    static func mask(_ categories: [Unicode.GeneralCategory]) -> UInt32 {
        categories.reduce(0) { $0 | (1 << bit($1)) }
    }

    static func bit(_ category: Unicode.GeneralCategory) -> UInt32 {
        switch category {
        case .uppercaseLetter: return 0
        case .lowercaseLetter: return 1
        case .titlecaseLetter: return 2
        case .modifierLetter: return 3
        case .otherLetter: return 4
        case .nonspacingMark: return 5
        case .spacingMark: return 6
        case .enclosingMark: return 7
        case .decimalNumber: return 8
        case .letterNumber: return 9
        case .otherNumber: return 10
        case .connectorPunctuation: return 11
        case .dashPunctuation: return 12
        case .openPunctuation: return 13
        case .closePunctuation: return 14
        case .initialPunctuation: return 15
        case .finalPunctuation: return 16
        case .otherPunctuation: return 17
        case .mathSymbol: return 18
        case .currencySymbol: return 19
        case .modifierSymbol: return 20
        case .otherSymbol: return 21
        case .spaceSeparator: return 22
        case .lineSeparator: return 23
        case .paragraphSeparator: return 24
        case .control: return 25
        case .format: return 26
        case .surrogate: return 27
        case .privateUse: return 28
        case .unassigned: return 29
        @unknown default: return 29
        }
    }
}

extension UnicodePropertyTest.BinaryProperty {
    func matches(_ scalar: Unicode.Scalar) -> Bool {
        let p = scalar.properties
        switch self {
        case .any: return true
        case .ascii: return scalar.isASCII
        case .assigned: return p.generalCategory != .unassigned
        case .alphabetic: return p.isAlphabetic
        case .lowercase: return p.isLowercase
        case .uppercase: return p.isUppercase
        case .whiteSpace: return p.isWhitespace
        case .hexDigit: return p.isHexDigit
        case .asciiHexDigit: return p.isASCIIHexDigit
        case .idStart: return p.isIDStart
        case .idContinue: return p.isIDContinue
        case .xidStart: return p.isXIDStart
        case .xidContinue: return p.isXIDContinue
        case .math: return p.isMath
        case .dash: return p.isDash
        case .diacritic: return p.isDiacritic
        case .extender: return p.isExtender
        case .noncharacter: return p.isNoncharacterCodePoint
        case .defaultIgnorable: return p.isDefaultIgnorableCodePoint
        case .emoji: return p.isEmoji
        case .emojiPresentation: return p.isEmojiPresentation
        case .emojiModifier: return p.isEmojiModifier
        case .emojiModifierBase: return p.isEmojiModifierBase
        case .emojiComponent, .extendedPictographic: return emojiExtras(scalar)
        case .ideographic: return p.isIdeographic
        case .joinControl: return p.isJoinControl
        case .patternSyntax: return p.isPatternSyntax
        case .patternWhiteSpace: return p.isPatternWhitespace
        case .quotationMark: return p.isQuotationMark
        case .radical: return p.isRadical
        case .regionalIndicator: return scalar.value >= 0x1F1E6 && scalar.value <= 0x1F1FF
        case .sentenceTerminal: return p.isSentenceTerminal
        case .softDotted: return p.isSoftDotted
        case .terminalPunctuation: return p.isTerminalPunctuation
        case .unifiedIdeograph: return p.isUnifiedIdeograph
        case .variationSelector: return p.isVariationSelector
        case .bidiControl: return p.isBidiControl
        case .bidiMirrored: return p.isBidiMirrored
        case .cased: return p.isCased
        case .caseIgnorable: return p.isCaseIgnorable
        case .changesWhenCasefolded: return p.changesWhenCaseFolded
        case .changesWhenCasemapped: return p.changesWhenCaseMapped
        case .changesWhenLowercased: return p.changesWhenLowercased
        case .changesWhenUppercased: return p.changesWhenUppercased
        case .changesWhenTitlecased: return p.changesWhenTitlecased
        case .changesWhenNFKCCasefolded: return p.changesWhenNFKCCaseFolded
        case .deprecated: return p.isDeprecated
        case .graphemeBase: return p.isGraphemeBase
        case .graphemeExtend: return p.isGraphemeExtend
        case .idsBinaryOperator: return p.isIDSBinaryOperator
        case .idsTrinaryOperator: return p.isIDSTrinaryOperator
        case .logicalOrderException: return p.isLogicalOrderException
        }
    }

    /// Emoji_Component and Extended_Pictographic are not exposed by the standard library; both
    /// are approximated by the Emoji property plus the component ranges (keycap base, ZWJ,
    /// variation selector 16, regional indicators, skin tones, tag characters).
    private func emojiExtras(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if self == .emojiComponent {
            return v == 0x23 || v == 0x2A || (v >= 0x30 && v <= 0x39) || v == 0x200D || v == 0x20E3
                || v == 0xFE0F || (v >= 0x1F1E6 && v <= 0x1F1FF) || (v >= 0x1F3FB && v <= 0x1F3FF)
                || (v >= 0x1F9B0 && v <= 0x1F9B3) || (v >= 0xE0020 && v <= 0xE007F)
        }
        return scalar.properties.isEmoji && v > 0x7F
    }
}
