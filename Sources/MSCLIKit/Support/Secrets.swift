import Foundation

/// The one place secrets are masked before anything reaches stdout, stderr or a debug log line: the password of
/// every URL (database URLs, each URL of the comma-separated shard list, `redis://:secret@host`, a search URL with
/// user info) and `password=...` in a PostgreSQL connection string.
enum Secrets {
    static let placeholder = "***"

    /// A setting's value with every URL's password masked (`config list`, the notes about ignored variables).
    static func setting(_ value: String) -> String {
        value.split(separator: ",", omittingEmptySubsequences: false).map { part -> String in
            let text = String(part)
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard trimmed.contains("://") else { return text }
            guard let components = URLComponents(string: trimmed) else { return Self.mask(text) }
            guard components.password != nil else { return text }
            var masked = components
            masked.password = placeholder
            return masked.string ?? placeholder
        }.joined(separator: ",")
    }

    /// Free text (an error message, a server's words, a log line) with every `scheme://user:password@` and
    /// `password=value` masked. Works on text that is not a valid URL too.
    static func mask(_ text: String) -> String {
        guard text.contains("@") || text.lowercased().contains("password") else { return text }
        var out = text
        for (pattern, template) in patterns {
            out = pattern.stringByReplacingMatches(
                in: out, range: NSRange(out.startIndex..., in: out), withTemplate: template)
        }
        return out
    }

    /// Masks `secrets` (tokens) wherever they occur in `text`, besides ``mask(_:)``.
    static func mask(_ text: String, hiding secrets: [String]) -> String {
        var out = mask(text)
        for secret in secrets where secret.count >= 8 { out = out.replacingOccurrences(of: secret, with: placeholder) }
        return out
    }

    private nonisolated(unsafe) static let patterns: [(NSRegularExpression, String)] = [
        // scheme://user:password@host — the password may hold anything but '@' and white space; the user part may
        // be empty (redis://:secret@host). JSON may write the slashes as `\/\/`. The scheme is bounded (RFC 3986
        // schemes are short): unbounded, every letter of a long word started a scan to its end, and a 32 KB URL took
        // 12 s to print.
        (try! NSRegularExpression(pattern: #"([A-Za-z][A-Za-z0-9+.\-]{0,31}:(?:\\/\\/|//)[^:/@\s\\]*:)[^@\s]+@"#), "$1***@"),
        // password=secret in a key=value connection string (quoted or not).
        (try! NSRegularExpression(pattern: #"(?i)(password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]+)"#), "$1***"),
    ]
}

extension Settings {
    /// The tokens this command may hold (`MSCLI_TOKEN`, the profile's stored session), to be masked wherever they
    /// would appear.
    var tokens: [String] {
        var tokens: [String] = []
        if let token = environment["MSCLI_TOKEN"], !token.isEmpty { tokens.append(token) }
        if let session = try? SessionStore(configDirectory: configDirectory).load(profile: profileName) { tokens.append(session.token) }
        return tokens
    }

    /// ``tokens`` when the settings could not be resolved (the failure that is being reported may be that).
    static func tokens(_ environment: [String: String], _ options: GlobalOptions) -> [String] {
        (try? resolve(options, environment: environment, allowUnknownProfile: true, targets: false))?.tokens
            ?? [environment["MSCLI_TOKEN"]].compactMap { $0 }.filter { !$0.isEmpty }
    }
}
