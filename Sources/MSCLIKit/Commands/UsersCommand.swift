import ArgumentParser
import AuthService
import Foundation
import ServiceCore

extension Role: ExpressibleByArgument {}

struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage user accounts (admin session, or --maintenance).",
        discussion: """
            USER is an id or an e-mail address. Over HTTP these need an admin or super_admin session; with \
            --maintenance they act on the auth database directly, which is how the first super_admin is made (the \
            first example).

            Examples:
              printf '%s' "$PW" | mscli auth users create --maintenance \\
                  --email root@example.com --name Root --role super_admin --password-stdin
              mscli auth users list --limit 20
              mscli auth users set-role ana@example.com admin
            """,
        subcommands: [
            List.self, Get.self, Create.self, SetRole.self, ResetPassword.self, Disable.self, Enable.self, EndSessions.self, Delete.self,
        ]
    )
}

extension UsersCommand {
    static func setDisabled(_ user: Reference, _ disabled: Bool, _ context: CommandContext) async throws {
        let updated = try await withAuthBackend(context) {
            try await $0.setDisabled(.id(try await $0.resolve(user, as: .user)), disabled: disabled)
        }
        context.changed("\(disabled ? "Disabled" : "Enabled") \(updated.email)", in: .auth)
        try context.output(updated, table: UserTables.single)
    }

    struct List: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "List users, oldest first.",
            discussion: """
                Examples:
                  mscli auth users list --limit 50 --offset 50
                  mscli auth users list --maintenance -o json
                """)
        @Option(help: "Users per page (1-200).") var limit = 50
        @Option(help: "Users to skip.") var offset = 0
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard (1...200).contains(limit) else { throw ValidationError("--limit must be from 1 to 200") }
            guard offset >= 0 else { throw ValidationError("--offset must not be negative") }
        }

        func run(_ context: CommandContext) async throws {
            let page = try await withAuthBackend(context) { try await $0.list(limit: limit, offset: offset) }
            try context.output(page, table: UserTables.page)
            if context.settings.output == .table, page.offset + page.items.count < page.total {
                context.message("showing \(page.items.count) of \(page.total); next page: --offset \(page.offset + page.items.count)")
            }
        }
    }

    struct Get: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one user.",
            discussion: """
                Examples:
                  mscli auth users get priya.sharma@example.com
                """)
        @Argument(help: ArgumentHelp("Id or e-mail address.", valueName: "user")) var user: Reference
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let found = try await withAuthBackend(context) { try await $0.get(.id(try await $0.resolve(user, as: .user))) }
            try context.output(found, table: UserTables.single)
        }
    }

    struct Create: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user with a role.",
            discussion: """
                Examples:
                  printf '%s' "$PW" | mscli auth users create --email ana@example.com \\
                      --name Ana --role admin --password-stdin
                """)
        @Option(help: "E-mail address.") var email: String
        @Option(help: "Display name.") var name: String
        @Option(help: "Role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: Role = .user
        @OptionGroup var password: PasswordInput
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let secret = try password.read(context)
            let user = try await withAuthBackend(context) { backend in
                try await backend.create(email: email, name: name, password: secret, role: role)
            }
            context.changed("Created \(user.email) with the role \(user.role.rawValue)", in: .auth)
            try context.output(user, table: UserTables.single)
        }
    }

    struct SetRole: MSCLICommand {
        static let configuration = CommandConfiguration(
            commandName: "set-role", abstract: "Change a user's role.",
            discussion: """
                Examples:
                  mscli auth users set-role priya.sharma@example.com moderator
                """)
        @Argument(help: ArgumentHelp("Id or e-mail address.", valueName: "user")) var user: Reference
        @Argument(help: "New role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).") var role: Role
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let updated = try await withAuthBackend(context) { try await $0.setRole(.id(try await $0.resolve(user, as: .user)), role: role) }
            context.changed("\(updated.email) is now \(updated.role.rawValue)", in: .auth)
            try context.output(updated, table: UserTables.single)
        }
    }

    struct Disable: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account: it can no longer sign in or use its sessions.",
            discussion: """
                Examples:
                  mscli auth users disable priya.sharma@example.com
                """)
        @Argument(help: ArgumentHelp("Id or e-mail address.", valueName: "user")) var user: Reference
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            try await UsersCommand.setDisabled(user, true, context)
        }
    }

    struct Enable: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Enable a disabled account.",
            discussion: """
                Examples:
                  mscli auth users enable priya.sharma@example.com
                """)
        @Argument(help: ArgumentHelp("Id or e-mail address.", valueName: "user")) var user: Reference
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            try await UsersCommand.setDisabled(user, false, context)
        }
    }

    struct EndSessions: MSCLICommand {
        static let configuration = CommandConfiguration(
            commandName: "end-sessions",
            abstract: "End every session of a user at every service (they sign in again).",
            discussion: """
                Examples:
                  mscli auth users end-sessions priya.sharma@example.com
                """)
        @Argument(help: ArgumentHelp("Id or e-mail address.", valueName: "user")) var user: Reference
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let updated = try await withAuthBackend(context) { try await $0.endSessions(.id(try await $0.resolve(user, as: .user))) }
            context.changed("Ended every session of \(updated.email)", in: .auth)
            try context.output(updated, table: UserTables.single)
        }
    }

    struct Delete: MSCLICommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a user (asks first unless --yes).",
            discussion: """
                Examples:
                  mscli auth users delete priya.sharma@example.com --yes
                """)
        @Argument(help: ArgumentHelp("Id or e-mail address.", valueName: "user")) var user: Reference
        @Flag(name: [.short, .long], help: "Do not ask for confirmation.") var yes = false
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            try await withAuthBackend(context) { backend in
                let target = try await backend.get(.id(try await backend.resolve(user, as: .user)))
                try context.console.confirm(
                    "Delete \(target.email) (\(target.role.rawValue), \(target.id.lowercasedString)) on \(context.target(.auth))?", assumeYes: yes)
                try await backend.delete(.id(target.id))
                context.changed("Deleted \(target.email)", in: .auth)
            }
        }
    }
}
