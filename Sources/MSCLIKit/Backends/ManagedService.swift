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
    func databaseSettings(for service: ManagedService) throws -> DatabaseSettings {
        let url: String?
        switch service {
        case .auth: url = settings.authDatabaseURL
        case .booking: url = settings.bookingDatabaseURL
        case .food: url = settings.foodDatabaseURL
        }
        guard let url else {
            throw CLIError.usage(
                "no database URL for \(service.rawValue): set \(service.databaseVariable), pass \(service.databaseFlag), "
                    + "or `mscli config set \(service.rawValue)_database_url URL`")
        }
        return try DatabaseSettings(url: url)
    }
}

extension CommandContext {
    /// Every database a service's migrations run on, with a label: one for auth and booking; for food the primary
    /// and each order shard (`--food-shard-urls`), each once.
    func migrationDatabases(for service: ManagedService) throws -> [(label: String, settings: DatabaseSettings)] {
        let primary = try databaseSettings(for: service)
        guard service == .food else { return [(service.rawValue, primary)] }
        var databases = [(label: "food primary (\(primary.database))", settings: primary)]
        for (index, url) in settings.foodShardURLs.enumerated() {
            let shard: DatabaseSettings
            do {
                shard = try DatabaseSettings(url: url)
            } catch {
                throw CLIError.usage("food shard URL \(index): \(error)")
            }
            if !databases.contains(where: { $0.settings == shard }) {
                databases.append((label: "food shard \(index) (\(shard.database))", settings: shard))
            }
        }
        return databases
    }
}
