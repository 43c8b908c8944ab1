import Foundation

/// Splits a SQL script into single statements.
///
/// PostgresNIO speaks only the extended query protocol, which takes one statement at a time, so a migration's
/// script is split here. The scanner understands what can hide a `;`: single-quoted strings (with `''` and
/// `E'\''` escapes), quoted identifiers, dollar-quoted bodies (`$$ ... $$`, `$fn$ ... $fn$`), line comments
/// and nested block comments.
public enum SQLScript {
    public static func statements(in script: String) -> [String] {
        let chars = Array(script.unicodeScalars)
        var statements: [String] = []
        var current = String.UnicodeScalarView()
        var index = 0

        func flush() {
            let text = String(current).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty, !isOnlyComments(text) { statements.append(text) }
            current = String.UnicodeScalarView()
        }

        while index < chars.count {
            let c = chars[index]
            let next: Unicode.Scalar? = index + 1 < chars.count ? chars[index + 1] : nil
            switch c {
            case "-" where next == "-":
                while index < chars.count, chars[index] != "\n" {
                    current.append(chars[index])
                    index += 1
                }
                continue
            case "/" where next == "*":
                var depth = 0
                repeat {
                    if chars[index] == "/", index + 1 < chars.count, chars[index + 1] == "*" {
                        depth += 1
                        current.append(contentsOf: [chars[index], chars[index + 1]])
                        index += 2
                    } else if chars[index] == "*", index + 1 < chars.count, chars[index + 1] == "/" {
                        depth -= 1
                        current.append(contentsOf: [chars[index], chars[index + 1]])
                        index += 2
                    } else {
                        current.append(chars[index])
                        index += 1
                    }
                } while depth > 0 && index < chars.count
                continue
            case "'", "\"":
                let escapesBackslash = c == "'" && index > 0 && (chars[index - 1] == "E" || chars[index - 1] == "e")
                current.append(c)
                index += 1
                while index < chars.count {
                    let d = chars[index]
                    current.append(d)
                    index += 1
                    if escapesBackslash, d == "\\", index < chars.count {
                        current.append(chars[index])
                        index += 1
                    } else if d == c {
                        if index < chars.count, chars[index] == c {  // doubled quote is an escaped quote
                            current.append(chars[index])
                            index += 1
                        } else {
                            break
                        }
                    }
                }
                continue
            case "$":
                if let tag = dollarTag(chars, at: index) {
                    current.append(contentsOf: tag)
                    index += tag.count
                    while index < chars.count {
                        if chars[index] == "$", Array(chars[index..<min(chars.count, index + tag.count)]) == tag {
                            current.append(contentsOf: tag)
                            index += tag.count
                            break
                        }
                        current.append(chars[index])
                        index += 1
                    }
                    continue
                }
            case ";":
                flush()
                index += 1
                continue
            default:
                break
            }
            current.append(c)
            index += 1
        }
        flush()
        return statements
    }

    /// `$tag$` starting at `index`, or nil when the `$` is a positional parameter or part of an identifier.
    private static func dollarTag(_ chars: [Unicode.Scalar], at index: Int) -> [Unicode.Scalar]? {
        if index > 0, isIdentifierCharacter(chars[index - 1]) { return nil }
        var end = index + 1
        while end < chars.count, chars[end] != "$" {
            guard isIdentifierCharacter(chars[end]), !(end == index + 1 && chars[end].properties.numericType != nil) else {
                return nil
            }
            end += 1
        }
        guard end < chars.count else { return nil }
        return Array(chars[index...end])
    }

    private static func isIdentifierCharacter(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)
    }

    private static func isOnlyComments(_ text: String) -> Bool {
        text.split(separator: "\n").allSatisfy { $0.trimmingCharacters(in: .whitespaces).hasPrefix("--") }
    }
}
