import XCTest
@testable import JSONSchema

final class RegexTests: XCTestCase {
    /// (pattern, input, expected) — written from ECMA-262 semantics, not from engine output.
    private let semantics: [(String, String, Bool)] = [
        // Unanchored search and anchors (no multiline).
        ("b", "abc", true), ("^b", "abc", false), ("c$", "abc", true), ("^abc$", "abc\n", false),
        ("^$", "", true), ("a^b", "a^b", false), ("$a", "a", false), ("", "anything", true),
        // Alternation and groups.
        ("^(?:ab|cd)+$", "abcdab", true), ("^(?:ab|cd)+$", "abc", false), ("^(a|b|)$", "", true),
        ("^(?<year>\\d{4})-(?<m>\\d\\d)$", "2024-05", true),
        // Quantifiers, greedy and lazy (same truth value, different paths).
        ("^a{2}$", "aa", true), ("^a{2}$", "aaa", false), ("^a{2,}$", "aaaa", true), ("^a{2,}$", "a", false),
        ("^a{1,3}$", "aaa", true), ("^a{1,3}$", "aaaa", false), ("^a{0}$", "", true),
        ("^a+?b$", "aaab", true), ("^a*?$", "aa", true), ("^a??b$", "ab", true), ("^(a{1,2}?)b$", "aab", true),
        ("^(?:a*)*$", "aaa", true), ("^(?:a?)+b$", "b", true), ("^(?:)*$", "", true),
        // Classes.
        ("^[a-c]+$", "abcab", true), ("^[a-c]+$", "abd", false), ("^[^a-c]$", "d", true), ("^[^a-c]$", "a", false),
        ("^[\\d.]+$", "1.5", true), ("^[\\w-]+$", "a-b_c", true), ("^[-a]$", "-", true), ("^[a-]$", "-", true),
        ("[]", "a", false), ("^[^]$", "\n", true), ("^[\\b]$", "\u{8}", true), ("^[\\]]$", "]", true),
        ("^[\\^]$", "^", true), ("^[\\D]$", "x", true), ("^[\\D]$", "5", false), ("^[^\\W]$", "a", true),
        ("^[\\p{Lu}\\d]+$", "AB12", true), ("^[\\p{Lu}\\d]+$", "Ab", false), ("^[\\P{L}]$", "1", true),
        ("^[\\P{L}]$", "é", false),
        // Dot and line terminators.
        ("^.$", "\n", false), ("^.$", "\r", false), ("^.$", "\u{2028}", false), ("^.$", "\u{2029}", false),
        ("^.$", "\u{1F432}", true), ("^..$", "\u{1F432}", false),
        // Escapes.
        ("^\\t\\n\\v\\f\\r$", "\t\n\u{B}\u{C}\r", true), ("^\\cJ$", "\n", true), ("^\\x41$", "A", true),
        ("^\\u0041$", "A", true), ("^\\u{1F432}$", "\u{1F432}", true), ("^\\uD83D\\uDC32$", "\u{1F432}", true),
        ("^\\0$", "\u{0}", true), ("^\\/$", "/", true), ("^\\.$", "a", false), ("^\\$$", "$", true),
        // \d \w \s are ASCII / ECMA-defined.
        ("^\\d$", "٣", false), ("^\\w$", "é", false), ("^\\s$", "\u{FEFF}", true), ("^\\s$", "\u{3000}", true),
        ("^\\s$", "\u{200B}", false), ("^\\S$", "\u{85}", true),
        // Word boundaries.
        ("\\bfoo\\b", "a foo b", true), ("\\bfoo\\b", "afoob", false), ("\\Boo\\B", "foob", true),
        ("^\\b$", "", false), ("\\B", "", true), ("é\\b", "é", false),
        // Unicode property escapes.
        ("^\\p{Letter}+$", "Straße", true), ("^\\p{L}+$", "a1", false), ("^\\p{Lu}$", "É", true),
        ("^\\p{Nd}+$", "০১২", true), ("^\\p{digit}$", "x", false), ("^\\P{Nd}$", "x", true),
        ("^\\p{gc=Lowercase_Letter}$", "ß", true), ("^\\p{General_Category=Zs}$", " ", true),
        ("^\\p{ASCII}+$", "abc", true), ("^\\p{ASCII}+$", "ab\u{E9}", false), ("^\\p{Any}$", "\u{10FFFF}", true),
        ("^\\p{Alphabetic}$", "字", true), ("^\\p{White_Space}$", "\u{85}", true),
        // Astral characters are one scalar.
        ("^\u{1F432}*$", "\u{1F432}\u{1F432}", true), ("^[\u{1F432}]$", "\u{1F409}", false),
        ("^[\u{1F400}-\u{1F4FF}]$", "\u{1F409}", true),
        // Backreferences.
        ("^(a+)b\\1$", "aabaa", true), ("^(a+)b\\1$", "aaba", false), ("^(?<q>['\"]).*\\k<q>$", "'x'", true),
        ("^(?<q>['\"]).*\\k<q>$", "'x\"", false), ("^(a)?b\\1$", "b", true), ("\\1(a)", "a", true),
        ("^(?:(a)|b)\\1$", "b", true), ("^(?:(a)|b)+\\1$", "abb", true), ("^(?:(a)|b)+\\1$", "aba", false), ("^(?:(a)|b)+\\1$", "ab", true),
        ("^(a*)*$", "aaa", true), ("^(a*?)\\1$", "aa", true),
        // Lookahead and lookbehind.
        ("^(?=.*\\d)(?=.*[a-z]).{6,}$", "abc123", true), ("^(?=.*\\d)(?=.*[a-z]).{6,}$", "abcdef", false),
        ("^(?!foo)\\w+$", "foobar", false), ("^(?!foo)\\w+$", "barfoo", true), ("(?<=\\$)\\d+", "cost $42", true),
        ("(?<=\\$)\\d+", "cost 42", false), ("(?<!\\$)\\b\\d+", "$42", false), ("(?<!\\$)\\b\\d+", "x 42", true),
        ("(?<=a+)b", "aaab", true), ("(?<=^a{2})b", "aab", true), ("(?<=^a{2})b", "aaab", false),
        ("^(?=(a+))a*b\\1$", "aaaba", false), ("^(?=(a+))a*b\\1$", "aaabaaa", true),
    ]

    func testMatchingSemantics() throws {
        for (pattern, input, expected) in semantics {
            let regex = try ECMARegex(pattern)
            XCTAssertEqual(regex.matches(input), expected, "/\(pattern)/u against \(input.debugDescription)")
        }
    }

    /// Invalid patterns with the error code and a fragment of the message a schema author sees.
    private let syntaxErrors: [(String, RegexError.Code, String)] = [
        ("^(abc]", .loneBracket, "lone ']'"), ("abc)", .unbalancedParenthesis, "unmatched ')'"),
        ("((a)", .unbalancedParenthesis, "unterminated group"), ("[abc", .unterminatedClass, "unterminated"),
        ("\\", .invalidEscape, "end of pattern"), ("\\a", .invalidEscape, "not a valid escape"),
        ("\\e", .invalidEscape, "not a valid escape"), ("\\-", .invalidEscape, "not a valid escape"),
        ("\\c1", .invalidEscape, "ASCII letter"), ("\\x4", .invalidEscape, "two hex digits"),
        ("\\u12", .invalidEscape, "malformed"), ("\\u{110000}", .invalidEscape, "U+10FFFF"),
        ("\\01", .invalidEscape, "octal"), ("a{2,1}", .invalidQuantifier, "out of order"),
        ("*a", .nothingToRepeat, "nothing to repeat"), ("a**", .nothingToRepeat, "nothing to repeat"),
        ("a|?", .nothingToRepeat, "nothing to repeat"), ("^*", .nothingToRepeat, "assertion"),
        ("(?=a)+", .nothingToRepeat, "assertion"), ("{1}", .nothingToRepeat, "nothing to repeat"),
        ("a{", .loneBracket, "incomplete quantifier"), ("a{1", .loneBracket, "incomplete quantifier"),
        ("}", .loneBracket, "lone"), ("]", .loneBracket, "lone"), ("x{a}", .loneBracket, "incomplete"),
        ("[z-a]", .invalidRange, "out of order"), ("[\\d-z]", .invalidRange, "class escape"),
        ("(?P<name>x)", .invalidGroup, "invalid group"), ("(?i)abc", .invalidGroup, "invalid group"),
        ("(?#c)a", .invalidGroup, "invalid group"), ("(?<1a>x)", .invalidGroupName, "group name"),
        ("(?<n>a)(?<n>b)", .duplicateGroupName, "duplicate"), ("\\k<n>", .unknownGroupName, "no group named"),
        ("(a)\\2", .invalidBackreference, "1 group"), ("\\k", .invalidEscape, "'\\k'"),
        ("\\p{Nope}", .invalidProperty, "unknown Unicode property"), ("\\p{L", .invalidProperty, "unterminated"),
        ("\\pL", .invalidProperty, "'{name}'"), ("\\p{Script=Greek}", .invalidProperty, "not supported"),
        ("(a{1000}){1000}", .patternTooLarge, "instructions"),
        (String(repeating: "(", count: 100_000), .patternTooLarge, "nested deeper than 250"),
        (String(repeating: "(?:", count: 251) + String(repeating: ")", count: 251), .patternTooLarge, "nested"),
    ]

    /// The byte-level fast path must give the NFA's answer on every input, and must refuse
    /// patterns where greedy matching without giving back could miss a match.
    func testAtomSequenceFastPathAgreesWithNFA() throws {
        func parsed(_ pattern: String) throws -> (RegexNode, Int) {
            var parser = RegexParser(pattern)
            return try parser.parse()
        }
        let eligible = ["^[A-Z]{3}-[0-9]{4}$", "^[0-9]{2}$", "^\\d+$", "[a-c]+x", "^a*b$", "^(?:a)?b{2,3}$", "ab?c",
                        "^[a-z0-9_-]{1,3}$", "x*", "^$", "", "^a*?b+$", "c$", "[]"]
        let refused = ["^a*ab$", "^a*b?a$", "^.$", "^[^a]$", "a|b", "^(ab)+$", "\\bx", "^é$", "^\\p{L}$", "(a)\\1",
                       "a^b", "$a", "^[a-é]$"]
        for pattern in refused {
            XCTAssertNil(AtomSequenceMatcher(try parsed(pattern).0), pattern)
        }
        let alphabet = ["a", "b", "c", "x", "A", "Z", "0", "9", "-", "_", "é", "\n"]
        var inputs = [""]
        var layer = [""]
        for _ in 0..<3 {
            layer = layer.flatMap { prefix in alphabet.map { prefix + $0 } }
            inputs += layer
        }
        for pattern in eligible {
            let (node, groups) = try parsed(pattern)
            let fast = try XCTUnwrap(AtomSequenceMatcher(node), pattern)
            let nfa = NFAMatcher(program: try RegexProgram(node, groupCount: groups))
            for input in inputs where fast.matches(input) != nfa.matches(input.unicodeScalars) {
                XCTFail("\(pattern) on \(input.debugDescription): fast path says \(fast.matches(input))")
            }
        }
    }

    func testASCIIAutomatonAgreesWithNFA() throws {
        func program(_ pattern: String) throws -> RegexProgram {
            var parser = RegexParser(pattern)
            let (node, groups) = try parser.parse()
            return try RegexProgram(node, groupCount: groups)
        }
        let eligible = ["^https://[a-z0-9.-]+(/[A-Za-z0-9._~-]*)*$", "^(https?://.*)?$", "a|b", "^(ab)+$", "^a*ab$",
                        "(a|b)*c", "^$", "", "x$", "^.$", "[^a]b", "(?:ab|a)c$", "^(a|ab)(c|bcd)$", "a$|^b", "^a*?b+$",
                        "(x*)*y", "^[^\\n]*$", "a{2,3}", "^(?:a|b|)+$", "$", "^", "^\\d{1,2}(:\\d\\d)?$"]
        let refused = ["\\bx", "x\\B", "(a)\\1", "(?=a)b", "(a|b)*a(a|b){9}"]
        for pattern in refused {
            XCTAssertNil(ASCIIDFA(try program(pattern)), pattern)
        }
        let alphabet = ["a", "b", "c", "d", "x", "y", "0", "1", ":", "/", ".", "h", "é", "\n"]
        var inputs = [""]
        var layer = [""]
        for _ in 0..<4 {
            layer = layer.flatMap { prefix in alphabet.map { prefix + $0 } }
            inputs += layer
        }
        inputs += ["https://shop.example.org/products/item-1", "https://a.b/", "https://A.b", "http://x", "https:/x"]
        for pattern in eligible {
            let compiled = try program(pattern)
            let dfa = try XCTUnwrap(ASCIIDFA(compiled), pattern)
            let nfa = NFAMatcher(program: compiled)
            var answered = 0
            for input in inputs {
                let fast = Array(input.utf8).withUnsafeBufferPointer { dfa.matches($0) }
                let ascii = !input.isEmpty && input.utf8.allSatisfy { $0 < 0x80 }
                XCTAssertEqual(fast != nil, ascii, "\(pattern) on \(input.debugDescription)")
                guard let fast else { continue }
                answered += 1
                if fast != nfa.matches(input.unicodeScalars) {
                    XCTFail("\(pattern) on \(input.debugDescription): automaton says \(fast)")
                }
            }
            XCTAssertGreaterThan(answered, 10_000, pattern)
        }
        // Through the public entry point, with the NFA's results written out from ECMA-262.
        let url = try ECMARegex("^https://[a-z0-9.-]+(/[A-Za-z0-9._~-]*)*$")
        XCTAssertTrue(url.matches("https://shop.example.org/products/item-42"))
        XCTAssertFalse(url.matches("https://shop.example.org/products/item 42"))
        XCTAssertFalse(url.matches("https://shop.example.org/é"))
        XCTAssertTrue(try ECMARegex("^(https?://.*)?$").matches(""))
        XCTAssertFalse(try ECMARegex("^(https?://.*)?$").matches("ftp://x"))
        XCTAssertFalse(try ECMARegex("^(https?://.*)?$").matches("http://x\ny"))
    }

    func testSyntaxErrors() {
        for (pattern, code, fragment) in syntaxErrors {
            do {
                _ = try ECMARegex(pattern)
                XCTFail("/\(pattern)/u compiled but is invalid")
            } catch {
                XCTAssertEqual(error.code, code, "/\(pattern)/u: \(error)")
                XCTAssertTrue(error.description.contains(fragment), "/\(pattern)/u: '\(error)' lacks '\(fragment)'")
            }
        }
    }

    func testValidSyntaxThatLooksOdd() throws {
        for pattern in ["[]", "[^]", "\\cA", "(?<name>x)", "(?<n>a)\\k<n>", "(?<=a+)b", "a{1,}", "[{}]", "\\{\\}",
                        String(repeating: "(", count: 250) + String(repeating: ")", count: 250), "(?<$é_1>x)", "(?<\\u0061>x)\\k<a>", "[\\-]", "\\k<late>(?<late>x)"] {
            XCTAssertNoThrow(try ECMARegex(pattern), pattern)
        }
    }

    func testErrorReportsOffset() {
        XCTAssertThrowsError(try ECMARegex("abc\\q")) { error in
            XCTAssertEqual((error as? RegexError)?.offset, 3)
            XCTAssertEqual("\(error)", "invalid regular expression at offset 3: '\\q' is not a valid escape with the u flag")
        }
    }

    func testNestedQuantifierIsLinear() throws {
        let regex = try ECMARegex("^(a+)+$")
        XCTAssertFalse(regex.usesBacktracking)
        XCTAssertFalse(regex.matches(String(repeating: "a", count: 30) + "!"))
        XCTAssertTrue(regex.matches(String(repeating: "a", count: 30)))
        XCTAssertEqual(regex.evaluate(String(repeating: "a", count: 5000) + "!"), .noMatch)
        let alternation = try ECMARegex("^(a|aa|a?)*b$")
        XCTAssertFalse(alternation.matches(String(repeating: "a", count: 40)))
    }

    func testBacktrackingBudgetIsReportedAsNoMatch() throws {
        // The backreference forces the backtracker; (a+)+ is exponential for it.
        let regex = try ECMARegex("^(a+)+\\1!$", backtrackBudget: 100_000, backtrackStepsPerScalar: 0)
        XCTAssertTrue(regex.usesBacktracking)
        let hostile = String(repeating: "a", count: 30) + "?"
        XCTAssertEqual(regex.evaluate(hostile), .budgetExceeded)
        XCTAssertFalse(regex.matches(hostile))
        XCTAssertEqual(regex.evaluate("aaaa!"), .match)
        XCTAssertEqual(try ECMARegex("^(a)\\1$", backtrackBudget: 1, backtrackStepsPerScalar: 0).evaluate("aa"), .budgetExceeded)
        // With the default budget the same hostile input is refused too: growth is exponential.
        XCTAssertEqual(try ECMARegex("^(a+)+\\1!$").evaluate(hostile), .budgetExceeded)
    }

    func testBudgetGrowsWithInputSoLongBenignInputsMatch() throws {
        // About 10 steps per start position: over the fixed budget, within the per-scalar share.
        let regex = try ECMARegex("(?<=x)y", backtrackBudget: 1_000)
        XCTAssertTrue(regex.usesBacktracking)
        XCTAssertEqual(regex.evaluate(String(repeating: "ab", count: 20_000) + "xy"), .match)
        XCTAssertEqual(regex.evaluate(String(repeating: "ab", count: 20_000)), .noMatch)
    }

    func testLongInputsOnLinearEngine() throws {
        let regex = try ECMARegex("\\d{3}-\\d{4}")
        XCTAssertTrue(regex.matches(String(repeating: "x", count: 100_000) + "555-1234"))
        XCTAssertFalse(regex.matches(String(repeating: "5", count: 100_000)))
    }
}
