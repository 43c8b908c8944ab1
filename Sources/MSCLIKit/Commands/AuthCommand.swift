import ArgumentParser
import AuthService
import Foundation
import ServiceCore

struct AuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Sign in and out, and manage users and roles.",
        discussion: """
            Examples:
              mscli auth login --email admin@example.com
              mscli auth status
              mscli auth users list
            """,
        subcommands: [Register.self, Login.self, Logout.self, Whoami.self, Status.self, Token.self, UsersCommand.self]
    )
}

/// How a command gets a password: a prompt without echo, or standard input with `--password-stdin`.
struct PasswordInput: ParsableArguments {
    @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input instead of prompting.")
    var passwordStdin = false

    func read(_ context: CommandContext, prompt: String = "Password: ") throws -> String {
        let password = passwordStdin
            ? context.console.readAllStdin()
            : try context.console.readSecret(prompt: prompt, alternative: "pass --password-stdin and pipe it in")
        guard !password.isEmpty else { throw CLIError("empty password", status: .usage) }
        return password
    }
}

extension AuthCommand {
    struct Register: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account with the role user.",
            discussion: """
                Examples:
                  printf '%s' "$PW" | mscli auth register --email ana@example.com \\
                      --name Ana --password-stdin
                """)

        @Option(help: "E-mail address of the new account.") var email: String
        @Option(help: "Display name.") var name: String
        @OptionGroup var password: PasswordInput
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let secret = try password.read(context)
            let user = try await withAuthBackend(context, requireSession: false) { backend in
                try await backend.register(email: email, name: name, password: secret)
            }
            context.changed("Registered \(user.email)", in: .auth, then: "sign in with `mscli auth login --email \(user.email)`")
            try context.output(user) {
                Table(fields: [("id", $0.id.lowercasedString), ("email", $0.email), ("name", $0.name), ("role", $0.role.rawValue)])
            }
        }
    }

    struct Login: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign in and keep the session for later commands.",
            discussion: """
                The session cookie is saved in $XDG_CONFIG_HOME/mscli/sessions/<profile>.json, readable only by you.

                Examples:
                  mscli auth login --email admin@example.com
                  printf '%s' "$PW" | mscli auth login -p staging --email ops@example.com \\
                      --password-stdin
                """)

        @Option(help: "E-mail address.") var email: String
        @OptionGroup var password: PasswordInput
        @OptionGroup var global: GlobalOptions

        struct LoginBody: Encodable, Sendable { var email, password: String }
        struct LoginReply: Codable, Sendable {
            var email: String
            var id: String
            var name: String
            var role: String
        }

        func run(_ context: CommandContext) async throws {
            guard !context.settings.maintenance else {
                throw CLIError.usage("login talks to the auth service; maintenance mode needs no session")
            }
            try Self.checkSessionHome(context)
            let secret = try password.read(context)
            let http = ServiceHTTPClient(baseURL: context.settings.authURL, token: nil, on: context)
            let reply = try await http.send(.POST, "/auth/login", json: LoginBody(email: email, password: secret))
            let body = try http.decode(LoginReply.self, from: reply)
            guard let cookie = reply.headers["Set-Cookie"].first(where: { $0.hasPrefix("\(SessionCookie.name)=") }) else {
                throw CLIError("the auth service did not set a session cookie")
            }
            let attributes = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            let token = String(attributes[0].dropFirst(SessionCookie.name.count + 1))
            let maxAge = attributes.first { $0.lowercased().hasPrefix("max-age=") }.flatMap { Int($0.dropFirst(8)) }
            let session = StoredSession(
                token: token, email: body.email, userID: body.id, role: body.role, authURL: context.settings.authURL,
                expiresAt: maxAge.map { Date().addingTimeInterval(TimeInterval($0)) })
            try context.sessions.save(session, profile: context.settings.profileName)
            context.message(
                "Logged in as \(body.email) (\(body.role)) on profile \(context.settings.profileName) at \(Targets.service(context.settings.authURL))")
            try context.output(body) { Table(fields: [("id", $0.id), ("email", $0.email), ("name", $0.name), ("role", $0.role)]) }
        }

        /// Sessions are stored per profile. With exported target variables (no profile chosen) the session would be
        /// stored under the current profile: refused when that profile is another environment's (its auth_url
        /// differs), so logging in to one environment never overwrites the session of another.
        static func checkSessionHome(_ context: CommandContext) throws {
            guard context.settings.source == .environment,
                let theirs = try ConfigFile.load(from: context.settings.configURL).profiles[context.settings.profileName]?[.authURL],
                !CommandContext.sameService(theirs, context.settings.authURL)
            else { return }
            throw CLIError(
                "profile \(context.settings.profileName) belongs to \(Targets.service(theirs)), not to the exported "
                    + "\(Targets.service(context.settings.authURL)); log in with -p PROFILE (a profile of that environment), "
                    + "or unset the exported target variables", status: .refused)
        }
    }

    struct Logout: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Sign out and forget the stored session.",
            discussion: """
                Examples:
                  mscli auth logout
                  mscli auth logout -p staging
                """)
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let session = try? context.sessions.load(profile: context.settings.profileName)
            // With exported variables, the current profile's session of another auth service is not this one's.
            if context.settings.source == .environment, let session, !CommandContext.sameService(session.authURL, context.settings.authURL) {
                throw CLIError(
                    "the session of profile \(context.settings.profileName) belongs to \(Targets.service(session.authURL)), not to the "
                        + "exported \(Targets.service(context.settings.authURL)); log out with -p \(context.settings.profileName)",
                    status: .refused)
            }
            if let session {
                // Best effort: the service revokes the token everywhere; forgetting it locally signs us out regardless.
                _ = try? await ServiceHTTPClient(baseURL: session.authURL, token: session.token, on: context).send(.POST, "/auth/logout")
            }
            let removed = context.sessions.delete(profile: context.settings.profileName)
            context.message(removed ? "Logged out (profile \(context.settings.profileName))" : "Not logged in; nothing to do")
        }
    }

    struct Whoami: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the signed-in user, as the auth service sees them now.",
            discussion: """
                Examples:
                  mscli auth whoami
                  mscli auth whoami -p staging -o json
                """)
        @OptionGroup var global: GlobalOptions

        struct Identity: Codable, Sendable {
            var id: String
            var email: String
            var name: String
            var role: String
            var profile: String?
            var authURL: String?
            var expiresAt: Date?

            enum CodingKeys: String, CodingKey {
                case id, email, name, role, profile
                case authURL = "auth_url"
                case expiresAt = "expires_at"
            }
        }

        func run(_ context: CommandContext) async throws {
            guard !context.settings.maintenance else { throw CLIError.usage("whoami needs a session; maintenance mode has no user") }
            let token = try context.sessionToken(required: true)
            let session = try context.storedSession()
            let http = ServiceHTTPClient(baseURL: context.settings.authURL, token: token, on: context)
            var identity = try http.decode(Identity.self, from: try await http.send(.GET, "/auth/user_details"))
            identity.profile = context.settings.profileName
            identity.authURL = context.settings.authURL
            identity.expiresAt = session?.expiresAt
            try context.output(identity) {
                Table(fields: [
                    ("id", $0.id), ("email", $0.email), ("name", $0.name), ("role", $0.role), ("profile", $0.profile ?? "-"),
                    ("auth_url", $0.authURL ?? "-"), ("session_expires", Rendering.date($0.expiresAt)),
                ])
            }
        }
    }
}

enum UserTables {
    static func single(_ user: User) -> Table {
        Table(fields: [
            ("id", user.id.lowercasedString), ("email", user.email), ("name", user.name), ("role", user.role.rawValue),
            ("disabled", user.disabled ? "yes" : "no"), ("created_at", Rendering.date(user.createdAt)),
            ("updated_at", Rendering.date(user.updatedAt)),
        ])
    }

    static func page(_ page: UserPage) -> Table {
        Table(
            headers: ["ID", "EMAIL", "NAME", "ROLE", "DISABLED", "CREATED"],
            rows: page.items.map {
                [$0.id.lowercasedString, $0.email, $0.name, $0.role.rawValue, $0.disabled ? "yes" : "no", Rendering.date($0.createdAt)]
            })
    }
}
