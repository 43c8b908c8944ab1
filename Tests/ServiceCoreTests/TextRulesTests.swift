import Foundation
import ServiceCore
import Testing

/// The one rule for text (``TextRules``): a maximum length in Unicode scalars, not blank where a name is required,
/// and no control characters (line breaks and tabs only in multi-line fields).
@Suite struct TextRulesTests {
    /// nil: accepted; otherwise the issue's type and message.
    @Test(arguments: [
        ("PVR Forum", TextLimit.name(10), nil as String?),
        ("0123456789", .name(10), nil),
        ("0123456789A", .name(10), "string_too_long: String should have at most 10 characters"),
        ("ééééé", .name(5), nil),  // five scalars, ten bytes
        ("e\u{301}e\u{301}e\u{301}", .name(5), "string_too_long: String should have at most 5 characters"),  // six scalars, three characters
        ("👩‍👩‍👧", .name(4), "string_too_long: String should have at most 4 characters"),  // one character, five scalars
        ("", .name(10), "string_too_short: String should have at least 1 character"),
        (" \t", .name(10), "string_pattern_mismatch: String should not contain control characters such as U+0009"),
        ("   ", .name(10), "string_too_short: String should have at least 1 character"),
        ("", .line(10), nil),
        ("  ", .line(10), nil),
        ("", .prose(10), nil),
        ("ab", TextLimit(maxLength: 10, minLength: 3), "string_too_short: String should have at least 3 characters"),
        ("a\nb", .name(10), "string_pattern_mismatch: String should not contain control characters such as U+000A"),
        ("a\nb\r\tc", .prose(10), nil),
        ("a\u{0}b", .prose(10),
         "string_pattern_mismatch: String should not contain control characters such as U+0000 (line breaks and tabs are allowed)"),
        ("a\u{1B}[31m", .line(20), "string_pattern_mismatch: String should not contain control characters such as U+001B"),
        ("a\u{7F}", .line(20), "string_pattern_mismatch: String should not contain control characters such as U+007F"),
        ("a\u{9F}", .line(20), "string_pattern_mismatch: String should not contain control characters such as U+009F"),
        ("a\u{A0}b", .line(20), nil),  // a no-break space is text
        ("a\u{200B}b", .line(20), nil),
        // A control character is reported before the length: the first problem a client should fix.
        ("\u{0}" + String(repeating: "x", count: 20), .name(10), "string_pattern_mismatch: String should not contain control characters such as U+0000"),
    ])
    func issue(text: String, limit: TextLimit, expected: String?) {
        let issue = TextRules.issue(text, at: ["body", "name"], limit)
        #expect(issue.map { "\($0.type): \($0.msg)" } == expected)
        if let issue { #expect(issue.loc == ["body", "name"]) }
    }

    @Test func forbiddenCharacter() {
        #expect(TextRules.forbiddenCharacter(in: "tab\there", allowingLineBreaks: true) == nil)
        #expect(TextRules.forbiddenCharacter(in: "tab\there", allowingLineBreaks: false) == "\t")
        #expect(TextRules.forbiddenCharacter(in: "bell\u{7}", allowingLineBreaks: true) == "\u{7}")
        #expect(TextRules.forbiddenCharacter(in: "plain ✓", allowingLineBreaks: false) == nil)
    }
}
