import ArgumentParser
import AuthService

extension UsersCommand {
    struct ResetPassword: MSCLICommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Set a user's password and end every session of theirs (admin session, or --maintenance).",
            discussion: """
                The new password must pass the same rules as at signup (length, not a common password). The user is \
                signed out at every service, as when users change their password themselves. Over HTTP an admin \
                resets users below them; nobody resets their own (use the web page, which asks for the current one).

                Examples:
                  mscli auth users reset-password ana@example.com --password-stdin
                  mscli auth users reset-password ana@example.com --maintenance
                """)
        @Argument(help: "Id or e-mail address.") var user: String
        @OptionGroup var password: PasswordInput
        @OptionGroup var global: GlobalOptions

        func run(_ context: CommandContext) async throws {
            let secret = try password.read(context, prompt: "New password: ")
            let target = UserReference(user)
            let updated = try await withAuthBackend(context) { try await $0.resetPassword(target, password: secret) }
            context.message("Reset the password of \(updated.email); every session of theirs has ended")
            try context.output(updated, table: UserTables.single)
        }
    }
}
