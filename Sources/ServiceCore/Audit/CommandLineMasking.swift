import Foundation

/// A command line as the audit trail stores it: secrets replaced by `***`, words quoted the way a shell would need
/// them, so the line can be read (and, secrets aside, re-run) without ever holding a password.
///
/// Masked: the password of every URL (`postgres://u:***@h/db`, each URL of a comma-separated list too),
/// `password=…` in `key=value` connection strings, the value of every option whose name mentions a password, token or
/// secret (`--password X`, `--token=X`; `--password-stdin` takes no value and masks nothing), and anything shaped like
/// a JSON Web Token.
public enum CommandLineMasking {
    public static let mask = "***"

    public static func maskedLine(_ words: [String]) -> String {
        maskedWords(words).map(shellQuoted).joined(separator: " ")
    }

    public static func maskedWords(_ words: [String]) -> [String] {
        var result: [String] = []
        var maskNext = false
        for word in words {
            if maskNext {
                result.append(mask)
                maskNext = false
                continue
            }
            if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
                let name = String(word[..<equals])
                result.append(isSecretOption(name) ? name + "=" + mask : name + "=" + maskedText(String(word[word.index(after: equals)...])))
                continue
            }
            if word.hasPrefix("-"), isSecretOption(word) {
                result.append(word)
                maskNext = !takesNoValue(word)
                continue
            }
            result.append(maskedText(word))
        }
        return result
    }

    /// One free-standing value (a URL, a list of URLs, a connection string, a message): its secrets masked.
    public static func maskedText(_ text: String) -> String {
        var out = maskURLPasswords(text)
        out = replacing(#"(?i)(password\s*=\s*)('[^']*'|[^\s,]+)"#, in: out, with: "$1" + mask)
        out = replacing(#"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"#, in: out, with: mask)
        return out
    }

    static func isSecretOption(_ name: String) -> Bool {
        let lower = name.lowercased()
        return ["password", "passwd", "token", "secret"].contains { lower.contains($0) }
    }

    /// Flags that name a secret but take no value (`--password-stdin`).
    static func takesNoValue(_ name: String) -> Bool {
        name.lowercased().hasSuffix("-stdin")
    }

    /// `scheme://user:password@` → `scheme://user:***@`, wherever it occurs in the text.
    static func maskURLPasswords(_ text: String) -> String {
        replacing(#"([A-Za-z][A-Za-z0-9+.-]*://[^:/@\s,]*):[^@/\s,]*@"#, in: text, with: "$1:" + mask + "@")
    }

    static func replacing(_ pattern: String, in text: String, with template: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        return regex.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }

    /// The word as a POSIX shell would need it: bare when it holds nothing special, else single-quoted.
    static func shellQuoted(_ word: String) -> String {
        let plain = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@,+%*")
        if !word.isEmpty, word.unicodeScalars.allSatisfy(plain.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
