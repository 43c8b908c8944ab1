/// Splits a shell line into words the way a POSIX shell does for plain commands: whitespace separates words; single
/// quotes keep everything literally; double quotes keep spaces and allow `\"` and `\\`; a backslash outside quotes
/// escapes the next character; `#` at the start of a word begins a comment. No variables, globs or pipes: a line is
/// one mscli command.
enum ShellTokenizer {
    struct Result: Equatable {
        var words: [String]
        /// The line ends inside quotes or with a backslash: more lines are needed (the continuation prompt).
        var incomplete: Bool
        /// Where the last word starts (for completion), and whether the line ends in the middle of a word.
        var lastWordStart: String.Index?
        var endsInWord: Bool
    }

    static func split(_ line: String) -> Result {
        var words: [String] = []
        var current = ""
        var inWord = false
        var wordStart: String.Index?
        var quote: Character?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            switch quote {
            case "'":
                if character == "'" { quote = nil } else { current.append(character) }
            case "\"":
                if character == "\"" {
                    quote = nil
                } else if character == "\\", line.index(after: index) < line.endIndex,
                    ["\"", "\\", "$", "`"].contains(line[line.index(after: index)])
                {
                    index = line.index(after: index)
                    current.append(line[index])
                } else if character == "\\", line.index(after: index) == line.endIndex {
                    return Result(words: words + [current], incomplete: true, lastWordStart: wordStart, endsInWord: true)
                } else {
                    current.append(character)
                }
            default:
                if character == " " || character == "\t" || character == "\n" {
                    if inWord {
                        words.append(current)
                        current = ""
                        inWord = false
                    }
                } else if character == "#", !inWord {
                    return Result(words: words, incomplete: false, lastWordStart: nil, endsInWord: false)
                } else {
                    if !inWord {
                        inWord = true
                        wordStart = index
                    }
                    if character == "'" || character == "\"" {
                        quote = character
                    } else if character == "\\" {
                        let next = line.index(after: index)
                        guard next < line.endIndex else {
                            return Result(words: words + [current], incomplete: true, lastWordStart: wordStart, endsInWord: true)
                        }
                        index = next
                        current.append(line[index])
                    } else {
                        current.append(character)
                    }
                }
            }
            index = line.index(after: index)
        }
        if quote != nil {
            return Result(words: words + [current], incomplete: true, lastWordStart: wordStart, endsInWord: true)
        }
        if inWord { words.append(current) }
        return Result(words: words, incomplete: false, lastWordStart: inWord ? wordStart : nil, endsInWord: inWord)
    }
}

/// Joins physical lines into one command line: a line ending inside quotes continues with a newline, one ending in
/// a backslash continues without it.
struct LineAssembler {
    private(set) var pending = ""

    var isContinuing: Bool { !pending.isEmpty }

    /// The complete line and its words, or nil while more lines are needed.
    mutating func add(_ text: String) -> (line: String, words: [String])? {
        let line = pending + text
        let split = ShellTokenizer.split(line)
        if split.incomplete {
            pending = line.hasSuffix("\\") ? String(line.dropLast()) : line + "\n"
            return nil
        }
        pending = ""
        return (line, split.words)
    }

    mutating func reset() { pending = "" }
}
