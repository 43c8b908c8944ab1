import ArgumentParser

/// The root command.
public struct MSCLI: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "mscli",
        abstract: "Administer the movie-booking and food-ordering services.",
        discussion: """
            Commands call the services over HTTP with the session `mscli auth login` stored, or, with --maintenance, \
            work on the databases directly through the same service code.

            One environment at a time. The targets (service URLs, databases, food shards, Redis, search) come from \
            one place: flags on the command line (--auth-url, --auth-database-url, ..., --food-shard-urls, \
            --redis-url) win value by value; then a profile chosen with -p (or MSCLI_PROFILE) is the environment and \
            exported target variables are ignored, with a note naming those that differ; with no profile chosen, \
            exported target variables (AUTH_SERVICE_URL, AUTH_DATABASE_URL, BOOKING_SERVICE_URL, BOOKING_DATABASE_URL, \
            FOOD_SERVICE_URL, FOOD_DATABASE_URL, FOOD_SHARD_DATABASE_URLS, REDIS_URL, ELASTICSEARCH_URL or SEARCH_URL) \
            are the environment on their own, never completed by the current profile; otherwise the current profile of \
            $XDG_CONFIG_HOME/mscli/config.toml. MSCLI_PROFILE together with exported target variables that differ is \
            refused (both are ambient): unset one, or choose with -p. A stored session is only sent to the auth service \
            that issued it. Prompts, --dry-run and maintenance-mode changes name their targets (host:port/database, or \
            the service URL); passwords and tokens are never printed. Other settings: MSCLI_OUTPUT, MSCLI_TOKEN, \
            MSCLI_CONFIG, MSCLI_MAINTENANCE, MSCLI_DEBUG.

            Exit codes: 0 success; 1 error; 2 cancelled or confirmation needed without a terminal; 3 migrations \
            pending (migrate status --check); 4 refused (not signed in, forbidden, not found, conflict, invalid \
            input); 5 service or database unreachable; 64 usage error; 130 interrupted.

            Global options, accepted by every command, before or after its name (each command's help shows only -p, \
            -o and --maintenance):
            """ + "\n" + CommandLineParser.globalOptionsHelp + """


            Examples:
              mscli auth login --email admin@example.com
              mscli -p staging theaters list --city Bengaluru
              mscli migrate down auth -p staging --dry-run
              mscli migrate status --all -o json
              mscli shell -p local
            """,
        version: version,
        subcommands: [
            AuthCommand.self, TheatersCommand.self, MoviesCommand.self, ShowingsCommand.self, BookCommand.self, SearchCommand.self,
            FoodCommand.self, ScrapeCommand.self,
            ReindexCommand.self, SeedCommand.self, MigrateCommand.self, AuditCommand.self, ConfigCommand.self, DoctorCommand.self, ShellCommand.self,
            CompletionCommand.self,
        ]
    )

    public init() {}
}
