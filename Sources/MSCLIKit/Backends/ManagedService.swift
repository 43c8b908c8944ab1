import ArgumentParser
import AuthService
import BookingService
import ServiceCore

/// A service whose database mscli manages. Booking and food join this list as they arrive.
public enum ManagedService: String, CaseIterable, ExpressibleByArgument, Sendable {
    case auth
    case booking

    public var migrations: MigrationSet {
        switch self {
        case .auth: AuthMigrations.set
        case .booking: BookingMigrations.set
        }
    }

    /// The environment variable (and profile key) that names this service's database.
    var databaseVariable: String {
        switch self {
        case .auth: "AUTH_DATABASE_URL"
        case .booking: "BOOKING_DATABASE_URL"
        }
    }

    var databaseFlag: String {
        switch self {
        case .auth: "--auth-database-url"
        case .booking: "--booking-database-url"
        }
    }
}

extension CommandContext {
    func databaseSettings(for service: ManagedService) throws -> DatabaseSettings {
        let url: String?
        switch service {
        case .auth: url = settings.authDatabaseURL
        case .booking: url = settings.bookingDatabaseURL
        }
        guard let url else {
            throw CLIError.usage(
                "no database URL for \(service.rawValue): set \(service.databaseVariable), pass \(service.databaseFlag), "
                    + "or `mscli config set \(service.rawValue)_database_url URL`")
        }
        return try DatabaseSettings(url: url)
    }
}
