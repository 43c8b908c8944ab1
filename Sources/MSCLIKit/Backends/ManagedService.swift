import ArgumentParser
import AuthService
import BookingService
import FoodService
import ServiceCore

/// A service whose databases mscli manages.
public enum ManagedService: String, CaseIterable, ExpressibleByArgument, Sendable {
    case auth
    case booking
    case food

    public var migrations: MigrationSet {
        switch self {
        case .auth: AuthMigrations.set
        case .booking: BookingMigrations.set
        case .food: FoodMigrations.set
        }
    }

    /// The environment variable (and profile key) that names this service's database.
    var databaseVariable: String {
        switch self {
        case .auth: "AUTH_DATABASE_URL"
        case .booking: "BOOKING_DATABASE_URL"
        case .food: "FOOD_DATABASE_URL"
        }
    }

    var databaseFlag: String {
        switch self {
        case .auth: "--auth-database-url"
        case .booking: "--booking-database-url"
        case .food: "--food-database-url"
        }
    }
}

extension CommandContext {
    /// The service's database as libpq resolves its setting (a URL or conninfo string; without one, PG* variables
    /// and the service file, when they name a database).
    func databaseSettings(for service: ManagedService) throws -> DatabaseSettings {
        let url = databaseURL(for: service)
        guard let resolved = try ConnectionResolver(environment: settings.environment).resolve(url, label: service.rawValue) else {
            throw CLIError.usage(
                "no database URL for \(service.rawValue): set \(service.databaseVariable), pass \(service.databaseFlag), "
                    + "`mscli config set \(service.rawValue)_database_url URL`, or name a database with PGDATABASE or PGSERVICE")
        }
        return resolved
    }

    /// The service's database setting as configured (flag, variable, profile), before libpq completes it.
    func databaseURL(for service: ManagedService) -> String? {
        switch service {
        case .auth: settings.authDatabaseURL
        case .booking: settings.bookingDatabaseURL
        case .food: settings.foodDatabaseURL
        }
    }

    /// Whether the service has a database to resolve: a setting, or PGDATABASE/PGSERVICE for libpq's defaults.
    func hasDatabase(for service: ManagedService) -> Bool {
        !(databaseURL(for: service) ?? "").isEmpty || ConnectionResolver(environment: settings.environment).namesDatabase
    }

    /// The food layout: the primary and the order shards (`--food-shard-urls`, FOOD_SHARD_DATABASE_URLS), each
    /// resolved by libpq, built by the service's own factory (``ShardLayout/fromList(_:primary:variable:settings:)``).
    func foodShardLayout() throws -> ShardLayout {
        let resolver = ConnectionResolver(environment: settings.environment)
        return try ShardLayout.fromList(
            settings.foodShardURLs, primary: try databaseSettings(for: .food), variable: "FOOD_SHARD_DATABASE_URLS"
        ) { url, index in
            guard let shard = try resolver.resolve(url, label: "food shard \(index)") else {
                throw CLIError.usage("food shard URL \(index) is empty")
            }
            return shard
        }
    }

}

extension CommandContext {
    /// Every database a service's migrations run on, with a label: one for auth and booking; for food the primary
    /// and each order shard (`--food-shard-urls`), each once.
    func migrationDatabases(for service: ManagedService) throws -> [(label: String, settings: DatabaseSettings)] {
        guard service == .food else { return [(service.rawValue, try databaseSettings(for: service))] }
        let layout = try foodShardLayout()
        let primary = layout.primary
        var databases = [(label: "food primary (\(primary.database))", settings: primary)]
        for (index, shard) in layout.configuredShards.enumerated() {
            if !databases.contains(where: { $0.settings == shard }) {
                databases.append((label: "food shard \(index) (\(shard.database))", settings: shard))
            }
        }
        return databases
    }
}
