import Testing

@testable import MSCLIKit

/// `mscli shell` splits a line as a POSIX shell splits a plain command (``ShellTokenizer``) and joins continued lines
/// (``LineAssembler``).
@Suite struct ShellTokenizerTests {
    @Test(arguments: [
        ("theaters list", ["theaters", "list"]),
        ("  theaters\t list  ", ["theaters", "list"]),
        ("", []),
        ("   ", []),
        (#"theaters get 'PVR Forum'"#, ["theaters", "get", "PVR Forum"]),
        (#"theaters get "PVR Forum""#, ["theaters", "get", "PVR Forum"]),
        (#"theaters get PVR\ Forum"#, ["theaters", "get", "PVR Forum"]),
        (#"a'b c'd"#, ["ab cd"]),  // quotes join with what touches them
        (#"'it''s'"#, ["its"]),
        (#"'a\"b'"#, [#"a\"b"#]),  // nothing escapes inside single quotes
        (#""say \"hi\"""#, [#"say "hi""#]),
        (#""back\\slash""#, [#"back\slash"#]),
        (#""\$HOME \`x\`""#, ["$HOME `x`"]),
        (#""\n stays""#, [#"\n stays"#]),  // in double quotes a backslash escapes only " \ $ `
        ("\\#x", ["#x"]),  // an escaped # starts no comment
        ("''", [""]),
        (#""""#, [""]),
        ("a '' b", ["a", "", "b"]),
        ("list # a comment", ["list"]),
        ("# only a comment", []),
        ("a#b", ["a#b"]),  // # starts a comment only at the start of a word
        ("'#' x", ["#", "x"]),
        ("seed --note \"a\nb\"", ["seed", "--note", "a\nb"]),
        ("a\u{0}b c", ["a\u{0}b", "c"]),  // a NUL byte is an ordinary character of its word
        ("\u{0}", ["\u{0}"]),
        ("'\u{0}' x", ["\u{0}", "x"]),
    ])
    func completeLines(line: String, words: [String]) {
        let split = ShellTokenizer.split(line)
        #expect(split.words == words)
        #expect(!split.incomplete)
    }

    /// A line ending inside quotes or in a backslash needs more (the continuation prompt); the words so far are kept.
    @Test(arguments: [
        ("theaters get 'PVR", ["theaters", "get", "PVR"]),
        (#"theaters get "PVR"#, ["theaters", "get", "PVR"]),
        (#"theaters get \"#, ["theaters", "get", ""]),
        (#"theaters get "PVR \"#, ["theaters", "get", "PVR "]),
        ("'", [""]),
    ])
    func incompleteLines(line: String, words: [String]) {
        let split = ShellTokenizer.split(line)
        #expect(split.incomplete)
        #expect(split.words == words)
        #expect(split.endsInWord)
    }

    /// For completion: where the last word starts, and whether the cursor is inside it.
    @Test func lastWord() {
        let inWord = ShellTokenizer.split("theaters li")
        #expect(inWord.endsInWord)
        #expect(inWord.lastWordStart.map { String("theaters li"[$0...]) } == "li")
        let after = ShellTokenizer.split("theaters ")
        #expect(!after.endsInWord)
        #expect(after.lastWordStart == nil)
    }

    @Test func continuedLines() {
        var assembler = LineAssembler()
        #expect(assembler.add("theaters get 'PVR") == nil)
        #expect(assembler.isContinuing)
        let quoted = assembler.add("Forum'")
        #expect(quoted?.words == ["theaters", "get", "PVR\nForum"])
        #expect(!assembler.isContinuing)

        #expect(assembler.add(#"theaters list \"#) == nil)
        let joined = assembler.add("--city Pune")
        #expect(joined?.line == "theaters list --city Pune")
        #expect(joined?.words == ["theaters", "list", "--city", "Pune"])

        #expect(assembler.add(#"book "A"#) == nil)
        assembler.reset()
        #expect(!assembler.isContinuing)
        #expect(assembler.add("doctor")?.words == ["doctor"])
    }
}
