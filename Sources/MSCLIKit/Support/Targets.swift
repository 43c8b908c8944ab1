import Foundation
import ServiceCore

/// How a command names where it acts, in prompts, dry runs and maintenance-mode messages: `host:port/database` for a
/// database or shard, the service's URL over HTTP. Never with a password.
enum Targets {
    /// `127.0.0.1:5432/auth_service`.
    static func database(_ settings: DatabaseSettings) -> String {
        let host = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        return "\(host):\(settings.port)/\(settings.database)"
    }

    /// A database URL as ``database(_:)`` names it; a URL that does not parse is named with its password masked.
    static func database(url: String) -> String {
        (try? DatabaseSettings(url: url)).map(database) ?? Secrets.setting(url)
    }

    /// A service URL without user info, query or trailing slash: `http://127.0.0.1:8003`.
    static func service(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.host != nil else { return Secrets.setting(url) }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        var text = components.string ?? url
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

extension CommandContext {
    /// Where a command on `service` acts: the service's URL over HTTP; in maintenance mode its database (food: the
    /// primary, then each order shard).
    func target(_ service: ManagedService) -> String {
        if !settings.maintenance {
            switch service {
            case .auth: return Targets.service(settings.authURL)
            case .booking: return Targets.service(settings.bookingURL)
            case .food: return Targets.service(settings.foodURL)
            }
        }
        return databaseTargets(service)
    }

    /// The databases of `service` as targets, whatever the mode (migrations always work on the databases).
    func databaseTargets(_ service: ManagedService) -> String {
        let primary: String?
        switch service {
        case .auth: primary = settings.authDatabaseURL
        case .booking: primary = settings.bookingDatabaseURL
        case .food: primary = settings.foodDatabaseURL
        }
        var text = primary.map(Targets.database(url:)) ?? "(no \(service.rawValue) database)"
        if service == .food, !settings.foodShardURLs.isEmpty {
            text += " and shards " + settings.foodShardURLs.map(Targets.database(url:)).joined(separator: ", ")
        }
        return text
    }

    /// A data change done: said as is over HTTP; in maintenance mode followed by where it was written
    /// (`Created theater X (id) in 127.0.0.1:5432/booking_service`).
    /// `then` follows after a semicolon (a hint for the next step).
    func changed(_ text: String, in service: ManagedService, then: String? = nil) {
        let done = settings.maintenance ? "\(text) in \(databaseTargets(service))" : text
        message(then.map { "\(done); \($0)" } ?? done)
    }
}
