import ArgumentParser
import Foundation

/// The stored session, for scripts and for people: `auth token` prints it (for curl), `auth status` says whose it is
/// and how long it lasts, without calling the service.
extension AuthCommand {
    struct Token: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the session token of the profile, for other tools (curl).",
            discussion: """
                Prints the `access_token` cookie value the profile's session holds (or MSCLI_TOKEN when set) on standard \
                output and nothing else; exit 4 when not logged in or expired. The token is a credential: do not paste it \
                into logs or tickets.

                Examples:
                  curl -b "access_token=$(mscli auth token)" \\
                      http://127.0.0.1:8000/auth/user_details
                  curl -H "Cookie: $(mscli auth token --cookie -p staging)" \\
                      https://staging.example.com/booking/bookings/
                """)

        @Flag(help: "Print it as a cookie header value: access_token=TOKEN.") var cookie = false
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            guard !context.settings.maintenance else { throw CLIError.usage("maintenance mode has no session; a token is for HTTP") }
            guard let token = try context.sessionToken(required: true) else { throw CLIError("not logged in", status: .refused) }
            context.console.out(cookie ? "access_token=\(token)" : token)
        }
    }

    struct Status: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Show whether the profile has a session, whose, for which auth service, and until when.",
            discussion: """
                Reads the stored session only (no request to the service; `mscli auth whoami` asks the service). Exit 0 \
                with a valid session, 4 when there is none or it expired: usable as a check in scripts.

                Examples:
                  mscli auth status
                  mscli auth status -p staging -o json
                  mscli auth status -p staging >/dev/null 2>&1 ||
                      mscli auth login -p staging --email ops@example.com
                """)

        @OptionGroup var global: GlobalOptions

        struct SessionStatus: Codable, Sendable {
            var profile: String
            var loggedIn: Bool
            var source: String
            var email: String?
            var role: String?
            var userID: String?
            var authURL: String?
            var expiresAt: Date?
            var secondsLeft: Int?

            enum CodingKeys: String, CodingKey {
                case profile, email, role, source
                case loggedIn = "logged_in"
                case userID = "user_id"
                case authURL = "auth_url"
                case expiresAt = "expires_at"
                case secondsLeft = "seconds_left"
            }
        }

        func run(_ context: CommandContext) async throws {
            let profile = context.settings.profileName
            var status = SessionStatus(profile: profile, loggedIn: false, source: "none")
            if let token = context.settings.environment["MSCLI_TOKEN"], !token.isEmpty {
                status.loggedIn = true
                status.source = "MSCLI_TOKEN"
                status.authURL = context.settings.authURL
            } else if let session = try context.sessions.load(profile: profile) {
                status.source = context.sessions.url(for: profile).path
                status.email = session.email
                status.role = session.role
                status.userID = session.userID
                status.authURL = session.authURL
                status.expiresAt = session.expiresAt
                status.secondsLeft = session.expiresAt.map { Int($0.timeIntervalSinceNow.rounded(.down)) }
                status.loggedIn = (status.secondsLeft ?? 1) > 0
            }
            try context.output(status) { status in
                Table(fields: [
                    ("profile", status.profile), ("logged_in", status.loggedIn ? "yes" : "no"), ("source", status.source),
                    ("email", status.email ?? "-"), ("role", status.role ?? "-"), ("auth_url", status.authURL ?? "-"),
                    ("expires_at", Rendering.date(status.expiresAt)),
                    ("time_left", status.secondsLeft.map { $0 > 0 ? Self.duration($0) : "expired" } ?? "-"),
                ])
            }
            guard status.loggedIn else {
                let reason = status.email.map { "the session of \($0) expired" } ?? "not logged in"
                throw CLIError("\(reason) (profile \(profile)); run `mscli auth login`", status: .refused)
            }
        }

        static func duration(_ seconds: Int) -> String {
            let hours = seconds / 3600, minutes = seconds % 3600 / 60
            return hours > 0 ? "\(hours)h\(String(format: "%02d", minutes))m" : "\(minutes)m\(String(format: "%02d", seconds % 60))s"
        }
    }
}
