extension UnicodePropertyTest {
    enum Lookup {
        case found(UnicodePropertyTest)
        case unknown
        /// Valid ECMA-262 (Script, Script_Extensions) but not answerable without tables.
        case unsupported
    }

    /// Resolves the text between the braces of `\p{...}`: `Name`, or `Name=Value`.
    static func lookup(_ text: String) -> Lookup {
        if let eq = text.firstIndex(of: "=") {
            let name = String(text[..<eq])
            let value = String(text[text.index(after: eq)...])
            switch name {
            case "General_Category", "gc":
                return generalCategory(value).map { .found(.generalCategories($0)) } ?? .unknown
            case "Script", "sc", "Script_Extensions", "scx":
                return value.isEmpty ? .unknown : .unsupported
            default:
                return .unknown
            }
        }
        if let mask = generalCategory(text) { return .found(.generalCategories(mask)) }
        if let binary = binaryProperties[text] { return .found(.binary(binary)) }
        return .unknown
    }

    private static func generalCategory(_ name: String) -> UInt32? {
        for (names, categories) in generalCategoryNames where names.contains(name) {
            return mask(categories)
        }
        return nil
    }

    /// Names and aliases from the Unicode PropertyValueAliases file for `gc`.
    private static let generalCategoryNames: [([String], [Unicode.GeneralCategory])] = [
        (["C", "Other"], [.control, .format, .unassigned, .privateUse, .surrogate]),
        (["Cc", "Control", "cntrl"], [.control]),
        (["Cf", "Format"], [.format]),
        (["Cn", "Unassigned"], [.unassigned]),
        (["Co", "Private_Use"], [.privateUse]),
        (["Cs", "Surrogate"], [.surrogate]),
        (["L", "Letter"], [.lowercaseLetter, .modifierLetter, .otherLetter, .titlecaseLetter, .uppercaseLetter]),
        (["LC", "Cased_Letter"], [.lowercaseLetter, .titlecaseLetter, .uppercaseLetter]),
        (["Ll", "Lowercase_Letter"], [.lowercaseLetter]),
        (["Lm", "Modifier_Letter"], [.modifierLetter]),
        (["Lo", "Other_Letter"], [.otherLetter]),
        (["Lt", "Titlecase_Letter"], [.titlecaseLetter]),
        (["Lu", "Uppercase_Letter"], [.uppercaseLetter]),
        (["M", "Mark", "Combining_Mark"], [.spacingMark, .enclosingMark, .nonspacingMark]),
        (["Mc", "Spacing_Mark"], [.spacingMark]),
        (["Me", "Enclosing_Mark"], [.enclosingMark]),
        (["Mn", "Nonspacing_Mark"], [.nonspacingMark]),
        (["N", "Number"], [.decimalNumber, .letterNumber, .otherNumber]),
        (["Nd", "Decimal_Number", "digit"], [.decimalNumber]),
        (["Nl", "Letter_Number"], [.letterNumber]),
        (["No", "Other_Number"], [.otherNumber]),
        (["P", "Punctuation", "punct"], [.connectorPunctuation, .dashPunctuation, .closePunctuation,
                                          .finalPunctuation, .initialPunctuation, .otherPunctuation,
                                          .openPunctuation]),
        (["Pc", "Connector_Punctuation"], [.connectorPunctuation]),
        (["Pd", "Dash_Punctuation"], [.dashPunctuation]),
        (["Pe", "Close_Punctuation"], [.closePunctuation]),
        (["Pf", "Final_Punctuation"], [.finalPunctuation]),
        (["Pi", "Initial_Punctuation"], [.initialPunctuation]),
        (["Po", "Other_Punctuation"], [.otherPunctuation]),
        (["Ps", "Open_Punctuation"], [.openPunctuation]),
        (["S", "Symbol"], [.currencySymbol, .modifierSymbol, .mathSymbol, .otherSymbol]),
        (["Sc", "Currency_Symbol"], [.currencySymbol]),
        (["Sk", "Modifier_Symbol"], [.modifierSymbol]),
        (["Sm", "Math_Symbol"], [.mathSymbol]),
        (["So", "Other_Symbol"], [.otherSymbol]),
        (["Z", "Separator"], [.lineSeparator, .paragraphSeparator, .spaceSeparator]),
        (["Zl", "Line_Separator"], [.lineSeparator]),
        (["Zp", "Paragraph_Separator"], [.paragraphSeparator]),
        (["Zs", "Space_Separator"], [.spaceSeparator]),
    ]

    /// The binary properties ECMA-262 lists, by long name and short alias.
    private static let binaryProperties: [String: BinaryProperty] = [
        "Any": .any, "ASCII": .ascii, "Assigned": .assigned,
        "Alphabetic": .alphabetic, "Alpha": .alphabetic,
        "Lowercase": .lowercase, "Lower": .lowercase, "Uppercase": .uppercase, "Upper": .uppercase,
        "White_Space": .whiteSpace, "space": .whiteSpace,
        "Hex_Digit": .hexDigit, "Hex": .hexDigit, "ASCII_Hex_Digit": .asciiHexDigit, "AHex": .asciiHexDigit,
        "ID_Start": .idStart, "IDS": .idStart, "ID_Continue": .idContinue, "IDC": .idContinue,
        "XID_Start": .xidStart, "XIDS": .xidStart, "XID_Continue": .xidContinue, "XIDC": .xidContinue,
        "Math": .math, "Dash": .dash, "Diacritic": .diacritic, "Dia": .diacritic,
        "Extender": .extender, "Ext": .extender,
        "Noncharacter_Code_Point": .noncharacter, "NChar": .noncharacter,
        "Default_Ignorable_Code_Point": .defaultIgnorable, "DI": .defaultIgnorable,
        "Emoji": .emoji, "Emoji_Presentation": .emojiPresentation, "EPres": .emojiPresentation,
        "Emoji_Modifier": .emojiModifier, "EMod": .emojiModifier,
        "Emoji_Modifier_Base": .emojiModifierBase, "EBase": .emojiModifierBase,
        "Emoji_Component": .emojiComponent, "EComp": .emojiComponent,
        "Extended_Pictographic": .extendedPictographic, "ExtPict": .extendedPictographic,
        "Ideographic": .ideographic, "Ideo": .ideographic, "Join_Control": .joinControl, "Join_C": .joinControl,
        "Pattern_Syntax": .patternSyntax, "Pat_Syn": .patternSyntax,
        "Pattern_White_Space": .patternWhiteSpace, "Pat_WS": .patternWhiteSpace,
        "Quotation_Mark": .quotationMark, "QMark": .quotationMark, "Radical": .radical,
        "Regional_Indicator": .regionalIndicator, "RI": .regionalIndicator,
        "Sentence_Terminal": .sentenceTerminal, "STerm": .sentenceTerminal,
        "Soft_Dotted": .softDotted, "SD": .softDotted,
        "Terminal_Punctuation": .terminalPunctuation, "Term": .terminalPunctuation,
        "Unified_Ideograph": .unifiedIdeograph, "UIdeo": .unifiedIdeograph,
        "Variation_Selector": .variationSelector, "VS": .variationSelector,
        "Bidi_Control": .bidiControl, "Bidi_C": .bidiControl, "Bidi_Mirrored": .bidiMirrored, "Bidi_M": .bidiMirrored,
        "Cased": .cased, "Case_Ignorable": .caseIgnorable, "CI": .caseIgnorable,
        "Changes_When_Casefolded": .changesWhenCasefolded, "CWCF": .changesWhenCasefolded,
        "Changes_When_Casemapped": .changesWhenCasemapped, "CWCM": .changesWhenCasemapped,
        "Changes_When_Lowercased": .changesWhenLowercased, "CWL": .changesWhenLowercased,
        "Changes_When_Uppercased": .changesWhenUppercased, "CWU": .changesWhenUppercased,
        "Changes_When_Titlecased": .changesWhenTitlecased, "CWT": .changesWhenTitlecased,
        "Changes_When_NFKC_Casefolded": .changesWhenNFKCCasefolded, "CWKCF": .changesWhenNFKCCasefolded,
        "Deprecated": .deprecated, "Dep": .deprecated,
        "Grapheme_Base": .graphemeBase, "Gr_Base": .graphemeBase,
        "Grapheme_Extend": .graphemeExtend, "Gr_Ext": .graphemeExtend,
        "IDS_Binary_Operator": .idsBinaryOperator, "IDSB": .idsBinaryOperator,
        "IDS_Trinary_Operator": .idsTrinaryOperator, "IDST": .idsTrinaryOperator,
        "Logical_Order_Exception": .logicalOrderException, "LOE": .logicalOrderException,
    ]
}
